import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { strictApp, strictStack } from './util';
import { postgresDatabase } from '../examples/shared/postgres';
import {
  AccessLogDestination, AuthPolicy, AuthType, DomainVerification, HeaderMatch, HttpMethod, IpTargetGroup, LatticeService, ListenerAction,
  ListenerProtocol, PathMatch, PrivateDns, ResourceConfiguration, ResourceConfigurationGroup, ResourceDefinition, ResourceGateway, ResourceShare,
  ServiceDnsRecord, ServiceNetwork, TargetGroupBase, TargetProtocol,
} from 'cdk-vpc-lattice';

/*
 * The "Service networks" and "Services, listeners, rules" sections of the library's pinned API (the usage its names
 * promise to keep working; not the generated reference API.md), written as a user would write them, must compile and
 * synthesize under strict template validation. Target groups are imported.
 */

function parts(stack: Stack) {
  const vpcProps = { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] };
  const clientVpc = new ec2.Vpc(stack, 'ClientVpc', vpcProps);
  const otherVpc = new ec2.Vpc(stack, 'OtherVpc', { ...vpcProps, ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16') });
  const importedGroup = (id: string, n: number) =>
    TargetGroupBase.fromTargetGroupArn(stack, id, `arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef${n}`);
  const zone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'internal.example.com', vpc: clientVpc });
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  return {
    clientVpc,
    otherVpc,
    clientSecurityGroup: new ec2.SecurityGroup(stack, 'Clients', { vpc: clientVpc }),
    mySg: new ec2.SecurityGroup(stack, 'MySg', { vpc: otherVpc }),
    logGroup: new logs.LogGroup(stack, 'Logs'),
    bucket,
    deliveryStream: new firehose.DeliveryStream(stack, 'Stream', { destination: new firehose.S3Bucket(bucket) }),
    certificate: new acm.Certificate(stack, 'Certificate', { domainName: 'orders.internal.example.com' }),
    hostedZone: zone,
    blue: importedGroup('Blue', 0),
    green: importedGroup('Green', 1),
    legacy: importedGroup('Legacy', 2),
    callerRole: new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }),
    readerRole: new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }),
    statement: new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:PrincipalType': 'anonymous' } },
    }),
  };
}

test('the "Service networks" and "Services, listeners, rules" sections synthesize as written', () => {
  const stack = strictStack();
  const {
    clientVpc, otherVpc, clientSecurityGroup, mySg, logGroup, bucket, deliveryStream, certificate, hostedZone, blue, green, legacy,
    callerRole, readerRole, statement,
  } = parts(stack);
  const arn = 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0';
  const svcArn = 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-0123456789abcdef0';
  const self = stack; // `this` in the pinned examples
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::W7001', reason: 'aws-cdk-lib\'s Firehose L2 adds a CIDR mapping it only uses for some destinations' });

  // ---- Service networks (pinned API) ----
  const network = new ServiceNetwork(self, 'Network', {
    serviceNetworkName: 'platform',
    authType: AuthType.AWS_IAM,
    authPolicy: AuthPolicy.authenticatedOnly(),
    accessLogs: [AccessLogDestination.cloudWatchLogs(logGroup)],
  });
  const association = network.associateVpc(clientVpc);
  association.connections.allowFrom(clientSecurityGroup, ec2.Port.tcp(443));
  network.associateVpc(otherVpc, { securityGroups: [mySg] });
  // network.associateService(service) comes after the service below.
  network.addAccessLogs(AccessLogDestination.s3(bucket));
  network.addToAuthPolicy(statement);
  network.shareWith({ principals: ['111122223333'] });
  ServiceNetwork.fromServiceNetworkArn(self, 'Imported', arn);
  ServiceNetwork.fromServiceNetworkName(self, 'Shared', 'platform');

  // ---- Services, listeners, rules (pinned API) ----
  const service = new LatticeService(self, 'Orders', {
    serviceName: 'orders',
    authType: AuthType.AWS_IAM,
    serviceNetwork: network,
    customDomain: { domainName: 'orders.internal.example.com', certificate, hostedZone },
    accessLogs: [AccessLogDestination.firehose(deliveryStream)],
  });
  const listener = service.addListener('Https', {
    protocol: ListenerProtocol.HTTPS,
    port: 443,
    defaultAction: ListenerAction.fixedResponse(404),
  });
  listener.addRule('Canary', {
    priority: 10,
    match: { path: PathMatch.prefix('/api'), method: HttpMethod.GET, headers: [HeaderMatch.exact('x-canary', 'true')] },
    action: ListenerAction.weightedForward([
      { targetGroup: blue, weight: 90 },
      { targetGroup: green, weight: 10 },
    ]),
  });
  listener.addRule('Legacy', { priority: 20, match: { path: PathMatch.exact('/v1') }, action: ListenerAction.forward(legacy) });
  service.grantInvoke(callerRole);
  service.grantInvoke(readerRole, { methods: [HttpMethod.GET], paths: ['/api/*'] });
  service.addToAuthPolicy(statement);
  expect(service.domainName).toBe('orders.internal.example.com');
  LatticeService.fromServiceArn(self, 'Svc', svcArn);

  // The one line of the network section that needs a service.
  const other = new LatticeService(self, 'Other');
  network.associateService(other);

  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::VpcLattice::ServiceNetwork', 1);
  template.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 2);
  template.resourceCountIs('AWS::VpcLattice::ServiceNetworkServiceAssociation', 2);
  template.resourceCountIs('AWS::VpcLattice::Listener', 1);
  template.resourceCountIs('AWS::VpcLattice::Rule', 2);
  template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 2);
  template.resourceCountIs('AWS::VpcLattice::AccessLogSubscription', 3);
  template.resourceCountIs('AWS::RAM::ResourceShare', 1);
});

