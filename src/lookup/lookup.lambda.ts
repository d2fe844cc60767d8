import {
  GetDomainVerificationCommand, paginateListResourceConfigurations, paginateListServiceNetworks, paginateListServices, VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { LOOKUP_ACTIONS, LookupAttributes, NamedResourceType } from './protocol';

/*
 * The handler of `Custom::VpcLatticeLookup`: finds the one VPC Lattice service network, service or resource
 * configuration with a given name that the stack's account can see (its own, and those shared with it through AWS
 * RAM), and answers with its ARN and ID; or reads the TXT record a domain verification asks for. It only reads, so
 * deleting the custom resource deletes nothing.
 */

const client = new VPCLatticeClient({});

interface Summary {
  readonly arn?: string;
  readonly id?: string;
  readonly name?: string;
}

interface Kind {
  readonly type: NamedResourceType;
  readonly noun: string;
  readonly plural: string;
  /** The construct method that imports a resource by ARN, for the message when the name is ambiguous. */
  readonly importByArn: string;
  pages(): AsyncIterable<{ readonly items?: Summary[] }>;
}

// The List* actions return what the account owns and what is shared with it; pages of up to 100.
const KINDS: Record<NamedResourceType, Kind> = {
  ServiceNetwork: {
    type: 'ServiceNetwork',
    noun: 'service network',
    plural: 'service networks',
    importByArn: 'ServiceNetwork.fromServiceNetworkArn',
    pages: () => paginateListServiceNetworks({ client, pageSize: 100 }, {}),
  },
  Service: {
    type: 'Service',
    noun: 'service',
    plural: 'services',
    importByArn: 'LatticeService.fromServiceArn',
    pages: () => paginateListServices({ client, pageSize: 100 }, {}),
  },
  ResourceConfiguration: {
    type: 'ResourceConfiguration',
    noun: 'resource configuration',
    plural: 'resource configurations',
    importByArn: 'ResourceConfiguration.fromResourceConfigurationArn',
    pages: () => paginateListResourceConfigurations({ client, pageSize: 100 }, {}),
  },
};

export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse<LookupAttributes>> {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }

  const { ResourceType: type, Name: name, Identifier: identifier } = event.ResourceProperties;
  if (type === 'DomainVerification' && typeof identifier === 'string' && identifier.length > 0) {
    return readTxtRecord(identifier);
  }
  const kind: Kind | undefined = Object.prototype.hasOwnProperty.call(KINDS, type) ? KINDS[type as NamedResourceType] : undefined;
  if (!kind || typeof name !== 'string' || name.length === 0) {
    throw new Error(`Invalid VPC Lattice lookup: ResourceType must be one of ${Object.keys(KINDS).join(', ')} and Name a non-empty string, ` +
      `or ResourceType DomainVerification and Identifier a non-empty string, but they are ${JSON.stringify(type)} and ${JSON.stringify(name ?? identifier)}`);
  }

  const matches = await findByName(kind, name);
  const where = whereTheStackIs(event.StackId);
  if (matches.length === 0) {
    throw new Error(`No VPC Lattice ${kind.noun} named '${name}' is visible to ${where}. Check the name and the Region; ` +
      `if the ${kind.noun} belongs to another account, it must be shared with this account through AWS RAM and the share accepted.`);
  }
  if (matches.length > 1) {
    throw new Error(`${matches.length} VPC Lattice ${kind.plural} named '${name}' are visible to ${where} (owned and shared through AWS RAM): ` +
      `${matches.map(match => match.arn).join(', ')}. Import the one you mean by its ARN with ${kind.importByArn}.`);
  }
  const [found] = matches;
  return { PhysicalResourceId: found.arn, Data: { Arn: found.arn, Id: found.id } };
}

async function findByName(kind: Kind, name: string): Promise<Array<{ arn: string; id: string }>> {
  const matches: Array<{ arn: string; id: string }> = [];
  try {
    for await (const page of kind.pages()) {
      for (const item of page.items ?? []) {
        if (item.name === name && item.arn && item.id) {
          matches.push({ arn: item.arn, id: item.id });
        }
      }
    }
  } catch (error) {
    throw apiError(error, `Could not list the VPC Lattice ${kind.plural} to find '${name}'`, `${LOOKUP_ACTIONS[kind.type]} on '*'`);
  }
  return matches;
}

/**
 * The TXT record a domain verification asks for, with its name made fully qualified: the record is created in the
 * domain's zone, and whether VPC Lattice gives the name relative to the domain or in full is not documented.
 */
async function readTxtRecord(identifier: string): Promise<CdkCustomResourceResponse<LookupAttributes>> {
  let verification;
  try {
    verification = await client.send(new GetDomainVerificationCommand({ domainVerificationIdentifier: identifier }));
  } catch (error) {
    throw apiError(error, `Could not read the VPC Lattice domain verification ${identifier}`, `${LOOKUP_ACTIONS.DomainVerification} on it`);
  }
  const { arn, id, domainName, txtMethodConfig } = verification;
  if (!arn || !id || !domainName || !txtMethodConfig?.name || !txtMethodConfig.value) {
    throw new Error(`The VPC Lattice domain verification ${identifier} has no TXT record to create (status ${verification.status}); ` +
      'start a new verification by replacing the DomainVerification.');
  }
  const plain = (text: string) => text.replace(/\.$/, '');
  const [name, domain] = [plain(txtMethodConfig.name), plain(domainName)];
  const inDomain = name.toLowerCase() === domain.toLowerCase() || name.toLowerCase().endsWith(`.${domain.toLowerCase()}`);
  const recordName = inDomain ? name : `${name}.${domain}`;
  return { PhysicalResourceId: arn, Data: { Arn: arn, Id: id, TxtRecordName: recordName, TxtRecordValue: txtMethodConfig.value } };
}

function apiError(error: unknown, what: string, permission: string): Error {
  const { name: errorName, message } = error as Error;
  return new Error(`${what}: ${errorName}: ${message}` +
    (errorName === 'AccessDeniedException' ? ` (the lookup function's role needs ${permission})` : ''));
}

/** "account 222222222222 in eu-west-1", from the stack ARN `arn:<partition>:cloudformation:<region>:<account>:stack/…`. */
function whereTheStackIs(stackId: string): string {
  const [, , , region, account] = stackId.split(':');
  return `account ${account} in ${region}`;
}
