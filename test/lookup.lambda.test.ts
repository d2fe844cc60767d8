import {
  GetDomainVerificationCommand, ListResourceConfigurationsCommand, ListServiceNetworksCommand, ListServicesCommand, VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { CdkCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../src/lookup/lookup.lambda';

const lattice = mockClient(VPCLatticeClient);

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:222222222222:stack/App/5e3a1b20-0000-0000-0000-000000000000';
const OWN_NETWORK = { id: 'sn-0123456789abcdef0', name: 'platform', arn: 'arn:aws:vpc-lattice:eu-west-1:222222222222:servicenetwork/sn-0123456789abcdef0' };
const SHARED_NETWORK = { id: 'sn-0fedcba9876543210', name: 'platform', arn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0fedcba9876543210' };
const OTHER_NETWORK = { id: 'sn-00000000000000000', name: 'platform-staging', arn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-00000000000000000' };
const SERVICE = { id: 'svc-0123456789abcdef0', name: 'orders', arn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0' };

function event(requestType: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>): CdkCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:222222222222:function:framework-onEvent',
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x',
    StackId: STACK_ID,
    RequestId: 'request-1',
    LogicalResourceId: 'SharedLookup',
    ResourceType: 'Custom::VpcLatticeLookup',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-1:222222222222:function:framework-onEvent', ...properties },
  };
  switch (requestType) {
    case 'Create': return { ...common, RequestType: 'Create' };
    case 'Update': return { ...common, RequestType: 'Update', PhysicalResourceId: OWN_NETWORK.arn, OldResourceProperties: common.ResourceProperties };
    case 'Delete': return { ...common, RequestType: 'Delete', PhysicalResourceId: OWN_NETWORK.arn };
  }
}

function apiError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

beforeEach(() => {
  lattice.reset();
});

describe('lookup handler', () => {
  test('finds the one network with the name, across pages of 100, and answers with its ARN and ID', async () => {
    const pages = [{ items: [OTHER_NETWORK], nextToken: 'page-2' }, { items: [SHARED_NETWORK], nextToken: 'page-3' }, { items: [] }];
    const requests: object[] = [];
    // The paginator reuses one input object, so each request is copied when it is made.
    lattice.on(ListServiceNetworksCommand).callsFake(input => {
      requests.push({ ...input });
      return pages.shift();
    });

    const response = await handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }));

    expect(response).toEqual({ PhysicalResourceId: SHARED_NETWORK.arn, Data: { Arn: SHARED_NETWORK.arn, Id: SHARED_NETWORK.id } });
    expect(requests).toEqual([{ maxResults: 100 }, { maxResults: 100, nextToken: 'page-2' }, { maxResults: 100, nextToken: 'page-3' }]);
    expect(lattice.commandCalls(ListServicesCommand)).toHaveLength(0);
  });

  test('an update looks again, so a renamed lookup finds the new resource', async () => {
    lattice.on(ListServiceNetworksCommand).resolves({ items: [OWN_NETWORK, OTHER_NETWORK] });

    const response = await handler(event('Update', { ResourceType: 'ServiceNetwork', Name: 'platform-staging' }));

    expect(response).toEqual({ PhysicalResourceId: OTHER_NETWORK.arn, Data: { Arn: OTHER_NETWORK.arn, Id: OTHER_NETWORK.id } });
  });

  test('finds services with ListServices', async () => {
    lattice.on(ListServicesCommand).resolves({ items: [SERVICE, { ...SERVICE, name: 'billing' }] });

    const response = await handler(event('Create', { ResourceType: 'Service', Name: 'orders' }));

    expect(response).toEqual({ PhysicalResourceId: SERVICE.arn, Data: { Arn: SERVICE.arn, Id: SERVICE.id } });
    expect(lattice.commandCalls(ListServicesCommand)).toHaveLength(1);
    expect(lattice.commandCalls(ListServiceNetworksCommand)).toHaveLength(0);
  });

  test('names match exactly: a different letter case or a prefix is not a match', async () => {
    lattice.on(ListServiceNetworksCommand).resolves({ items: [{ ...OWN_NETWORK, name: 'Platform' }, OTHER_NETWORK] });

    await expect(handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }))).rejects.toThrow(/^No VPC Lattice service network named 'platform'/);
  });

  test('fails with a clear message when no network has the name, also when a page has no items', async () => {
    lattice.on(ListServiceNetworksCommand).resolvesOnce({ nextToken: 'page-2' }).resolvesOnce({ items: [OTHER_NETWORK] });

    await expect(handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }))).rejects.toThrow(
      "No VPC Lattice service network named 'platform' is visible to account 222222222222 in eu-west-1. Check the name and the Region; " +
      'if the service network belongs to another account, it must be shared with this account through AWS RAM and the share accepted.');
  });

  test('fails with a clear message when no service has the name', async () => {
    lattice.on(ListServicesCommand).resolves({ items: [] });

    await expect(handler(event('Create', { ResourceType: 'Service', Name: 'orders' }))).rejects.toThrow(
      "No VPC Lattice service named 'orders' is visible to account 222222222222 in eu-west-1.");
  });

  test('fails naming every candidate when several networks have the name (one owned, one shared)', async () => {
    lattice.on(ListServiceNetworksCommand).resolvesOnce({ items: [OWN_NETWORK], nextToken: 'page-2' }).resolvesOnce({ items: [SHARED_NETWORK] });

    await expect(handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }))).rejects.toThrow(
      "2 VPC Lattice service networks named 'platform' are visible to account 222222222222 in eu-west-1 (owned and shared through AWS RAM): " +
      `${OWN_NETWORK.arn}, ${SHARED_NETWORK.arn}. Import the one you mean by its ARN with ServiceNetwork.fromServiceNetworkArn.`);
  });

  test('fails naming every candidate when several services have the name', async () => {
    lattice.on(ListServicesCommand).resolves({ items: [SERVICE, { ...SERVICE, arn: `${SERVICE.arn}1`, id: `${SERVICE.id}1` }] });

    await expect(handler(event('Create', { ResourceType: 'Service', Name: 'orders' }))).rejects.toThrow(
      /^2 VPC Lattice services named 'orders' .* Import the one you mean by its ARN with LatticeService.fromServiceArn\.$/);
  });

  test('ignores summaries without an ARN or an ID', async () => {
    lattice.on(ListServiceNetworksCommand).resolves({ items: [{ name: 'platform', id: OWN_NETWORK.id }, { name: 'platform', arn: OWN_NETWORK.arn }, SHARED_NETWORK] });

    const response = await handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }));

    expect(response.PhysicalResourceId).toBe(SHARED_NETWORK.arn);
  });

  test('an access-denied error says which permission the function needs', async () => {
    lattice.on(ListServiceNetworksCommand).rejects(apiError('AccessDeniedException', 'User is not authorized to perform vpc-lattice:ListServiceNetworks'));

    await expect(handler(event('Create', { ResourceType: 'ServiceNetwork', Name: 'platform' }))).rejects.toThrow(
      "Could not list the VPC Lattice service networks to find 'platform': AccessDeniedException: User is not authorized to perform " +
      "vpc-lattice:ListServiceNetworks (the lookup function's role needs vpc-lattice:ListServiceNetworks on '*')");
  });

  test('other API errors, also on a later page, are reported with their name and message', async () => {
    lattice.on(ListServicesCommand)
      .resolvesOnce({ items: [], nextToken: 'page-2' })
      .rejectsOnce(apiError('ThrottlingException', 'Rate exceeded'));

    await expect(handler(event('Create', { ResourceType: 'Service', Name: 'orders' }))).rejects.toThrow(
      /^Could not list the VPC Lattice services to find 'orders': ThrottlingException: Rate exceeded$/);
  });

  test.each([
    ['an unknown resource type', { ResourceType: 'TargetGroup', Name: 'web' }, '"TargetGroup" and "web"'],
    ['a resource type that is an inherited property name', { ResourceType: 'toString', Name: 'web' }, '"toString" and "web"'],
    ['no name', { ResourceType: 'Service' }, '"Service" and undefined'],
    ['an empty name', { ResourceType: 'ServiceNetwork', Name: '' }, '"ServiceNetwork" and ""'],
    ['a domain verification without an identifier', { ResourceType: 'DomainVerification' }, '"DomainVerification" and undefined'],
    ['a domain verification with an empty identifier', { ResourceType: 'DomainVerification', Identifier: '' }, '"DomainVerification" and ""'],
    ['a name that is not a string', { ResourceType: 'ServiceNetwork', Name: 7 }, '"ServiceNetwork" and 7'],
  ])('rejects a request with %s, without calling the API', async (_what, properties, shown) => {
    await expect(handler(event('Create', properties))).rejects.toThrow(
      'Invalid VPC Lattice lookup: ResourceType must be one of ServiceNetwork, Service, ResourceConfiguration and Name a non-empty string, ' +
      `or ResourceType DomainVerification and Identifier a non-empty string, but they are ${shown}`);
    expect(lattice.calls()).toHaveLength(0);
  });

  test('a delete deletes nothing and calls no API: the lookup only read', async () => {
    const response = await handler(event('Delete', { ResourceType: 'ServiceNetwork', Name: 'platform' }));

    expect(response).toEqual({ PhysicalResourceId: OWN_NETWORK.arn });
    expect(lattice.calls()).toHaveLength(0);
  });
});

