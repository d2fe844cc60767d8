import { Arn, ArnFormat, Resource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkStruct, invalidValueError, isToken } from './validation';

/**
 * The AWS partitions, as ARNs name them (aws-cdk-lib's region-info knows these eight): a pattern of one of them, for
 * ARNs whose partition is literal text.
 */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
export const PARTITION_PATTERN = `(?:${PARTITIONS.join('|')})`;

/** The VPC Lattice resource types that are imported by ARN, with the prefix of their IDs. */
export type ImportableResource = 'servicenetwork' | 'service' | 'targetgroup' | 'resourcegateway' | 'resourceconfiguration' | 'domainverification';

const ID_PREFIX: Record<ImportableResource, string> = {
  servicenetwork: 'sn', service: 'svc', targetgroup: 'tg', resourcegateway: 'rgw', resourceconfiguration: 'rcfg', domainverification: 'dv',
};

/**
 * The 17 characters of an ID after its prefix, as a pattern and in words: domain verification IDs take hexadecimal
 * digits only, since that is what `ResourceConfiguration.DomainVerificationId` accepts.
 */
function idCharacters(type: ImportableResource): [string, string] {
  return type === 'domainverification' ? ['[0-9a-f]{17}', '17 characters of 0-9 and a-f'] : ['[0-9a-z]{17}', '17 characters of 0-9 and a-z'];
}

/**
 * The resource ID at the end of a VPC Lattice ARN (`arn:<partition>:vpc-lattice:<region>:<account>:<type>/<id>`).
 * A literal ARN is checked first, so a wrong ARN fails at synth rather than at deploy; a token is split at deploy time.
 */
export function idFromArn(scope: IConstruct, property: string, arn: string, type: ImportableResource): string {
  if (!isToken(arn)) {
    const [characters, inWords] = idCharacters(type);
    const like = `arn:aws:vpc-lattice:<region>:<account>:${type}/${ID_PREFIX[type]}-<${inWords}>`;
    const match = typeof arn === 'string' ? new RegExp(`^arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\\d{12}:${type}/(${ID_PREFIX[type]}-${characters})$`).exec(arn) : null;
    if (!match) {
      throw invalidValueError(scope, property, arn, `must be a VPC Lattice ARN, ${typeof arn === 'string' ? '' : 'a string '}like ${like}`);
    }
    return match[1];
  }
  return Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
}

/** Checks a literal VPC Lattice ID (`sn-…`, `svc-…`, `tg-…`, `rgw-…`, `rcfg-…`, `dv-…`); tokens pass. */
export function checkId(scope: IConstruct, property: string, id: string, type: ImportableResource) {
  if (isToken(id)) { return; }
  const [characters, inWords] = idCharacters(type);
  if (typeof id !== 'string' || !new RegExp(`^${ID_PREFIX[type]}-${characters}$`).test(id)) {
    throw invalidValueError(scope, property, id, `must be an ID like ${ID_PREFIX[type]}-<${inWords}>`);
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
  throw invalidValueError(scope, 'attributes', {}, `give ${arnProperty} or ${idProperty}`);
}

/** The attributes of an import: an object (see `checkStruct`), like `{ serviceArn: 'arn:…:service/svc-…' }`. */
export function checkAttributes(scope: IConstruct, type: ImportableResource, attrs: unknown) {
  const like = `{ ${IMPORT_PROPERTIES[type][0]}: 'arn:aws:vpc-lattice:<region>:<account>:${type}/${ID_PREFIX[type]}-…' }`;
  checkStruct(scope, 'attributes', attrs, { like, required: true });
}

const IMPORT_PROPERTIES: Record<ImportableResource, [string, string]> = {
  servicenetwork: ['serviceNetworkArn', 'serviceNetworkId'],
  service: ['serviceArn', 'serviceId'],
  targetgroup: ['targetGroupArn', 'targetGroupId'],
  resourcegateway: ['resourceGatewayArn', 'resourceGatewayId'],
  resourceconfiguration: ['resourceConfigurationArn', 'resourceConfigurationId'],
  domainverification: ['domainVerificationArn', 'domainVerificationId'],
};
