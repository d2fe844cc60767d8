import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HttpMethod } from '../matches';

/**
 * What VPC Lattice would decide for a request, as far as the app knows.
 */
export enum AccessDecision {
  /** Every level that VPC Lattice evaluates allows the request, and none denies it. */
  ALLOW = 'ALLOW',
  /** A level denies the request: an explicit Deny, or no statement that allows it. */
  DENY = 'DENY',
  /** The app does not know enough to decide: a value known only at deploy time, or a fact it cannot know. */
  UNKNOWN = 'UNKNOWN',
}

/**
 * A request to a service, for `canInvoke` and `canInvokeAnonymously`. What is left out is not known: conditions on it
 * make the answer `UNKNOWN`, except headers and query strings once some are given (those not given are then absent).
 */
export interface AccessRequest {
  /**
   * The HTTP method.
   *
   * @default - not known
   */
  readonly method?: HttpMethod;

  /**
   * The request path, starting with `/`.
   *
   * @default - not known
   */
  readonly path?: string;

  /**
   * The listener port: the request goes to the service's listener on this port. Required to choose among several listeners.
   *
   * @default - each listener of the service; the answer is theirs when they agree, else `UNKNOWN`
   */
  readonly port?: number;

  /**
   * The request's headers (names in lowercase). Given, they are all the headers: others are absent.
   *
   * @default - not known
   */
  readonly headers?: Record<string, string>;

  /**
   * The request's query string parameters. Given, they are all the parameters: others are absent.
   *
   * @default - not known
   */
  readonly queryParameters?: Record<string, string>;

  /**
   * The VPC the request comes from.
   *
   * @default - not known
   */
  readonly sourceVpc?: ec2.IVpc;

  /**
   * The ID of the caller's AWS Organization (`aws:PrincipalOrgID`).
   *
   * @default - not known
   */
  readonly principalOrgId?: string;

  /**
   * The caller's organization paths (`aws:PrincipalOrgPaths`), like `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`.
   *
   * @default - not known
   */
  readonly principalOrgPaths?: string[];

  /**
   * The caller's tags (`aws:PrincipalTag/<key>`). Given, they are all its tags.
   *
   * @default - not known
   */
  readonly principalTags?: Record<string, string>;

  /**
   * The caller's account, when the app cannot tell it (an imported principal without one in its ARN).
   *
   * @default - the account of the caller's stack, or of its ARN
   */
  readonly principalAccount?: string;
}

/**
 * The answer to "may this caller make this request": the decision and how it was reached.
 */
export interface AccessAnswer {
  /** ALLOW, DENY or UNKNOWN. */
  readonly decision: AccessDecision;
  /** Each level evaluated (identity policies, service network, service), and the statement or fact that decided it. */
  readonly reasons: string[];
}
