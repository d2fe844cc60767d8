import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { BadInput, deployTimeValues, isolatedVpc, named, rejectsEachBadInput, strictApp, strictStack, wrong } from './util';
import {
  IResourceConfiguration, LatticeService, ListenerProtocol, PrivateDns, ResourceConfiguration, ResourceConfigurationGroup, ResourceDefinition,
  ResourceEndpoint, ResourceGateway, ServiceNetwork, ServiceNetworkEndpoint, ServiceNetworkResourceAssociation,
} from 'cdk-vpc-lattice';

/*
 * How clients reach resource configurations: service-network resource associations, VPC associations (whose
 * security groups admit the resources' ports), VPC endpoints of type ServiceNetwork and Resource, and private DNS.
 */

const NETWORK_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0';
const SHARED_CONFIGURATION_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0';

const vpc = (scope: Stack, id: string, cidr: string) => isolatedVpc(scope, id, cidr);

interface Fixture {
  readonly stack: Stack;
  readonly network: ServiceNetwork;
  readonly gateway: ResourceGateway;
  readonly db: ResourceConfiguration;
  readonly consumerVpc: ec2.Vpc;
}

function fixture(stack: Stack = strictStack()): Fixture {
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: vpc(stack, 'ProviderVpc', '10.0.0.0/16') });
  return {
    stack,
    network: new ServiceNetwork(stack, 'Network'),
    gateway,
    db: new ResourceConfiguration(stack, 'Db', { gateway, definition: ResourceDefinition.dnsName('db.internal.example.com'), portRanges: ['5432'] }),
    consumerVpc: vpc(stack, 'ConsumerVpc', '10.1.0.0/16'),
  };
}

/** The ingress rules (port ranges) of the one security group whose description matches. */
function ingressPorts(template: Template, description: RegExp): string[] {
  const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup'))
    .filter(group => description.test(group.Properties.GroupDescription));
  expect(groups).toHaveLength(1);
  return groups[0].Properties.SecurityGroupIngress.map((rule: any) =>
    rule.FromPort === rule.ToPort ? `${JSON.stringify(rule.FromPort)}` : `${rule.FromPort}-${rule.ToPort}`);
}

describe('associateResource', () => {
  test('associates by the configuration ID (not its ARN) and the network ARN, beside the network, and records it', () => {
    const { stack, network, db } = fixture();
    const association = network.associateResource(db);

    expect(association.node.path).toBe('Stack/Network/DbAssociation');
    expect(association.resourceConfiguration).toBe(db);
    expect(network.resourceConfigurations).toEqual([db]);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', {
      ResourceConfigurationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Id'] },
      ServiceNetworkId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
      PrivateDnsEnabled: Match.absent(),
    });
    expect(stack.resolve(association.associationId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^NetworkDbAssociation/), 'Id'] });
  });

  test.each([true, false])('privateDns %s is PrivateDnsEnabled', (privateDns) => {
    const { stack, network, db } = fixture();
    network.associateResource(db, { privateDns });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', { PrivateDnsEnabled: privateDns });
  });

  test('a configuration shared with this account joins a network of its own (the association in the network\'s stack), and a group joins as one', () => {
    const { stack, network, gateway } = fixture();
    const shared = ResourceConfiguration.fromResourceConfigurationArn(stack, 'Shared', SHARED_CONFIGURATION_ARN);
    network.associateResource(shared);
    network.associateResource(new ResourceConfigurationGroup(stack, 'Group', { gateway, portRanges: ['443'] }));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::ServiceNetworkResourceAssociation', 2);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', { ResourceConfigurationId: 'rcfg-0123456789abcdef0' });
  });

  test('a network shared with this account (imported) takes the configurations of this account, by its ARN', () => {
    const { stack, db } = fixture();
    ServiceNetwork.fromServiceNetworkArn(stack, 'Platform', NETWORK_ARN).associateResource(db);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', { ServiceNetworkId: NETWORK_ARN });
  });

  test('a configuration in another stack is associated in that stack', () => {
    const app = strictApp();
    const platform = new Stack(app, 'Platform');
    const provider = fixture(new Stack(app, 'Provider'));
    const network = new ServiceNetwork(platform, 'Network');
    const association = network.associateResource(provider.db);

    expect(association.node.path).toBe('Provider/NetworkDbAssociation');
    Template.fromStack(provider.stack).resourceCountIs('AWS::VpcLattice::ServiceNetworkResourceAssociation', 1);
  });

  test('a sharable network writes SharingConfig and takes configurations that allow sharable networks', () => {
    const { stack, gateway } = fixture();
    const network = new ServiceNetwork(stack, 'Shared', { sharable: true });
    network.associateResource(new ResourceConfiguration(stack, 'Open', {
      gateway, definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['443'], allowAssociationToSharableServiceNetwork: true,
    }));
    new ServiceNetwork(stack, 'Private', { sharable: false });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { SharingConfig: { enabled: true } });
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { SharingConfig: { enabled: false } });
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { SharingConfig: Match.absent() });
    expect(network.sharable).toBe(true);
  });
});