describe('lookup handler: resource configurations', () => {
  const CONFIGURATION = { id: 'rcfg-0123456789abcdef0', name: 'orders-db', arn: 'arn:aws:vpc-lattice:eu-west-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0' };

  test('finds the one configuration with the name among those owned and shared, with ListResourceConfigurations', async () => {
    lattice.on(ListResourceConfigurationsCommand)
      .resolvesOnce({ items: [{ ...CONFIGURATION, name: 'orders-db-staging', id: 'rcfg-00000000000000000' }], nextToken: 'page-2' })
      .resolvesOnce({ items: [CONFIGURATION] });

    const response = await handler(event('Create', { ResourceType: 'ResourceConfiguration', Name: 'orders-db' }));

    expect(response).toEqual({ PhysicalResourceId: CONFIGURATION.arn, Data: { Arn: CONFIGURATION.arn, Id: CONFIGURATION.id } });
    expect(lattice.commandCalls(ListResourceConfigurationsCommand)).toHaveLength(2);
    expect(lattice.commandCalls(ListServiceNetworksCommand)).toHaveLength(0);
  });

  test('names every candidate and the import by ARN when several have the name', async () => {
    lattice.on(ListResourceConfigurationsCommand).resolves({ items: [CONFIGURATION, { ...CONFIGURATION, arn: `${CONFIGURATION.arn}1` }] });

    await expect(handler(event('Create', { ResourceType: 'ResourceConfiguration', Name: 'orders-db' }))).rejects.toThrow(
      /^2 VPC Lattice resource configurations named 'orders-db' .* Import the one you mean by its ARN with ResourceConfiguration.fromResourceConfigurationArn\.$/);
  });

  test('an access-denied error names ListResourceConfigurations', async () => {
    lattice.on(ListResourceConfigurationsCommand).rejects(apiError('AccessDeniedException', 'not authorized'));

    await expect(handler(event('Create', { ResourceType: 'ResourceConfiguration', Name: 'orders-db' }))).rejects.toThrow(
      "(the lookup function's role needs vpc-lattice:ListResourceConfigurations on '*')");
  });
});