test('the "TLS passthrough and TCP target groups" section synthesizes as written, under cdk-nag too', () => {
  const app = strictApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const hostedZone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'internal.example.com', vpc });
  const self = stack; // `this` in the pinned examples

  // ---- TLS passthrough and TCP target groups (pinned API) ----
  const tcp = new IpTargetGroup(self, 'Tcp', { vpc, port: 8443, protocol: TargetProtocol.TCP, targets: ['10.0.1.10'] });
  const tls = new LatticeService(self, 'Broker', {
    authType: AuthType.NONE, // TLS passthrough: Lattice cannot authenticate callers
    customDomain: { domainName: 'broker.internal.example.com', hostedZone }, // required by TLS passthrough
  });
  tls.addListener('Tls', {
    protocol: ListenerProtocol.TLS_PASSTHROUGH,
    port: 443,
    defaultAction: ListenerAction.weightedForward([{ targetGroup: tcp, weight: 100 }]), // forward only, no rules
  });

  expect(() => app.synth()).not.toThrow(); // strict template validation and every cdk-nag AwsSolutions rule
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::VpcLattice::TargetGroup', {
    Type: 'IP', Config: { Port: 8443, Protocol: 'TCP', ProtocolVersion: Match.absent(), HealthCheck: { Enabled: false } }, Targets: [{ Id: '10.0.1.10' }],
  });
  template.hasResourceProperties('AWS::VpcLattice::Service', { AuthType: 'NONE', CustomDomainName: 'broker.internal.example.com', CertificateArn: Match.absent() });
  template.hasResourceProperties('AWS::VpcLattice::Listener', {
    Protocol: 'TLS_PASSTHROUGH', Port: 443, DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: Match.anyValue(), Weight: 100 }] } },
  });
  template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'broker.internal.example.com.', Type: 'CNAME' });
  // The section's service is open by choice and not associated with a network: those two warnings, no other.
  const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(warning => String(warning.entry.data));
  expect(warnings).toEqual([
    expect.stringMatching(/^This service has AuthType.NONE/),
    expect.stringMatching(/^This service is not associated with any service network/),
  ]);
});

/** What the "TCP access to VPC resources" section takes as given, built so that cdk-nag finds nothing in it. */
function resourceParts(stack: Stack) {
  const isolatedVpc = (id: string, cidr: string) => new ec2.Vpc(stack, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  const vpc = isolatedVpc('ProviderVpc', '10.0.0.0/16');
  return {
    vpc,
    consumerVpc: isolatedVpc('ConsumerVpc', '10.1.0.0/16'),
    otherVpc: isolatedVpc('OtherVpc', '10.2.0.0/16'),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    postgres: postgresDatabase(stack, 'Postgres', vpc),
    network: new ServiceNetwork(stack, 'Network'),
    logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }),
    hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'internal.example.com' }),
    orders: new LatticeService(stack, 'Orders'),
    payments: new LatticeService(stack, 'Payments'),
    shareArn: 'arn:aws:ram:us-east-1:111122223333:resource-share/0a1b2c3d-1111-2222-3333-444455556666',
    serviceArn: 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-0123456789abcdef0',
    arn: 'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0',
  };
}