describe('VPC associations and resources', () => {
  test('the default security group admits the VPC on the ports of the network\'s resources as well as its listeners, even ones associated later', () => {
    const { stack, network, gateway, db, consumerVpc } = fixture();
    network.associateVpc(consumerVpc);
    network.associateResource(db);
    const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
    service.addListener('Https', { protocol: ListenerProtocol.HTTPS });
    network.associateResource(new ResourceConfiguration(stack, 'Range', { gateway, definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['8000-8100', '443'] }));
    network.associateResource(ResourceConfiguration.fromResourceConfigurationArn(stack, 'Shared', SHARED_CONFIGURATION_ARN));

    // 443 is admitted once, for the listener; a configuration whose ports are unknown opens every TCP port to the VPC.
    expect(ingressPorts(Template.fromStack(stack), /service network/)).toEqual(['443', '5432', '8000-8100', '0-65535']);
  });

  test('a network with resources only admits their ports, not the default 80 and 443', () => {
    const { stack, network, db, consumerVpc } = fixture();
    network.associateVpc(consumerVpc);
    network.associateResource(db);
    expect(ingressPorts(Template.fromStack(stack), /service network/)).toEqual(['5432']);
  });

  test('an RDS database\'s port is admitted as the deploy-time value it is', () => {
    const { stack, network, gateway, consumerVpc } = fixture();
    const providerVpc = stack.node.findChild('ProviderVpc') as ec2.Vpc;
    const database = new rds.DatabaseInstance(stack, 'Postgres', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: providerVpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncrypted: true,
    });
    network.associateResource(new ResourceConfiguration(stack, 'Rds', { gateway, definition: ResourceDefinition.rds(database) }));
    network.associateVpc(consumerVpc);

    const groups = Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('service network') } });
    expect(Object.values(groups)[0].Properties.SecurityGroupIngress).toEqual([{
      CidrIp: { 'Fn::GetAtt': [expect.stringMatching(/^ConsumerVpc/), 'CidrBlock'] },
      IpProtocol: 'tcp',
      FromPort: { 'Fn::GetAtt': [expect.stringMatching(/^Postgres/), 'Endpoint.Port'] },
      ToPort: { 'Fn::GetAtt': [expect.stringMatching(/^Postgres/), 'Endpoint.Port'] },
      Description: 'From the VPC to a VPC Lattice resource on its port',
    }]);
  });

  test('a group\'s ports include its children\'s', () => {
    const { stack, network, gateway, consumerVpc } = fixture();
    const group = new ResourceConfigurationGroup(stack, 'Group', { gateway, groupDomain: 'internal.example.com', portRanges: ['443'] });
    network.associateResource(group);
    network.associateVpc(consumerVpc);
    group.addChild('Cache', { definition: ResourceDefinition.dnsName('cache.internal.example.com'), portRanges: ['6379'] });
    expect(ingressPorts(Template.fromStack(stack), /service network/)).toEqual(['443', '6379']);
  });

  test.each<[string, PrivateDns, object]>([
    ['verified domains only', PrivateDns.verifiedDomainsOnly(), { PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'VERIFIED_DOMAINS_ONLY' } }],
    ['all domains', PrivateDns.allDomains(), { PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'ALL_DOMAINS' } }],
    ['verified domains and more', PrivateDns.verifiedDomainsAnd(['partner.example.org']), {
      PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS', PrivateDnsSpecifiedDomains: ['partner.example.org'] },
    }],
    ['specified domains only', PrivateDns.specifiedDomainsOnly(['internal.example.com', '*.example.net']), {
      PrivateDnsEnabled: true, DnsOptions: { PrivateDnsPreference: 'SPECIFIED_DOMAINS_ONLY', PrivateDnsSpecifiedDomains: ['internal.example.com', '*.example.net'] },
    }],
    ['off', PrivateDns.disabled(), { PrivateDnsEnabled: false, DnsOptions: Match.absent() }],
  ])('private DNS on a VPC association: %s', (_what, privateDns, properties) => {
    const { stack, network, consumerVpc } = fixture();
    network.associateVpc(consumerVpc, { privateDns });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', properties);
  });

  test('without privateDns, a VPC association writes nothing about it', () => {
    const { stack, network, consumerVpc } = fixture();
    network.associateVpc(consumerVpc);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { PrivateDnsEnabled: Match.absent(), DnsOptions: Match.absent() });
  });

  test('a VPC that already has an association is told to use an endpoint, and may have endpoints to other networks', () => {
    const { stack, network, consumerVpc } = fixture();
    network.associateVpc(consumerVpc);
    const other = new ServiceNetwork(stack, 'Other');
    expect(() => other.associateVpc(consumerVpc)).toThrow(/a VPC can be associated with only one service network\. .*network\.addVpcEndpoint\(vpc\)/);
    other.addVpcEndpoint(consumerVpc);
    network.addVpcEndpoint(consumerVpc);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPCEndpoint', 2);
  });
});

