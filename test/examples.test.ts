import { Match, Template } from 'aws-cdk-lib/assertions';
import { exampleApp, exampleNames } from '../scripts/example-apps';

/*
 * Every example app synthesizes under strict template validation with cdk-nag's AwsSolutions checks (any finding it
 * has not acknowledged with a reason fails synthesis), and its templates match the committed snapshots.
 */
describe.each(exampleNames())('example %s', (name) => {
  const assembly = exampleApp(name).synth();

  test.each(assembly.stacks.map(stack => stack.stackName))('stack %s matches its snapshot', (stackName) => {
    expect(assembly.getStackByName(stackName).template).toMatchSnapshot();
  });

  test('has no warnings beyond the ones it shows on purpose', () => {
    const warnings = assembly.stacks.flatMap(stack => stack.messages.filter(m => m.level === 'warning').map(m => `${m.id}: ${m.entry.data}`));
    expect(warnings).toMatchSnapshot();
  });
});

test('the simple-network example is the simplest thing that works: one client VPC, one service, HTTP:80, auth NONE', () => {
  const stack = exampleApp('simple-network').synth().getStackByName('SimpleNetwork');
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
  const stack = exampleApp('tls-passthrough').synth().getStackByName('TlsPassthrough');
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
  const assembly = exampleApp('vpc-resources').synth();
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