test('the "TCP access to VPC resources" section synthesizes as written, under strict validation and cdk-nag', () => {
  const app = strictApp();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Stack');
  const {
    vpc, consumerVpc, otherVpc, vpcSubnets, postgres, network, logGroup, hostedZone, orders, payments, shareArn, serviceArn, arn,
  } = resourceParts(stack);
  const self = stack; // `this` in the pinned examples

  // ---- TCP access to VPC resources (pinned API) ----
  const gateway = new ResourceGateway(self, 'Gateway', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  const db = new ResourceConfiguration(self, 'Db', {
    gateway,
    definition: ResourceDefinition.dnsName('db.internal.example.com'),
    portRanges: ['5432'],
  });
  postgres.connections.allowDefaultPortFrom(gateway);
  const rdsConfig = new ResourceConfiguration(self, 'Rds', { gateway, definition: ResourceDefinition.rds(postgres) });
  network.associateResource(db);
  network.associateResource(rdsConfig, { privateDns: true });
  network.addVpcEndpoint(consumerVpc, { vpcSubnets });
  db.addVpcEndpoint(otherVpc, { vpcSubnets });
  db.shareWith({ principals: ['111122223333'] });
  const share = new ResourceShare(self, 'Platform', { name: 'platform', principals: ['111122223333'] });
  share.addResource(network); share.addResource(orders); share.addResource(db);
  ResourceShare.fromResourceShareArn(self, 'Existing', shareArn).addResource(payments);
  db.addAccessLogs(AccessLogDestination.cloudWatchLogs(logGroup));
  ResourceConfiguration.fromResourceConfigurationArn(self, 'Shared', arn);

  const elsewhere = LatticeService.fromServiceAttributes(self, 'Billing', {
    serviceArn, dnsName: 'billing-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws',
  });
  new ServiceDnsRecord(self, 'BillingDns', { service: elsewhere, domainName: 'billing.internal.example.com', hostedZone });

  const group = new ResourceConfigurationGroup(self, 'Internal', {
    gateway, groupDomain: 'internal.example.com', portRanges: ['443'],
  });
  group.addChild('Orders', { definition: ResourceDefinition.dnsName('orders.internal.example.com') });

  const verification = new DomainVerification(self, 'Verify', { domainName: 'internal.example.com', hostedZone });
  new ResourceConfiguration(self, 'Api', {
    gateway,
    definition: ResourceDefinition.dnsName('api.internal.example.com'),
    portRanges: ['443'],
    customDomain: { domainName: 'api.internal.example.com', verification },
  });

  // The prose after it: a sharable network, and private-DNS options on VPC associations and endpoints.
  const sharable = new ServiceNetwork(self, 'N', { sharable: true });
  sharable.associateVpc(consumerVpc, { privateDns: PrivateDns.verifiedDomainsOnly() });
  sharable.addVpcEndpoint(otherVpc, { vpcSubnets, privateDns: PrivateDns.verifiedDomainsAnd(['partner.example.org']) });
  network.addVpcEndpoint(otherVpc, { vpcSubnets, privateDns: PrivateDns.allDomains() });
  new ServiceNetwork(self, 'Specified').addVpcEndpoint(consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly(['internal.example.com']) });

  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName('Stack').template);
  template.resourceCountIs('AWS::VpcLattice::ResourceGateway', 1);
  template.resourceCountIs('AWS::VpcLattice::ResourceConfiguration', 5);
  template.resourceCountIs('AWS::VpcLattice::ServiceNetworkResourceAssociation', 2);
  template.resourceCountIs('AWS::EC2::VPCEndpoint', 5);
  template.resourceCountIs('AWS::RAM::ResourceShare', 2);
  template.resourceCountIs('AWS::RAM::ResourceAssociation', 1);
  template.resourceCountIs('AWS::VpcLattice::DomainVerification', 1);
  template.resourceCountIs('AWS::Route53::RecordSet', 2);
  template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { SharingConfig: { enabled: true } });
});

