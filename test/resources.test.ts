import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { BadInput, deployTimeValues, named, rejectsEachBadInput, strictApp, strictStack, wrong } from './util';
import {
  AccessLogDestination, DomainVerification, IpAddressType, ResourceConfigDnsResolution, ResourceConfiguration, ResourceConfigurationGroup,
  ResourceDefinition, ResourceGateway,
} from 'cdk-vpc-lattice';

const CONFIGURATION = 'AWS::VpcLattice::ResourceConfiguration';
const GATEWAY_SG = Match.stringLikeRegexp('^GatewaySecurityGroup');

function providerVpc(stack: Stack, id = 'Vpc', props: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(stack, id, {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    ...props,
  });
}

function postgres(stack: Stack, vpc: ec2.IVpc, props: Partial<rds.DatabaseInstanceProps> = {}): rds.DatabaseInstance {
  return new rds.DatabaseInstance(stack, 'Postgres', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    storageEncrypted: true,
    ...props,
  });
}

interface Fixture {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly gateway: ResourceGateway;
}

function fixture(): Fixture {
  const stack = strictStack();
  const vpc = providerVpc(stack);
  return { stack, vpc, gateway: new ResourceGateway(stack, 'Gateway', { vpc }) };
}

/** The egress rules of the gateway's own security group. */
function gatewayEgress(template: Template): unknown[] {
  const groups = template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('resource gateway') } });
  return Object.values(groups)[0].Properties.SecurityGroupEgress;
}

describe('ResourceGateway', () => {
  test('defaults: a valid generated name, the private (else isolated) subnets, a new security group that lets nothing out yet, IPv4', () => {
    const { stack, gateway } = fixture();

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ResourceGateway', {
      Name: Match.stringLikeRegexp('^stack-gateway-[0-9a-f]{8}$'),
      VpcIdentifier: { Ref: Match.stringLikeRegexp('^Vpc') },
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcdataSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcdataSubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [GATEWAY_SG, 'GroupId'] }],
      IpAddressType: 'IPV4',
      Ipv4AddressesPerEni: Match.absent(),
      ResourceConfigDnsResolution: Match.absent(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('resource gateway'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    expect(gateway.resourceGatewayName).toMatch(/^stack-gateway-[0-9a-f]{8}$/);
    expect(gateway.ipAddressType).toBe(IpAddressType.IPV4);
    expect(gateway.connections.securityGroups).toHaveLength(1);
  });

  test.each([
    ['a long construct path', 'Platform-Data-Stack', ['VeryLongTeamNameForTheDatabases', 'ProviderSide', 'GatewayForTheOrdersDatabase']],
    ['a stack named like the reserved prefix', 'Rgw', ['Gateway']],
    ['IDs with characters names do not take', 'Data', ['My_Gateway.v2']],
  ])('generated names are valid and within 40 characters for %s', (_what, stackName, ids) => {
    const stack = new Stack(strictApp(), stackName);
    const scope = ids.slice(0, -1).reduce<Construct>((parent, id) => new Construct(parent, id), stack);
    const gateway = new ResourceGateway(scope, ids[ids.length - 1], { vpc: providerVpc(stack) });

    expect(gateway.resourceGatewayName.length).toBeLessThanOrEqual(40);
    expect(gateway.resourceGatewayName).toMatch(/^(?!rgw-)(?!-)(?!.*-$)(?!.*--)[a-z0-9-]{3,40}$/);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('takes a name, subnets, security groups, addresses per network interface and DNS resolution in the VPC', () => {
    const stack = strictStack();
    const vpc = providerVpc(stack, 'Vpc', {
      subnetConfiguration: [
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        { name: 'gateway', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const mine = new ec2.SecurityGroup(stack, 'Mine', { vpc, allowAllOutbound: false });
    new ResourceGateway(stack, 'Gateway', {
      vpc,
      vpcSubnets: { subnetGroupName: 'gateway' },
      securityGroups: [mine],
      resourceGatewayName: 'data-gateway',
      ipv4AddressesPerEni: 62,
      dnsResolution: ResourceConfigDnsResolution.IN_VPC,
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ResourceGateway', {
      Name: 'data-gateway',
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcgatewaySubnet1') }, { Ref: Match.stringLikeRegexp('^VpcgatewaySubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'GroupId'] }],
      Ipv4AddressesPerEni: 62,
      ResourceConfigDnsResolution: 'IN_VPC',
    });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
  });

  test('DUALSTACK in a dual-stack VPC', () => {
    const stack = strictStack();
    new ResourceGateway(stack, 'Gateway', { vpc: providerVpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK }), ipAddressType: IpAddressType.DUALSTACK });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ResourceGateway', { IpAddressType: 'DUALSTACK' });
  });

  test('IPv6-only subnets make an IPV6 gateway by default', () => {
    const stack = strictStack();
    const vpc = providerVpc(stack, 'Vpc', { ipProtocol: ec2.IpProtocol.DUAL_STACK });
    vpc.isolatedSubnets.forEach(subnet => {
      const resource = subnet.node.defaultChild as ec2.CfnSubnet;
      resource.cidrBlock = undefined;
      resource.ipv6Native = true;
    });
    const gateway = new ResourceGateway(stack, 'Gateway', { vpc });

    expect(gateway.ipAddressType).toBe(IpAddressType.IPV6);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ResourceGateway', { IpAddressType: 'IPV6' });
  });

  test('is connectable: a database admits it', () => {
    const { stack, vpc, gateway } = fixture();
    postgres(stack, vpc).connections.allowDefaultPortFrom(gateway);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PostgresSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [GATEWAY_SG, 'GroupId'] },
    });
  });

  test('fromResourceGatewayAttributes: by ID in the stack account, with the security groups configurations open', () => {
    const stack = strictStack({ env: { account: '111122223333', region: 'eu-west-1' } });
    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0', { allowAllOutbound: false });
    const gateway = ResourceGateway.fromResourceGatewayAttributes(stack, 'Gateway', { resourceGatewayId: 'rgw-0123456789abcdef0', securityGroups: [securityGroup] });
    new ResourceConfiguration(stack, 'Db', { gateway, definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['5432'] });

    expect(stack.resolve(gateway.resourceGatewayArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':vpc-lattice:eu-west-1:111122223333:resourcegateway/rgw-0123456789abcdef0']],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, { ResourceGatewayId: 'rgw-0123456789abcdef0' });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { GroupId: 'sg-0123456789abcdef0', CidrIp: '10.0.1.5/32', FromPort: 5432, ToPort: 5432 });
  });

  test('an imported gateway without security groups serves configurations, with a warning that nothing lets it reach the resource', () => {
    const stack = strictStack();
    const gateway = ResourceGateway.fromResourceGatewayAttributes(stack, 'Gateway', {
      resourceGatewayArn: 'arn:aws:vpc-lattice:eu-west-1:111122223333:resourcegateway/rgw-0123456789abcdef0',
    });
    new ResourceConfiguration(stack, 'Db', { gateway, definition: ResourceDefinition.dnsName('db.internal.example.com'), portRanges: ['5432'] });

    expect(gateway.resourceGatewayId).toBe('rgw-0123456789abcdef0');
    Annotations.fromStack(stack).hasWarning('/Stack/Db', Match.stringLikeRegexp('was imported without its security groups, so nothing lets it reach this resource'));
  });
});

