import { Resource } from 'aws-cdk-lib';
import { importedIdentity } from './arns';
import { deployTimeLookups } from './lazy';
import { recordLookUp, recordName } from './names';
import { checkResourceName, NamedResource } from './validation';
import type { NamedResourceType } from '../lookup/protocol';

/** The kinds of resources imported by ARN or ID, or found by name at deploy time. */
type FindableResource = 'servicenetwork' | 'service' | 'resourceconfiguration';

const BY_NAME: Record<FindableResource, [NamedResourceType, string, NamedResource]> = {
  servicenetwork: ['ServiceNetwork', 'serviceNetworkName', 'service network'],
  service: ['Service', 'serviceName', 'service'],
  resourceconfiguration: ['ResourceConfiguration', 'resourceConfigurationName', 'resource configuration'],
};

/**
 * The ARN and ID of an imported resource: from the ARN or ID given (checked when literal), or, with `lookUpName`,
 * found by that name at deploy time (the name checked when literal).
 */
export function importedOrFound(scope: Resource, type: FindableResource, arn?: string, id?: string,
  lookUpName?: string): { arn: string; id: string } {
  if (lookUpName === undefined) {
    return importedIdentity(scope, type, arn, id);
  }
  const [lookupType, property, kind] = BY_NAME[type];
  checkResourceName(scope, property, lookUpName, kind);
  recordName(scope, lookUpName);
  recordLookUp(scope, lookUpName);
  return deployTimeLookups().lookUpByName(scope, lookupType, lookUpName);
}