describe('VPC endpoints', () => {
  test('a service-network endpoint: type ServiceNetwork, the network ARN, a subnet per zone, and a group admitting the VPC on what the network serves', () => {
    const { stack, network, db, consumerVpc } = fixture();
    const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
    service.addListener('Http', { protocol: ListenerProtocol.HTTP, port: 8080 });
    network.associateResource(db);
    const endpoint = network.addVpcEndpoint(consumerVpc);

    expect(endpoint.node.path).toBe('Stack/Network/ConsumerVpcEndpoint');
    expect(endpoint.vpc).toBe(consumerVpc);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'ServiceNetwork',
      ServiceNetworkArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
      VpcId: { Ref: Match.stringLikeRegexp('^ConsumerVpc') },
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^ConsumerVpcprivateSubnet1') }, { Ref: Match.stringLikeRegexp('^ConsumerVpcprivateSubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkConsumerVpcEndpointSecurityGroup'), 'GroupId'] }],
      PrivateDnsEnabled: Match.absent(),
      ResourceConfigurationArn: Match.absent(),
    });
    expect(ingressPorts(template, /service-network endpoint/)).toEqual(['8080', '5432']);
    expect(stack.resolve(endpoint.vpcEndpointId)).toEqual({ Ref: expect.stringMatching(/^NetworkConsumerVpcEndpoint/) });
    expect(stack.resolve(endpoint.vpcEndpointRef.vpcEndpointId)).toEqual(stack.resolve(endpoint.vpcEndpointId));
  });

  test('a network with nothing known gets an endpoint admitting 80 and 443', () => {
    const { stack, network, consumerVpc } = fixture();
    network.addVpcEndpoint(consumerVpc);
    expect(ingressPorts(Template.fromStack(stack), /service-network endpoint/)).toEqual(['80', '443']);
  });

  test('a resource endpoint: type Resource, the configuration ARN, the configuration\'s ports, and its port as the default', () => {
    const { stack, db, consumerVpc } = fixture();
    const endpoint = db.addVpcEndpoint(consumerVpc, { vpcSubnets: { subnetGroupName: 'private' }, privateDns: PrivateDns.verifiedDomainsOnly() });
    const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc: consumerVpc });
    endpoint.connections.allowDefaultPortFrom(clients);

    expect(endpoint.node.path).toBe('Stack/Db/ConsumerVpcEndpoint');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Resource',
      ResourceConfigurationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Arn'] },
      ServiceNetworkArn: Match.absent(),
      PrivateDnsEnabled: true,
      DnsOptions: { PrivateDnsPreference: 'VERIFIED_DOMAINS_ONLY' },
    });
    expect(ingressPorts(template, /resource endpoint/)).toEqual(['5432']);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Clients'), 'GroupId'] }, FromPort: 5432, ToPort: 5432,
    });
  });

  test('an endpoint to a shared configuration whose ports are unknown admits the VPC on any TCP port; given security groups are used as given', () => {
    const { stack, consumerVpc } = fixture();
    const shared: IResourceConfiguration = ResourceConfiguration.fromResourceConfigurationArn(stack, 'Shared', SHARED_CONFIGURATION_ARN);
    shared.addVpcEndpoint(consumerVpc);
    const mine = new ec2.SecurityGroup(stack, 'Mine', { vpc: consumerVpc });
    const endpoint = ResourceConfiguration.fromResourceConfigurationAttributes(stack, 'Known', { resourceConfigurationArn: SHARED_CONFIGURATION_ARN, portRanges: ['443'] })
      .addVpcEndpoint(consumerVpc, { securityGroups: [mine] });

    const template = Template.fromStack(stack);
    expect(ingressPorts(template, /resource endpoint/)).toEqual(['0-65535']);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'GroupId'] }] });
    expect(endpoint.connections.securityGroups).toEqual([mine]);
  });

  test('endpoints live in the consumer VPC\'s stack: to a network shared with it, and to a configuration of another stack', () => {
    const app = strictApp();
    const provider = fixture(new Stack(app, 'Provider'));
    const consumer = new Stack(app, 'Consumer');
    const consumerVpc = vpc(consumer, 'Vpc', '10.2.0.0/16');
    const networkEndpoint = ServiceNetwork.fromServiceNetworkArn(consumer, 'Platform', NETWORK_ARN).addVpcEndpoint(consumerVpc);
    const resourceEndpoint = provider.db.addVpcEndpoint(consumerVpc);

    expect(networkEndpoint.node.path).toBe('Consumer/Platform/VpcEndpoint');
    expect(resourceEndpoint.node.path).toBe('Consumer/DbVpcEndpoint');
    Template.fromStack(consumer).resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    Template.fromStack(consumer).hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceNetworkArn: NETWORK_ARN });
  });

  test('private-DNS domains known only at deploy time pass unjudged', () => {
    const { stack, network, consumerVpc } = fixture();
    const { text } = deployTimeValues(stack);
    network.addVpcEndpoint(consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly([text('Domain'), text('Other')]) });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPCEndpoint', {
      DnsOptions: { PrivateDnsPreference: 'SPECIFIED_DOMAINS_ONLY', PrivateDnsSpecifiedDomains: [{ Ref: 'Domain' }, { Ref: 'Other' }] },
    });
  });
});

