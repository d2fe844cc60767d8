import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HttpMethod } from '../matches';

/**
 * What VPC Lattice would decide for a request, as far as the app knows.
 */
export enum AccessDecision {
  /** Every level VPC Lattice evaluates allows the request. */
  ALLOW = 'ALLOW',
  /** A level denies it: an explicit Deny, or nothing allows it. */
  DENY = 'DENY',
  /** A value known only at deploy time, or a fact the app cannot know, decides it. */
  UNKNOWN = 'UNKNOWN',
}

/**
 * A request, for `canInvoke` and `canInvokeAnonymously`. What is left out is not known: a condition on it makes the
 * answer `UNKNOWN`.
 */
export interface AccessRequest {
  /**
   * The HTTP method.
   * @default - not known
   */
  readonly method?: HttpMethod;

  /**
   * The path, starting with `/`.
   * @default - not known
   */
  readonly path?: string;

  /**
   * The listener port.
   * @default - each listener; their answer when they agree, else `UNKNOWN`
   */
  readonly port?: number;

  /**
   * The headers (lowercase names); given, they are all the request has.
   * @default - not known
   */
  readonly headers?: Record<string, string>;

  /**
   * The query string parameters; given, they are all the request has.
   * @default - not known
   */
  readonly queryParameters?: Record<string, string>;

  /**
   * The VPC the request comes from; it picks the service network (the VPC's association or endpoints).
   * @default - not known: every network of the service
   */
  readonly sourceVpc?: ec2.IVpc;

  /**
   * `aws:PrincipalOrgID` of the caller.
   * @default - not known
   */
  readonly principalOrgId?: string;

  /**
   * `aws:PrincipalOrgPaths` of the caller.
   * @default - not known
   */
  readonly principalOrgPaths?: string[];

  /**
   * The caller's tags (`aws:PrincipalTag/<key>`); given, they are all its tags.
   * @default - not known
   */
  readonly principalTags?: Record<string, string>;

  /**
   * The caller's account.
   * @default - its stack's, or its ARN's
   */
  readonly principalAccount?: string;
}

/**
 * The answer to "may this caller make this request".
 */
export interface AccessAnswer {
  /** ALLOW, DENY or UNKNOWN. */
  readonly decision: AccessDecision;
  /** Each level evaluated, and the statement or fact that decided it. */
  readonly reasons: string[];
}
