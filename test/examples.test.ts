import { Match, Template } from 'aws-cdk-lib/assertions';
import { CFN_LINT_RAN, cfnLint } from './cfn-lint';
import { WITHOUT_STACK_TRACES } from './util';
import { exampleApp, exampleNames, missingContext } from '../scripts/example-apps';

/*
 * Every example app synthesizes under strict template validation with cdk-nag's AwsSolutions checks (any finding it
 * has not acknowledged with a reason fails synthesis), with every context lookup answered, and its templates match the
 * committed snapshots and pass cfn-lint (its own copy of the CloudFormation schemas and rules) without an error.
 */
const assemblies = new Map(exampleNames().map(name => [name, exampleApp(name, WITHOUT_STACK_TRACES).synth()]));

describe.each(exampleNames())('example %s', (name) => {
  const assembly = assemblies.get(name)!;

  test.each(assembly.stacks.map(stack => stack.stackName))('stack %s matches its snapshot', (stackName) => {
    expect(assembly.getStackByName(stackName).template).toMatchSnapshot();
  });

  test('has no warnings beyond the ones it shows on purpose', () => {
    const warnings = assembly.stacks.flatMap(stack => stack.messages.filter(m => m.level === 'warning').map(m => `${m.id}: ${m.entry.data}`));
    expect(warnings).toMatchSnapshot();
  });

  test('has every context lookup answered (examples/<name>/cdk.context.json), so no template holds dummy values', () => {
    expect(missingContext(assembly)).toEqual([]);
  });
});

test('cfn-lint finds no error in any example template (all linted in one run)', () => {
  const lint = cfnLint([...assemblies.values()].flatMap(assembly => assembly.stacks));
  expect(lint.errors).toEqual([]);
  // Any other exit code than these (cfn-lint itself failed) fails.
  expect(CFN_LINT_RAN).toContain(lint.status);
  expect(lint.stderr).toBe('');
});

test('the simple-network example is the simplest thing that works: one client VPC, one service, HTTP:80, auth NONE', () => {
  const stack = assemblies.get('simple-network')!.getStackByName('SimpleNetwork');
  const template = Template.fromJSON(stack.template);
  template.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
  template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { AuthType: 'NONE' });
  template.hasResourceProperties('AWS::VpcLattice::Service', { AuthType: 'NONE' });
  template.hasResourceProperties('AWS::VpcLattice::Listener', {
    Protocol: 'HTTP', Port: 80, DefaultAction: { Forward: { TargetGroups: [{ TargetGroupIdentifier: 'arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123456789abcdef0' }] } },
  });
  template.hasResourceProperties('AWS::EC2::SecurityGroup', {
    SecurityGroupIngress: [{
      CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClientVpc'), 'CidrBlock'] },
      FromPort: 80,
      ToPort: 80,
      IpProtocol: 'tcp',
      Description: 'From the VPC to VPC Lattice listeners on port 80',
    }],
  });
});

test('the tls-passthrough example keeps TLS end to end: a TLS_PASSTHROUGH listener on its custom domain, ECS tasks in a TCP group', () => {
  const stack = assemblies.get('tls-passthrough')!.getStackByName('TlsPassthrough');
  const template = Template.fromJSON(stack.template);
  template.hasResourceProperties('AWS::VpcLattice::Service', { AuthType: 'NONE', CustomDomainName: 'broker.internal.example.com', CertificateArn: Match.absent() });
  template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'TLS_PASSTHROUGH', Port: 443 });
  template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'IP', Config: { Protocol: 'TCP', Port: 8443, HealthCheck: { Enabled: false } } });
  template.hasResourceProperties('AWS::ECS::Service', { VpcLatticeConfigurations: [{ PortName: 'broker-8443-tcp' }] });
  // The network keeps its IAM policy and lets anonymous connections from the consumer VPC through, so it draws no warning.
  template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
    Policy: { Statement: Match.arrayWith([Match.objectLike({ Action: 'vpc-lattice-svcs:Connect', Principal: { AWS: '*' } })]) },
  });
  expect(stack.messages.filter(m => m.level === 'warning').map(m => m.id)).toEqual(['/TlsPassthrough/Service']);
});

test('the vpc-resources example: a database exposed twice through one gateway, a shared network, an association and an endpoint', () => {
  const assembly = assemblies.get('vpc-resources')!;
  const data = Template.fromJSON(assembly.getStackByName('OrdersData').template);
  data.hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', { ResourceConfigurationType: 'ARN', PortRanges: Match.absent() });
  data.hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', {
    ResourceConfigurationType: 'SINGLE', PortRanges: ['5433'], CustomDomainName: 'orders-db.data.example.com',
  });
  data.allResourcesProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', {
    ResourceConfigurationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersDatabase'), 'Id'] },
    PrivateDnsEnabled: true,
  });
  data.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
    GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersSecurityGroup'), 'GroupId'] },
    SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GatewaySecurityGroup'), 'GroupId'] },
  });
  data.hasResourceProperties('AWS::RAM::ResourceShare', { Name: 'orders-data', Principals: ['222222222222', '333333333333'] });

  const analytics = Template.fromJSON(assembly.getStackByName('Analytics').template);
  analytics.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
  analytics.resourceCountIs('AWS::EC2::VPCEndpoint', 0);

  // The billing VPC keeps its one association with its own network and reaches the shared one through an endpoint.
  const billing = Template.fromJSON(assembly.getStackByName('Billing').template);
  billing.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
  billing.hasResourceProperties('AWS::EC2::VPCEndpoint', {
    VpcEndpointType: 'ServiceNetwork',
    ServiceNetworkArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersDataLookup'), 'Arn'] },
    PrivateDnsEnabled: true,
  });
});

