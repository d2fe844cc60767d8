import { Match, Template } from 'aws-cdk-lib/assertions';
import { exampleApp } from '../scripts/example-apps';

/*
 * The platform blueprint synthesizes under strict validation with cdk-nag (exampleApp fails on any unacknowledged
 * finding) into two stacks in two accounts, wired as the example says.
 */
const assembly = exampleApp('platform-blueprint').synth();
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
