import { Arn, ArnFormat, Resource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalid, isToken } from './validation';

/** The VPC Lattice resource types that are imported by ARN, with the prefix of their IDs. */
export type ImportableResource = 'servicenetwork' | 'service' | 'targetgroup' | 'resourcegateway' | 'resourceconfiguration' | 'domainverification';

const ID_PREFIX: Record<ImportableResource, string> = {
  servicenetwork: 'sn', service: 'svc', targetgroup: 'tg', resourcegateway: 'rgw', resourceconfiguration: 'rcfg', domainverification: 'dv',
};

/**
 * The resource ID at the end of a VPC Lattice ARN (`arn:<partition>:vpc-lattice:<region>:<account>:<type>/<id>`).
 * A literal ARN is checked first, so a wrong ARN fails at synth rather than at deploy; a token is split at deploy time.
 */
export function idFromArn(scope: IConstruct, property: string, arn: string, type: ImportableResource): string {
  if (!isToken(arn)) {
    if (typeof arn !== 'string') { throw invalid(scope, property, arn, `must be a VPC Lattice ARN, a string like arn:aws:vpc-lattice:<region>:<account>:${type}/${ID_PREFIX[type]}-<17 characters of 0-9 and a-z>`); }
    const pattern = new RegExp(`^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\\d{12}:${type}/(${ID_PREFIX[type]}-[0-9a-z]{17})$`);
    const match = pattern.exec(arn);
    if (!match) {
      throw invalid(scope, property, arn, `must be a VPC Lattice ARN like arn:aws:vpc-lattice:<region>:<account>:${type}/${ID_PREFIX[type]}-<17 characters of 0-9 and a-z>`);
    }
    return match[1];
  }
  return Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
}

/** Checks a literal VPC Lattice ID (`sn-…`, `svc-…`, `tg-…`, `rgw-…`, `rcfg-…`, `dv-…`); tokens pass. */
export function checkId(scope: IConstruct, property: string, id: string, type: ImportableResource) {
  if (isToken(id)) { return; }
  if (typeof id !== 'string' || !new RegExp(`^${ID_PREFIX[type]}-[0-9a-z]{17}$`).test(id)) {
    throw invalid(scope, property, id, `must be an ID like ${ID_PREFIX[type]}-<17 characters of 0-9 and a-z>`);
  }
}

/**
 * The ARN and ID of an imported resource, from whichever of the two the user gave. A literal ARN or ID is checked;
 * an ARN is derived from an ID in the importing stack's account and region.
 */
export function importedIdentity(scope: Resource, type: ImportableResource, arn?: string, id?: string): { arn: string; id: string } {
  const [arnProperty, idProperty] = IMPORT_PROPERTIES[type];
  // An empty or null ARN or ID is a value given, and wrong: the message names it.
  if (arn !== undefined) {
    const idInArn = idFromArn(scope, arnProperty, arn, type);
    if (id !== undefined) { checkId(scope, idProperty, id, type); }
    return { arn, id: id ?? idInArn };
  }
  if (id !== undefined) {
    checkId(scope, idProperty, id, type);
    return { arn: scope.stack.formatArn({ service: 'vpc-lattice', resource: type, resourceName: id }), id };
  }
  throw invalid(scope, 'attributes', {}, `give ${arnProperty} or ${idProperty}`);
}

const IMPORT_PROPERTIES: Record<ImportableResource, [string, string]> = {
  servicenetwork: ['serviceNetworkArn', 'serviceNetworkId'],
  service: ['serviceArn', 'serviceId'],
  targetgroup: ['targetGroupArn', 'targetGroupId'],
  resourcegateway: ['resourceGatewayArn', 'resourceGatewayId'],
  resourceconfiguration: ['resourceConfigurationArn', 'resourceConfigurationId'],
  domainverification: ['domainVerificationArn', 'domainVerificationId'],
};