describe('ResourceConfiguration', () => {
  test('a DNS name: SINGLE, TCP, its port ranges, sharable-network association written as false, and gateway egress on those ports', () => {
    const { stack, gateway } = fixture();
    const db = new ResourceConfiguration(stack, 'Db', {
      gateway, definition: ResourceDefinition.dnsName('db.internal.example.com'), portRanges: ['5432', '8000-8100'],
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, {
      Name: Match.stringLikeRegexp('^stack-db-[0-9a-f]{8}$'),
      ResourceConfigurationType: 'SINGLE',
      ResourceGatewayId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Gateway'), 'Id'] },
      ResourceConfigurationDefinition: { DnsResource: { DomainName: 'db.internal.example.com', IpAddressType: 'IPV4' } },
      PortRanges: ['5432', '8000-8100'],
      ProtocolType: 'TCP',
      AllowAssociationToSharableServiceNetwork: false,
      CustomDomainName: Match.absent(),
    });
    expect(gatewayEgress(template)).toEqual([
      { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, Description: 'To db.internal.example.com of VPC Lattice resource configuration' },
      { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 8000, ToPort: 8100, Description: 'To db.internal.example.com of VPC Lattice resource configuration' },
    ]);
    expect(db.ports?.map(port => port.toString())).toEqual(['5432', '8000-8100']);
    expect(db.allowAssociationToSharableServiceNetwork).toBe(false);
    expect(stack.resolve(db.resourceConfigurationId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Db/), 'Id'] });
    expect(stack.resolve(db.resourceConfigurationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Db/), 'Arn'] });
  });

  test('an IPv6 DNS name opens egress to any IPv6 address', () => {
    const { stack, gateway } = fixture();
    new ResourceConfiguration(stack, 'Db', {
      gateway, definition: ResourceDefinition.dnsName('db.internal.example.com', { ipAddressType: IpAddressType.IPV6 }), portRanges: ['5432'],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, { ResourceConfigurationDefinition: { DnsResource: { IpAddressType: 'IPV6' } } });
    // CDK keeps its IPv4 placeholder rule while only IPv6 egress is open.
    expect(gatewayEgress(template)).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' }), expect.objectContaining({ CidrIpv6: '::/0', FromPort: 5432 })]);
  });

  test.each([
    ['an IPv4 address', '10.0.1.5', { CidrIp: '10.0.1.5/32' }],
    ['an address of the shared address space', '100.64.0.9', { CidrIp: '100.64.0.9/32' }],
    ['an IPv6 address', '2600:1f18:1234:5600::10', { CidrIpv6: '2600:1f18:1234:5600::10/128' }],
    // Written in the canonical form ec2.Peer.ipv6 takes: these forms made it throw a TypeError-like error without a path.
    ['an IPv6 address ending in an IPv4 address', '::ffff:10.0.1.5', { CidrIpv6: '::ffff:a00:105/128' }],
    ['an IPv6 address with a single zero group as ::', '::1:2:3:4:5:6:7', { CidrIpv6: '0:1:2:3:4:5:6:7/128' }],
  ])('%s: an IpResource, with egress to that address only', (_what, address, peer) => {
    const { stack, gateway } = fixture();
    new ResourceConfiguration(stack, 'Db', { gateway, definition: ResourceDefinition.ipAddress(address), portRanges: ['5432'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, { ResourceConfigurationType: 'SINGLE', ResourceConfigurationDefinition: { IpResource: address } });
    expect(gatewayEgress(template)).toEqual(expect.arrayContaining([expect.objectContaining({ ...peer, FromPort: 5432, ToPort: 5432 })]));
    expect(gatewayEgress(template)).not.toEqual(expect.arrayContaining([expect.objectContaining({ CidrIp: '0.0.0.0/0' })]));
  });

  test('an RDS instance: type ARN, no port ranges, the database admits the gateway on its port and the gateway may reach it', () => {
    const { stack, vpc, gateway } = fixture();
    const database = postgres(stack, vpc);
    const configuration = new ResourceConfiguration(stack, 'Rds', { gateway, definition: ResourceDefinition.rds(database) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, {
      ResourceConfigurationType: 'ARN',
      ResourceConfigurationDefinition: { ArnResource: { 'Fn::Join': ['', Match.arrayWith([':db:', { Ref: Match.stringLikeRegexp('^Postgres') }])] } },
      PortRanges: Match.absent(),
      ProtocolType: Match.absent(),
      AllowAssociationToSharableServiceNetwork: false,
    });
    const port = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Postgres'), 'Endpoint.Port'] };
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PostgresSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [GATEWAY_SG, 'GroupId'] },
      FromPort: port,
      ToPort: port,
      Description: 'From the VPC Lattice resource gateway',
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [GATEWAY_SG, 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PostgresSecurityGroup'), 'GroupId'] },
    });
    expect(configuration.ports).toHaveLength(1);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Rds', Match.anyValue());
  });

  test('an Aurora cluster by its cluster ARN', () => {
    const { stack, vpc, gateway } = fixture();
    const cluster = new rds.DatabaseCluster(stack, 'Aurora', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      storageEncrypted: true,
    });
    new ResourceConfiguration(stack, 'Rds', { gateway, definition: ResourceDefinition.rds(cluster) });
    Template.fromStack(stack).hasResourceProperties(CONFIGURATION, {
      ResourceConfigurationType: 'ARN',
      ResourceConfigurationDefinition: { ArnResource: { 'Fn::Join': ['', Match.arrayWith([':cluster:', { Ref: Match.stringLikeRegexp('^Aurora') }])] } },
    });
  });

  test('an ARN: the configuration is made, with a warning that nothing connects the gateway to it', () => {
    const { stack, gateway } = fixture();
    new ResourceConfiguration(stack, 'Rds', { gateway, definition: ResourceDefinition.arn('arn:aws:rds:eu-west-1:111122223333:db:orders') });
    Template.fromStack(stack).hasResourceProperties(CONFIGURATION, {
      ResourceConfigurationType: 'ARN', ResourceConfigurationDefinition: { ArnResource: 'arn:aws:rds:eu-west-1:111122223333:db:orders' },
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Rds', Match.stringLikeRegexp('cdk-vpc-lattice:resourceNotConnected'));
  });

  test('a custom domain with its verification: the ID of the verification, and the configuration waits for it and its TXT record', () => {
    const { stack, gateway } = fixture();
    const hostedZone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const verification = new DomainVerification(stack, 'Verify', { domainName: 'internal.example.com', hostedZone });
    new ResourceConfiguration(stack, 'Api', {
      gateway,
      definition: ResourceDefinition.dnsName('api.internal.example.com'),
      portRanges: ['443'],
      customDomain: { domainName: 'api.internal.example.com', verification },
    });

    const template = Template.fromStack(stack);
    const configuration = Object.values(template.findResources(CONFIGURATION))[0];
    expect(configuration.Properties).toMatchObject({
      CustomDomainName: 'api.internal.example.com',
      DomainVerificationId: { 'Fn::GetAtt': [expect.stringMatching(/^Verify/), 'Id'] },
    });
    expect(configuration.DependsOn).toEqual([
      expect.stringMatching(/^Verify[0-9A-F]{8}$/), expect.stringMatching(/^VerifyTxtMethodConfig/), expect.stringMatching(/^VerifyTxtRecord/),
    ]);
  });

  test('a custom domain without verification, an explicit name, sharable-network association allowed, and access logs', () => {
    const { stack, gateway } = fixture();
    const logGroup = new logs.LogGroup(stack, 'Logs');
    const db = new ResourceConfiguration(stack, 'Db', {
      gateway,
      definition: ResourceDefinition.ipAddress('10.0.1.5'),
      portRanges: ['5432'],
      resourceConfigurationName: 'orders-db',
      customDomain: { domainName: 'db.internal.example.com' },
      allowAssociationToSharableServiceNetwork: true,
      accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup)],
    });
    db.addAccessLogs(AccessLogDestination.fromArn('arn:aws:s3:::access-logs'));

    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, {
      Name: 'orders-db', CustomDomainName: 'db.internal.example.com', DomainVerificationId: Match.absent(), AllowAssociationToSharableServiceNetwork: true,
    });
    template.resourceCountIs('AWS::VpcLattice::AccessLogSubscription', 2);
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Arn'] }, DestinationArn: 'arn:aws:s3:::access-logs',
    });
  });

  test('values known only at deploy time pass unjudged', () => {
    const { stack, gateway } = fixture();
    const { text } = deployTimeValues(stack);
    new ResourceConfiguration(stack, 'Dns', { gateway, definition: ResourceDefinition.dnsName(text('Name')), portRanges: [text('Port')], customDomain: { domainName: text('Custom') } });
    new ResourceConfiguration(stack, 'Ip', { gateway, definition: ResourceDefinition.ipAddress(text('Address')), portRanges: ['443'], resourceConfigurationName: text('ConfigName') });
    new ResourceConfiguration(stack, 'Arn', { gateway, definition: ResourceDefinition.arn(text('DatabaseArn')) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, { PortRanges: [{ Ref: 'Port' }], CustomDomainName: { Ref: 'Custom' } });
    // A port range known only at deploy time: the gateway may reach the name on any TCP port.
    expect(gatewayEgress(template)).toEqual(expect.arrayContaining([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 0, ToPort: 65535 })]));
  });

  test('imports: by ARN (the ID taken from it), by ID with port ranges', () => {
    const stack = strictStack({ env: { account: '111122223333', region: 'eu-west-1' } });
    const byArn = ResourceConfiguration.fromResourceConfigurationArn(stack, 'Shared',
      'arn:aws:vpc-lattice:eu-west-1:444455556666:resourceconfiguration/rcfg-0123456789abcdef0');
    const byId = ResourceConfiguration.fromResourceConfigurationAttributes(stack, 'Own', { resourceConfigurationId: 'rcfg-0123456789abcdef1', portRanges: ['443'] });

    expect(byArn.resourceConfigurationId).toBe('rcfg-0123456789abcdef0');
    expect(byArn.ports).toBeUndefined();
    expect(byArn.allowAssociationToSharableServiceNetwork).toBeUndefined();
    expect(stack.resolve(byId.resourceConfigurationArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':vpc-lattice:eu-west-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef1']],
    });
    expect(byId.ports?.map(port => port.toString())).toEqual(['443']);
  });
});