describe('lookup handler: the TXT record of a domain verification', () => {
  const VERIFICATION = {
    id: 'dv-0123456789abcdef0',
    arn: 'arn:aws:vpc-lattice:eu-west-1:222222222222:domainverification/dv-0123456789abcdef0',
    domainName: 'internal.example.com',
    status: 'PENDING' as const,
    createdAt: new Date(0),
  };

  test.each([
    ['relative to the domain', '_vpc-lattice-verification', '_vpc-lattice-verification.internal.example.com'],
    ['fully qualified', '_vpc-lattice-verification.internal.example.com', '_vpc-lattice-verification.internal.example.com'],
    ['fully qualified with a trailing dot', '_vpc-lattice-verification.Internal.Example.com.', '_vpc-lattice-verification.Internal.Example.com'],
  ])('answers with the record name made fully qualified when VPC Lattice gives it %s, and its value', async (_how, name, recordName) => {
    lattice.on(GetDomainVerificationCommand).resolves({ ...VERIFICATION, txtMethodConfig: { name, value: 'vpc-lattice-verification=abc123' } });

    const response = await handler(event('Create', { ResourceType: 'DomainVerification', Identifier: VERIFICATION.arn }));

    expect(response).toEqual({
      PhysicalResourceId: VERIFICATION.arn,
      Data: { Arn: VERIFICATION.arn, Id: VERIFICATION.id, TxtRecordName: recordName, TxtRecordValue: 'vpc-lattice-verification=abc123' },
    });
    expect(lattice.commandCalls(GetDomainVerificationCommand)[0].args[0].input).toEqual({ domainVerificationIdentifier: VERIFICATION.arn });
  });

  test('a name that only ends like the domain is not taken for a name in it', async () => {
    lattice.on(GetDomainVerificationCommand).resolves({ ...VERIFICATION, txtMethodConfig: { name: 'xinternal.example.com', value: 'v' } });

    const response = await handler(event('Create', { ResourceType: 'DomainVerification', Identifier: VERIFICATION.arn }));

    expect(response.Data?.TxtRecordName).toBe('xinternal.example.com.internal.example.com');
  });

  test('fails clearly when the verification has no TXT record to create', async () => {
    lattice.on(GetDomainVerificationCommand).resolves({ ...VERIFICATION, status: 'VERIFICATION_TIMED_OUT' });

    await expect(handler(event('Create', { ResourceType: 'DomainVerification', Identifier: VERIFICATION.arn }))).rejects.toThrow(
      `The VPC Lattice domain verification ${VERIFICATION.arn} has no TXT record to create (status VERIFICATION_TIMED_OUT)`);
  });

  test('an access-denied error names GetDomainVerification', async () => {
    lattice.on(GetDomainVerificationCommand).rejects(apiError('AccessDeniedException', 'not authorized'));

    await expect(handler(event('Create', { ResourceType: 'DomainVerification', Identifier: VERIFICATION.arn }))).rejects.toThrow(
      `Could not read the VPC Lattice domain verification ${VERIFICATION.arn}: AccessDeniedException: not authorized ` +
      "(the lookup function's role needs vpc-lattice:GetDomainVerification on it)");
  });
});