/*
 * The platform blueprint synthesizes under strict validation with cdk-nag (exampleApp fails on any unacknowledged
 * finding) into two stacks in two accounts, wired as the example says.
 */
describe('the platform-blueprint example', () => {
  const assembly = assemblies.get('platform-blueprint')!;
  const network = assembly.getStackByName('PlatformNetwork');
  const application = assembly.getStackByName('OrdersApplication');

  test('two stacks in two accounts of one Region, with no warnings', () => {
    expect([network.environment, application.environment].map(env => `${env.account}/${env.region}`)).toEqual(['111111111111/eu-west-1', '222222222222/eu-west-1']);
    expect(assembly.stacks.flatMap(stack => stack.messages.filter(m => m.level !== 'info'))).toEqual([]);
  });

  test('the network stack: organization-only IAM auth, access logs to CloudWatch Logs and S3, shared with the organization', () => {
    const template = Template.fromJSON(network.template);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { Name: 'platform', AuthType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: { Statement: [Match.objectLike({ Condition: Match.objectLike({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) })] },
    });
    template.resourceCountIs('AWS::VpcLattice::AccessLogSubscription', 2);
    template.hasResourceProperties('AWS::VpcLattice::AccessLogSubscription', {
      DestinationArn: { 'Fn::Join': ['', Match.arrayWith([':logs:eu-west-1:111111111111:log-group:', { Ref: Match.stringLikeRegexp('^AccessLogs') }])] },
      ServiceNetworkLogType: 'SERVICE',
    });
    template.hasResource('AWS::VpcLattice::AccessLogSubscription', {
      Properties: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogArchive'), 'Arn'] }, ServiceNetworkLogType: 'SERVICE' },
      DependsOn: [Match.stringLikeRegexp('^AccessLogArchivePolicy')],
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject' })]) },
    });
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] }],
      Principals: ['arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5'],
      AllowExternalPrincipals: false,
    });
  });

  test('the application stack finds the network by name, associates its service and VPC with it, and grants one caller', () => {
    const template = Template.fromJSON(application.template);
    template.hasResourceProperties('Custom::VpcLatticeLookup', { ResourceType: 'ServiceNetwork', Name: 'platform' });
    const [lookup] = Object.keys(template.findResources('Custom::VpcLatticeLookup'));
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkServiceAssociation', { ServiceNetworkIdentifier: { 'Fn::GetAtt': [lookup, 'Arn'] } });
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { ServiceNetworkIdentifier: { 'Fn::GetAtt': [lookup, 'Arn'] } });
    template.hasResourceProperties('AWS::VpcLattice::Listener', { Protocol: 'HTTPS', Port: 443 });
    template.hasResourceProperties('AWS::VpcLattice::TargetGroup', { Type: 'LAMBDA' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'vpc-lattice-svcs:Invoke',
          Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET'] } },
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'Arn'] }, '/orders/*']] },
        }],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^OrderHistoryJob') }],
    });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: { Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrderHistoryJob'), 'Arn'] } } })] },
    });
  });
});

test('the network-segment example: a CIDR configuration through an IN_VPC gateway, shared with RAM, reached through a tunnel endpoint', () => {
  const assembly = assemblies.get('network-segment')!;
  const provider = Template.fromJSON(assembly.getStackByName('SegmentProvider').template);
  provider.hasResourceProperties('AWS::VpcLattice::ResourceGateway', { ResourceConfigDnsResolution: 'IN_VPC' });
  provider.hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', {
    ResourceConfigurationType: 'CIDR',
    ResourceConfigurationDefinition: { CidrResource: { CidrRanges: ['10.40.0.0/16'] } },
    PortRanges: ['53', '443', '5432'],
    ProtocolType: 'TCP',
  });
  provider.resourceCountIs('AWS::VpcLattice::ServiceNetworkResourceAssociation', 0);
  provider.hasResourceProperties('AWS::RAM::ResourceShare', { Principals: ['222222222222'] });
  provider.hasResourceProperties('AWS::EC2::SecurityGroup', {
    SecurityGroupEgress: Match.arrayWith([{ CidrIp: '10.40.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }]),
  });
  const consumer = Template.fromJSON(assembly.getStackByName('SegmentConsumer').template);
  consumer.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Tunnel', ResourceConfigurationArn: Match.anyValue() });
  consumer.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: 'udp', FromPort: 6081, ToPort: 6081 });
  consumer.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { IpProtocol: 'udp', FromPort: 6081, ToPort: 6081 });
});