describe('ResourceConfigurationGroup', () => {
  test('a GROUP with its domain and ports, and CHILD configurations that take the group ID, no gateway, and the group ports by default', () => {
    const { stack, gateway } = fixture();
    const group = new ResourceConfigurationGroup(stack, 'Internal', { gateway, groupDomain: 'internal.example.com', portRanges: ['443'] });
    const orders = group.addChild('Orders', { definition: ResourceDefinition.dnsName('orders.internal.example.com') });
    group.addChild('Cache', { definition: ResourceDefinition.ipAddress('10.0.2.7'), portRanges: ['6379'], customDomain: { domainName: 'cache.internal.example.com' } });

    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, {
      ResourceConfigurationType: 'GROUP',
      GroupDomain: 'internal.example.com',
      PortRanges: ['443'],
      ProtocolType: 'TCP',
      ResourceGatewayId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Gateway'), 'Id'] },
      AllowAssociationToSharableServiceNetwork: false,
      ResourceConfigurationDefinition: Match.absent(),
      CustomDomainName: Match.absent(),
    });
    template.hasResourceProperties(CONFIGURATION, {
      Name: Match.stringLikeRegexp('^stack-internal-orders-'),
      ResourceConfigurationType: 'CHILD',
      ResourceConfigurationGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Internal[0-9A-F]{8}$'), 'Id'] },
      ResourceGatewayId: Match.absent(),
      ResourceConfigurationDefinition: { DnsResource: { DomainName: 'orders.internal.example.com', IpAddressType: 'IPV4' } },
      PortRanges: ['443'],
      ProtocolType: Match.absent(),
      AllowAssociationToSharableServiceNetwork: Match.absent(),
    });
    template.hasResourceProperties(CONFIGURATION, {
      ResourceConfigurationType: 'CHILD', ResourceConfigurationDefinition: { IpResource: '10.0.2.7' }, PortRanges: ['6379'], CustomDomainName: 'cache.internal.example.com',
    });
    expect(gatewayEgress(template)).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 }),
      expect.objectContaining({ CidrIp: '10.0.2.7/32', FromPort: 6379 }),
    ]);
    expect(group.ports?.map(port => port.toString())).toEqual(['443', '443', '6379']);
    expect(orders.group).toBe(group);
  });

  test('a group without its own ports has children with theirs', () => {
    const { stack, gateway } = fixture();
    const group = new ResourceConfigurationGroup(stack, 'Internal', { gateway });
    group.addChild('Cache', { definition: ResourceDefinition.ipAddress('10.0.2.7'), portRanges: ['6379'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(CONFIGURATION, { ResourceConfigurationType: 'GROUP', GroupDomain: Match.absent(), PortRanges: Match.absent() });
    expect(group.ports?.map(port => port.toString())).toEqual(['6379']);
  });
});

describe('DomainVerification', () => {
  test('with a hosted zone: the TXT record whose name and value are read at deploy time', () => {
    const stack = strictStack();
    const hostedZone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const verification = new DomainVerification(stack, 'Verify', { domainName: 'internal.example.com', hostedZone });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::DomainVerification', { DomainName: 'internal.example.com' });
    template.hasResourceProperties('Custom::VpcLatticeLookup', {
      ResourceType: 'DomainVerification', Identifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Verify[0-9A-F]{8}$'), 'Arn'] },
    });
    const lookup = Match.stringLikeRegexp('^VerifyTxtMethodConfig');
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') },
      Type: 'TXT',
      TTL: '300',
      Name: { 'Fn::GetAtt': [lookup, 'TxtRecordName'] },
      ResourceRecords: [{ 'Fn::Join': ['', ['"', { 'Fn::GetAtt': [lookup, 'TxtRecordValue'] }, '"']] }],
    });
    expect(verification.domainName).toBe('internal.example.com');
    expect(stack.resolve(verification.domainVerificationId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Verify/), 'Id'] });
    expect(stack.resolve(verification.domainVerificationStatus)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Verify/), 'Status'] });
  });

  test('the comment of the TXT record stays within 256 characters however long the path, keeping its end', () => {
    const stack = strictStack();
    const deep = new Construct(new Construct(stack, 'a'.repeat(240)), 'Platform😀');
    new DomainVerification(deep, 'Verify', { domainName: 'internal.example.com', hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' }) });
    const [record] = Object.values(Template.fromStack(stack).findResources('AWS::Route53::RecordSet')).map((r: any) => r.Properties.Comment as string);
    expect([...record].length).toBeLessThanOrEqual(256);
    expect(record).toMatch(/^VPC Lattice domain verification …\/.*Platform😀\/Verify$/);
  });

  test('without a zone nothing is looked up until the record is asked for, and then once', () => {
    const stack = strictStack();
    const verification = new DomainVerification(stack, 'Verify', { domainName: 'internal.example.com' });
    expect(Template.fromStack(stack).resourceCountIs('Custom::VpcLatticeLookup', 0));

    const again = strictStack();
    const asked = new DomainVerification(again, 'Verify', { domainName: 'internal.example.com' });
    expect([asked.txtRecordName, asked.txtRecordName, asked.txtRecordValue]).toHaveLength(3);
    Template.fromStack(again).resourceCountIs('Custom::VpcLatticeLookup', 1);
    Template.fromStack(again).resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(verification.domainName).toBe('internal.example.com');
  });

  test('an imported verification checks custom domains against its domain', () => {
    const { stack, gateway } = fixture();
    const verification = DomainVerification.fromDomainVerificationAttributes(stack, 'Verify', {
      domainVerificationId: 'dv-0123456789abcdef0', domainName: 'internal.example.com',
    });
    new ResourceConfiguration(stack, 'Api', {
      gateway, definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['443'], customDomain: { domainName: 'api.internal.example.com', verification },
    });
    Template.fromStack(stack).hasResourceProperties(CONFIGURATION, { DomainVerificationId: 'dv-0123456789abcdef0' });
    expect(() => new ResourceConfiguration(stack, 'Web', {
      gateway, definition: ResourceDefinition.ipAddress('10.0.1.6'), portRanges: ['443'], customDomain: { domainName: 'web.example.org', verification },
    })).toThrow(/Stack\/Web: invalid customDomain.domainName 'web.example.org': must be the verified domain 'internal.example.com' of Stack\/Verify or a name below it/);
  });
});