const domains = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example.com`);


/** Each rule of associations, endpoints and private DNS, with an input it rejects and the start of its message. */
const BAD_INPUT: Array<BadInput<Fixture>> = [
  ['the same configuration twice on one network', f => {
    f.network.associateResource(f.db);
    f.network.associateResource(f.db);
  }, /Stack\/Network\/DbAssociation2: invalid resourceConfiguration 'Stack\/Db': this resource configuration is already associated with this service network; associate it once/],
  ['the same literal configuration ID imported twice on one network', f => {
    f.network.associateResource(ResourceConfiguration.fromResourceConfigurationArn(f.stack, 'A', SHARED_CONFIGURATION_ARN));
    f.network.associateResource(ResourceConfiguration.fromResourceConfigurationArn(f.stack, 'B', SHARED_CONFIGURATION_ARN));
  }, /invalid resourceConfiguration 'Stack\/B': this resource configuration is already associated with this service network \(as Stack\/A\)/],
  ['a configuration that does not allow sharable networks, on a sharable network', f => new ServiceNetwork(f.stack, 'Sharable', { sharable: true }).associateResource(f.db),
    /Stack\/Sharable: invalid resourceConfiguration 'Stack\/Db': this network is sharable, and the configuration does not allow association with sharable networks/],
  ['no private-DNS domain', f => f.network.associateVpc(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly([]) }),
    named("Stack/Network/ConsumerVpcAssociation: invalid privateDns domains '0 items'")],
  ['eleven private-DNS domains', f => f.network.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.verifiedDomainsAnd(domains(11)) }),
    named("Stack/Network/ConsumerVpcEndpoint: invalid privateDns domains '11 items'")],
  ['a private-DNS domain of 256 characters', f => f.db.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly([`${'a'.repeat(244)}.example.com`]) }),
    named(`Stack/Db/ConsumerVpcEndpoint: invalid privateDns domains '${'a'.repeat(244)}.example.com'`)],
  ['an empty private-DNS domain', f => f.db.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly(['']) }),
    named("Stack/Db/ConsumerVpcEndpoint: invalid privateDns domains ''")],
  ['a private-DNS domain listed twice', f => f.network.associateVpc(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly(['a.example.com', 'a.example.com']) }),
    /invalid privateDns domains 'a.example.com': each domain may be listed once/],
  ['an endpoint without security groups', f => f.network.addVpcEndpoint(f.consumerVpc, { securityGroups: [] }),
    named("Stack/Network/ConsumerVpcEndpoint: invalid securityGroups '0 items'")],
  ['an endpoint with six security groups', f => f.db.addVpcEndpoint(f.consumerVpc, {
    securityGroups: [1, 2, 3, 4, 5, 6].map(i => new ec2.SecurityGroup(f.stack, `Sg${i}`, { vpc: f.consumerVpc })),
  }), named("Stack/Db/ConsumerVpcEndpoint: invalid securityGroups '6 items'")],
  ['endpoint subnets that select nothing', f => f.network.addVpcEndpoint(f.consumerVpc, { vpcSubnets: { subnets: [] } }),
    named('Stack/Network/ConsumerVpcEndpoint: invalid vpcSubnets {"subnets":[]}')],
  ['an endpoint in a VPC imported without its CIDR and without security groups', f => f.db.addVpcEndpoint(ec2.Vpc.fromVpcAttributes(f.stack, 'Imported', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], isolatedSubnetIds: ['subnet-0123456789abcdef0'],
  })), /Stack\/Db\/ImportedEndpoint: invalid vpc 'Stack\/Imported': the VPC was imported without its CIDR block, which the endpoint's security group needs/],
  // Values of the wrong type: each used to escape as a TypeError, or to pass.
  ['a configuration of null', f => f.network.associateResource(wrong(null)), named('Stack/Network: invalid resourceConfiguration null')],
  ['a configuration given by its ID', f => f.network.associateResource(wrong('rcfg-0123456789abcdef0')),
    named("Stack/Network: invalid resourceConfiguration 'rcfg-0123456789abcdef0'")],
  ['association options of null', f => f.network.associateResource(f.db, wrong(null)), named('Stack/Network: invalid associateResource options null')],
  ['private DNS of an association as a string', f => f.network.associateResource(f.db, { privateDns: wrong('true') }),
    named("Stack/Network/DbAssociation: invalid privateDns 'true'")],
  ['an endpoint in a VPC of null', f => f.network.addVpcEndpoint(wrong(null)), named('Stack/Network: invalid vpc null')],
  ['a resource endpoint in a VPC of null', f => f.db.addVpcEndpoint(wrong(null)), named('Stack/Db: invalid vpc null')],
  ['endpoint options of null', f => f.db.addVpcEndpoint(f.consumerVpc, wrong(null)), named('Stack/Db: invalid addVpcEndpoint options null')],
  ['VPC association options of null', f => f.network.associateVpc(f.consumerVpc, wrong(null)), named('Stack/Network: invalid associateVpc options null')],
  ['an endpoint security group given by its ID', f => f.network.addVpcEndpoint(f.consumerVpc, { securityGroups: wrong(['sg-0123456789abcdef0']) }),
    named("Stack/Network/ConsumerVpcEndpoint: invalid securityGroups 'sg-0123456789abcdef0'")],
  ['endpoint subnets of null', f => f.db.addVpcEndpoint(f.consumerVpc, { vpcSubnets: wrong(null) }), named('Stack/Db/ConsumerVpcEndpoint: invalid vpcSubnets null')],
  ['endpoint private DNS given as its preference', f => f.db.addVpcEndpoint(f.consumerVpc, { privateDns: wrong('ALL_DOMAINS') }),
    named("Stack/Db/ConsumerVpcEndpoint: invalid privateDns 'ALL_DOMAINS'")],
  ['VPC association private DNS given as a boolean', f => f.network.associateVpc(f.consumerVpc, { privateDns: wrong(true) }),
    named('Stack/Network/ConsumerVpcAssociation: invalid privateDns true')],
  ['resource association props of null', f => new ServiceNetworkResourceAssociation(f.stack, 'A', wrong(null)), named('Stack/A: invalid props null')],
  ['endpoint props of null', f => new ResourceEndpoint(f.stack, 'E', wrong(null)), named('Stack/E: invalid props null')],
  ['a service-network endpoint without its network', f => new ServiceNetworkEndpoint(f.stack, 'E', { vpc: f.consumerVpc, serviceNetwork: wrong(undefined) }),
    named('Stack/E: invalid serviceNetwork undefined')],
];

rejectsEachBadInput(BAD_INPUT, fixture);
