import { Lazy, Names } from 'aws-cdk-lib';
import { CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { IConstruct } from 'constructs';
import { freeChildId } from './private/ids';
import { checkGiven, checkList, checkOneOf, checkStruct, invalid, isToken } from './private/validation';

/**
 * Whom to share a service network or a service with through AWS Resource Access Manager (RAM).
 */
export interface ShareOptions {
  /**
   * The accounts and parts of AWS Organizations to share with: 12-digit account IDs, organization ARNs
   * (`arn:aws:organizations::<management account>:organization/o-…`) or organizational-unit ARNs
   * (`arn:aws:organizations::<management account>:ou/o-…/ou-…`). Sharing with an organization or an organizational unit
   * needs sharing with AWS Organizations enabled in RAM; accounts in it then need not accept the share.
   */
  readonly principals: string[];

  /**
   * Whether principals outside your organization may be given the share. Accounts outside it must accept the share.
   *
   * @default false - only principals in your organization (RAM ignores this when your account is in no organization)
   */
  readonly allowExternalPrincipals?: boolean;
}

const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const ORGANIZATIONAL_UNIT = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/**
 * An `AWS::RAM::ResourceShare` of one VPC Lattice resource (`owner`, by its ARN), beside it: `ResourceShare`,
 * `ResourceShare2`, … for each call.
 *
 * @internal
 */
export function shareResource(owner: IConstruct, resourceArn: string, options: ShareOptions): CfnResourceShare {
  checkStruct(owner, 'shareWith', options, { like: "{ principals: ['111122223333'] }", required: true });
  checkGiven(owner, 'shareWith principals', options.principals, 'the accounts or parts of AWS Organizations to share with, like [\'111122223333\']');
  checkOneOf(owner, 'shareWith allowExternalPrincipals', options.allowExternalPrincipals, [true, false]);
  // A list only known at deploy time (a CommaDelimitedList parameter) is RAM's to judge.
  if (checkList(owner, 'shareWith principals', options.principals)) { checkPrincipals(owner, options.principals); }

  const share: CfnResourceShare = new CfnResourceShare(owner, freeChildId(owner, 'ResourceShare'), {
    name: Lazy.string({ produce: () => Names.uniqueResourceName(share, { maxLength: 255 }) }),
    resourceArns: [resourceArn],
    principals: options.principals,
    allowExternalPrincipals: options.allowExternalPrincipals ?? false,
  });
  return share;
}

function checkPrincipals(owner: IConstruct, principals: readonly unknown[]) {
  if (principals.length === 0) {
    throw invalid(owner, 'shareWith principals', principals, 'give at least one account ID, organization ARN or organizational-unit ARN');
  }
  principals.forEach((principal, index) => {
    if (isToken(principal)) { return; }
    if (typeof principal !== 'string' || ![ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT].some(pattern => pattern.test(principal))) {
      throw invalid(owner, 'shareWith principals', principal,
        "each principal must be a 12-digit account ID ('111122223333'), an organization ARN " +
        "('arn:aws:organizations::111122223333:organization/o-exampleorgid') or an organizational-unit ARN " +
        "('arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-examplerootid-exampleouid')");
    }
    if (principals.indexOf(principal) !== index) {
      throw invalid(owner, 'shareWith principals', principal, 'each principal may be listed once');
    }
  });
}