const dns = (name = 'db.internal.example.com') => ResourceDefinition.dnsName(name);
const LOG_GROUP_ARN = 'arn:aws:logs:eu-west-1:111122223333:log-group:db';
const long = (n: number) => 'a'.repeat(n);

/** Each rule of the resource constructs, with an input it rejects and the start of its message. */
const BAD_INPUT: Array<BadInput<Fixture>> = [
  // Gateways.
  ['a gateway name with capitals', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, resourceGatewayName: 'Data' }), named("Stack/G: invalid resourceGatewayName 'Data'")],
  ['a gateway name with the reserved prefix', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, resourceGatewayName: 'rgw-data' }),
    named("Stack/G: invalid resourceGatewayName 'rgw-data'")],
  ['a gateway name of 41 characters', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, resourceGatewayName: long(41) }),
    named(`Stack/G: invalid resourceGatewayName '${long(41)}'`)],
  ['a gateway without security groups', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, securityGroups: [] }), named("Stack/G: invalid securityGroups '0 items'")],
  ['a gateway with six security groups', f => new ResourceGateway(f.stack, 'G', {
    vpc: f.vpc, securityGroups: [1, 2, 3, 4, 5, 6].map(i => new ec2.SecurityGroup(f.stack, `Sg${i}`, { vpc: f.vpc })),
  }), named("Stack/G: invalid securityGroups '6 items'")],
  ['0 IPv4 addresses per network interface', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, ipv4AddressesPerEni: 0 }), named('Stack/G: invalid ipv4AddressesPerEni 0')],
  ['63 IPv4 addresses per network interface', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, ipv4AddressesPerEni: 63 }), named('Stack/G: invalid ipv4AddressesPerEni 63')],
  ['IPv4 addresses per network interface of an IPV6 gateway', f => {
    f.vpc.isolatedSubnets.forEach(subnet => Object.assign(subnet.node.defaultChild as ec2.CfnSubnet, { cidrBlock: undefined, ipv6Native: true, ipv6CidrBlock: '2600:1f18::/64' }));
    new ResourceGateway(f.stack, 'G', { vpc: f.vpc, ipv4AddressesPerEni: 16 });
  }, /Stack\/G: invalid ipv4AddressesPerEni 16: an IPV6 gateway has no IPv4 addresses/],
  ['a DUALSTACK gateway in IPv4 subnets', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, ipAddressType: IpAddressType.DUALSTACK }),
    /Stack\/G: invalid ipAddressType 'DUALSTACK': a DUALSTACK gateway needs subnets with both IPv4 and IPv6 addresses, and Stack\/Vpc\/dataSubnet1 has IPv4 addresses/],
  ['an IPV6 gateway in IPv4 subnets', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, ipAddressType: IpAddressType.IPV6 }),
    /Stack\/G: invalid ipAddressType 'IPV6': an IPV6 gateway needs IPv6-only subnets/],
  ['an IPV6 gateway in dual-stack subnets', f => new ResourceGateway(f.stack, 'G', {
    vpc: providerVpc(f.stack, 'Dual', { ipProtocol: ec2.IpProtocol.DUAL_STACK }), ipAddressType: IpAddressType.IPV6,
  }), /Stack\/G: invalid ipAddressType 'IPV6': an IPV6 gateway needs IPv6-only subnets, and Stack\/Dual\/dataSubnet1 has IPv4 and IPv6 addresses/],
  ['a DNS resolution CloudFormation does not know', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, dnsResolution: 'PRIVATE' as ResourceConfigDnsResolution }),
    named("Stack/G: invalid dnsResolution 'PRIVATE'")],
  ['subnets that select nothing', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, vpcSubnets: { subnets: [] } }), named('Stack/G: invalid vpcSubnets {"subnets":[]}')],
  ['an imported gateway without ARN or ID', f => ResourceGateway.fromResourceGatewayAttributes(f.stack, 'G', {}), named('Stack/G: invalid attributes {}')],
  ['an imported gateway ID of another type', f => ResourceGateway.fromResourceGatewayAttributes(f.stack, 'G', { resourceGatewayId: 'rcfg-0123456789abcdef0' }),
    named("Stack/G: invalid resourceGatewayId 'rcfg-0123456789abcdef0'")],
  // Values of the wrong type: each used to escape as a TypeError, or to pass.
  ['gateway props of null', f => new ResourceGateway(f.stack, 'G', wrong(null)), named('Stack/G: invalid props null')],
  ['a gateway without a VPC', f => new ResourceGateway(f.stack, 'G', { vpc: wrong(null) }), named('Stack/G: invalid vpc null')],
  ['a gateway in a VPC given by its ID', f => new ResourceGateway(f.stack, 'G', { vpc: wrong('vpc-0123456789abcdef0') }),
    named("Stack/G: invalid vpc 'vpc-0123456789abcdef0'")],
  ['a gateway name in a list', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, resourceGatewayName: wrong(['data']) }),
    named("Stack/G: invalid resourceGatewayName ['data']")],
  ['a security group given by its ID', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, securityGroups: wrong(['sg-0123456789abcdef0']) }),
    named("Stack/G: invalid securityGroups 'sg-0123456789abcdef0'")],
  ['subnets of null', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, vpcSubnets: wrong(null) }), named('Stack/G: invalid vpcSubnets null')],
  ['a subnet type the VPC does not have', f => new ResourceGateway(f.stack, 'G', { vpc: f.vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }),
    /Stack\/G: invalid vpcSubnets {"subnetType":"Public"}: selects no subnet of Stack\/Vpc: There are no 'Public' subnet groups in this VPC/],
  ['imported gateway attributes of null', f => ResourceGateway.fromResourceGatewayAttributes(f.stack, 'G', wrong(null)), named('Stack/G: invalid attributes null')],
  ['an imported gateway\'s security group given by its ID', f => ResourceGateway.fromResourceGatewayAttributes(f.stack, 'G', {
    resourceGatewayId: 'rgw-0123456789abcdef0', securityGroups: wrong('sg-0123456789abcdef0'),
  }), named("Stack/G: invalid securityGroups 'sg-0123456789abcdef0'")],
  // Configurations.
  ['a configuration name with the reserved prefix', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: dns(), portRanges: ['5432'], resourceConfigurationName: 'rcfg-db',
  }), named("Stack/C: invalid resourceConfigurationName 'rcfg-db'")],
  ['a DNS name without port ranges', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns() }),
    /Stack\/C: invalid portRanges undefined: give the TCP ports clients connect to/],
  ['an empty list of port ranges', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: [] }), named('Stack/C: invalid portRanges []')],
  ...['0', '65536', '100-50', 'abc', '1-2-3', '', ' 80', '80-65536'].map<BadInput<Fixture>>(range => [`the port range '${range}'`,
    f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: ['443', range] }), named(`Stack/C: invalid portRanges '${range}'`)]),
  ['a port range listed twice', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: ['443', '443'] }),
    /Stack\/C: invalid portRanges '443': each range may be listed once/],
  ['port ranges on an RDS database', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: ResourceDefinition.rds(postgres(f.stack, f.vpc)), portRanges: ['5432'],
  }), /Stack\/C: invalid portRanges \['5432'\]: a resource defined by its ARN \(an RDS database\) has its own port/],
  ['an RDS database behind a gateway that resolves in its VPC', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: new ResourceGateway(f.stack, 'InVpc', { vpc: f.vpc, dnsResolution: ResourceConfigDnsResolution.IN_VPC }),
    definition: ResourceDefinition.rds(postgres(f.stack, f.vpc)),
  }), /Stack\/C: invalid gateway 'Stack\/InVpc': it resolves DNS names in its VPC .* cannot serve resources defined by their ARN/],
  ['an ARN behind an imported gateway known to resolve in its VPC', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: ResourceGateway.fromResourceGatewayAttributes(f.stack, 'InVpc', { resourceGatewayId: 'rgw-0123456789abcdef0', dnsResolution: ResourceConfigDnsResolution.IN_VPC }),
    definition: ResourceDefinition.arn('arn:aws:rds:eu-west-1:111122223333:db:orders'),
  }), named("Stack/C: invalid gateway 'Stack/InVpc'")],
  ['a publicly accessible database', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway,
    definition: ResourceDefinition.rds(postgres(f.stack, providerVpc(f.stack, 'Public', { subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] }), {
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, publiclyAccessible: true,
    })),
  }), /Stack\/C: invalid definition 'Stack\/Postgres': VPC Lattice serves only databases that are not publicly accessible, and Stack\/Postgres\/Resource is/],
  ['the ARN of something other than an RDS database', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: ResourceDefinition.arn('arn:aws:s3:::my-bucket-name'),
  }), /Stack\/C: invalid definition arn 'arn:aws:s3:::my-bucket-name': VPC Lattice supports the ARNs of Amazon RDS databases only/],
  ['a public IPv4 address', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: ResourceDefinition.ipAddress('8.8.8.8'), portRanges: ['53'] }),
    /Stack\/C: invalid definition ipAddress '8.8.8.8': must be a private IPv4 address/],
  ['an address next to a private range', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: ResourceDefinition.ipAddress('172.32.0.1'), portRanges: ['53'] }),
    named("Stack/C: invalid definition ipAddress '172.32.0.1'")],
  ['something that is no IP address', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: ResourceDefinition.ipAddress('db.internal'), portRanges: ['53'] }),
    named("Stack/C: invalid definition ipAddress 'db.internal'")],
  ['a DNS name with a wildcard', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns('*.internal.example.com'), portRanges: ['443'] }),
    named("Stack/C: invalid definition dnsName '*.internal.example.com'")],
  ['a dual-stack DNS name', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: ResourceDefinition.dnsName('db.internal.example.com', { ipAddressType: IpAddressType.DUALSTACK }), portRanges: ['443'],
  }), /Stack\/C: invalid definition ipAddressType 'DUALSTACK'.*VPC Lattice does not support DUALSTACK for DNS-name resources yet/],
  ['a custom domain that is no DNS name', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: dns(), portRanges: ['443'], customDomain: { domainName: 'db' },
  }), named("Stack/C: invalid customDomain.domainName 'db'")],
  ['a custom domain outside its verified domain', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway,
    definition: dns(),
    portRanges: ['443'],
    customDomain: { domainName: 'db.example.org', verification: new DomainVerification(f.stack, 'Verify', { domainName: 'internal.example.com' }) },
  }), named("Stack/C: invalid customDomain.domainName 'db.example.org'")],
  ['an imported configuration ARN of another type', f => ResourceConfiguration.fromResourceConfigurationArn(f.stack, 'C',
    'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0'),
  named("Stack/C: invalid resourceConfigurationArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0'")],
  ['an imported configuration with a bad port range', f => ResourceConfiguration.fromResourceConfigurationAttributes(f.stack, 'C', {
    resourceConfigurationId: 'rcfg-0123456789abcdef0', portRanges: ['http'],
  }), named("Stack/C: invalid portRanges 'http'")],
  // Values of the wrong type: each used to escape as a TypeError, or to pass.
  ['configuration props of null', f => new ResourceConfiguration(f.stack, 'C', wrong(null)), named('Stack/C: invalid props null')],
  ['a definition given as a DNS name', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: wrong('db.internal.example.com'), portRanges: ['443'] }),
    named("Stack/C: invalid definition 'db.internal.example.com'")],
  ['a gateway given by its ID', f => new ResourceConfiguration(f.stack, 'C', { gateway: wrong('rgw-0123456789abcdef0'), definition: dns(), portRanges: ['443'] }),
    named("Stack/C: invalid gateway 'rgw-0123456789abcdef0'")],
  ['a DNS name in a list', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(wrong(['db.internal.example.com'])), portRanges: ['443'] }),
    named("Stack/C: invalid definition dnsName ['db.internal.example.com']")],
  ['DNS-name options of null', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: ResourceDefinition.dnsName('db.internal.example.com', wrong(null)), portRanges: ['443'],
  }), named('Stack/C: invalid definition dnsName options null')],
  ['an address type of null (which was taken for IPV4)', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: ResourceDefinition.dnsName('db.internal.example.com', { ipAddressType: wrong(null) }), portRanges: ['443'],
  }), named('Stack/C: invalid definition ipAddressType null')],
  ['an IPv6 address with a zone ID', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: ResourceDefinition.ipAddress('fe80::1%eth0'), portRanges: ['53'] }),
    named("Stack/C: invalid definition ipAddress 'fe80::1%eth0'")],
  ['a port given as a number', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: wrong([443]) }),
    named('Stack/C: invalid portRanges 443')],
  ['a port range not in a list', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: wrong('443') }),
    /Stack\/C: invalid portRanges '443': must be a list, like \['443'\]/],
  ['a custom domain given as a name', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: ['443'], customDomain: wrong('db.example.com') }),
    named("Stack/C: invalid customDomain 'db.example.com'")],
  ['a custom domain without its name', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: ['443'], customDomain: wrong({}) }),
    named('Stack/C: invalid customDomain.domainName undefined')],
  ['a verification given by its ID', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: dns(), portRanges: ['443'], customDomain: { domainName: 'db.example.com', verification: wrong('dv-0123456789abcdef0') },
  }), named("Stack/C: invalid customDomain.verification 'dv-0123456789abcdef0'")],
  ['sharable-network association of null (which was written as false)', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: dns(), portRanges: ['443'], allowAssociationToSharableServiceNetwork: wrong(null),
  }), named('Stack/C: invalid allowAssociationToSharableServiceNetwork null')],
  ['sharable-network association as a string', f => new ResourceConfiguration(f.stack, 'C', {
    gateway: f.gateway, definition: dns(), portRanges: ['443'], allowAssociationToSharableServiceNetwork: wrong('true'),
  }), named("Stack/C: invalid allowAssociationToSharableServiceNetwork 'true'")],
  ['access logs not in a list', f => new ResourceConfiguration(f.stack, 'C', { gateway: f.gateway, definition: dns(), portRanges: ['443'], accessLogs: wrong(LOG_GROUP_ARN) }),
    named(`Stack/C: invalid accessLogs '${LOG_GROUP_ARN}'`)],
  ['imported configuration attributes of null', f => ResourceConfiguration.fromResourceConfigurationAttributes(f.stack, 'C', wrong(null)),
    named('Stack/C: invalid attributes null')],
  // Groups and children.
  ['a group domain that is no DNS name', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: 'internal' }),
    named("Stack/G: invalid groupDomain 'internal'")],
  ['a child defined by an ARN', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, portRanges: ['443'] })
    .addChild('C', { definition: ResourceDefinition.arn('arn:aws:rds:eu-west-1:111122223333:db:orders') }),
  /Stack\/G\/C: invalid definition 'arn:aws:rds:eu-west-1:111122223333:db:orders': a child of a resource configuration group is a DNS name or an IP address/],
  ['a child DNS name outside the group domain', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('C', { definition: dns('orders.example.org') }),
  /Stack\/G\/C: invalid definition dnsName 'orders.example.org': must be a name below the group domain 'internal.example.com' of Stack\/G.*or give the child a customDomain there/],
  ['a child named like the group domain itself', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('C', { definition: dns('internal.example.com') }),
  named("Stack/G/C: invalid definition dnsName 'internal.example.com'")],
  ['a child custom domain outside the group domain', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('C', { definition: dns('orders.internal.example.com'), customDomain: { domainName: 'orders.example.org' } }),
  named("Stack/G/C: invalid customDomain.domainName 'orders.example.org'")],
  ['a child custom domain in a group without a domain', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, portRanges: ['443'] })
    .addChild('C', { definition: ResourceDefinition.ipAddress('10.0.1.5'), customDomain: { domainName: 'orders.example.org' } }),
  /Stack\/G\/C: invalid customDomain.domainName 'orders.example.org': a child can have a custom domain only in the domain of its group, and Stack\/G has no groupDomain/],
  ['a child without ports in a group without ports', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway })
    .addChild('C', { definition: ResourceDefinition.ipAddress('10.0.1.5') }),
  /Stack\/G\/C: invalid portRanges undefined: give the TCP ports clients connect to, like \['443'\], or give the group portRanges/],
  ['group props of null', f => new ResourceConfigurationGroup(f.stack, 'G', wrong(null)), named('Stack/G: invalid props null')],
  ['a group domain in a list', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: wrong(['internal.example.com']) }),
    named("Stack/G: invalid groupDomain ['internal.example.com']")],
  ['child options of null', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway }).addChild('C', wrong(null)),
    named('Stack/G: invalid addChild options null')],
  ['a child definition given as a DNS name', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, portRanges: ['443'] })
    .addChild('C', { definition: wrong('orders.internal.example.com') }), named("Stack/G/C: invalid definition 'orders.internal.example.com'")],
  ['a child custom domain given as a number', f => new ResourceConfigurationGroup(f.stack, 'G', { gateway: f.gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('C', { definition: ResourceDefinition.ipAddress('10.0.1.5'), customDomain: { domainName: wrong(42) } }), named('Stack/G/C: invalid customDomain.domainName 42')],
  // Domain verifications.
  ['a verified domain outside its hosted zone', f => new DomainVerification(f.stack, 'V', {
    domainName: 'internal.example.org', hostedZone: new route53.PublicHostedZone(f.stack, 'Zone', { zoneName: 'example.com' }),
  }), /Stack\/V: invalid domainName 'internal.example.org': must be inside the hosted zone 'example.com' given as hostedZone/],
  ['a verified domain that is no DNS name', f => new DomainVerification(f.stack, 'V', { domainName: 'internal' }), named("Stack/V: invalid domainName 'internal'")],
  ['an imported verification ID of another type', f => DomainVerification.fromDomainVerificationAttributes(f.stack, 'V', { domainVerificationId: 'sn-0123456789abcdef0' }),
    named("Stack/V: invalid domainVerificationId 'sn-0123456789abcdef0'")],
  // A configuration takes verification IDs of hexadecimal digits only (strict template validation failed without a path).
  ['an imported verification ID with letters past f', f => DomainVerification.fromDomainVerificationAttributes(f.stack, 'V', { domainVerificationId: 'dv-0123456789abcdefg' }),
    named("Stack/V: invalid domainVerificationId 'dv-0123456789abcdefg'")],
  ['an imported verification ARN with letters past f', f => DomainVerification.fromDomainVerificationAttributes(f.stack, 'V', {
    domainVerificationArn: 'arn:aws:vpc-lattice:eu-west-1:111122223333:domainverification/dv-ghijklmnopqrstuvw',
  }), named("Stack/V: invalid domainVerificationArn 'arn:aws:vpc-lattice:eu-west-1:111122223333:domainverification/dv-ghijklmnopqrstuvw'")],
  ['verification props of null', f => new DomainVerification(f.stack, 'V', wrong(null)), named('Stack/V: invalid props null')],
  ['a verified domain in a list', f => new DomainVerification(f.stack, 'V', { domainName: wrong(['internal.example.com']) }),
    named("Stack/V: invalid domainName ['internal.example.com']")],
  ['a hosted zone given by its ID', f => new DomainVerification(f.stack, 'V', { domainName: 'internal.example.com', hostedZone: wrong('Z0123456789ABCDEFGHIJ') }),
    named("Stack/V: invalid hostedZone 'Z0123456789ABCDEFGHIJ'")],
  ['imported verification attributes of null', f => DomainVerification.fromDomainVerificationAttributes(f.stack, 'V', wrong(null)), named('Stack/V: invalid attributes null')],
];

rejectsEachBadInput(BAD_INPUT, fixture);
