import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { named, strictApp, strictStack } from './util';
import { LatticeService, ServiceNetwork } from 'cdk-vpc-lattice';

const LOOKUP = 'Custom::VpcLatticeLookup';
const LOG_WRITES = {
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcLatticeLookupProviderLogs'), 'Arn'] },
};

function lookupHandler(template: Template): string {
  const functions = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } });
  expect(Object.keys(functions)).toHaveLength(1);
  return Object.keys(functions)[0];
}

describe('fromServiceNetworkName / fromServiceName', () => {
  test('a network lookup is a custom resource whose attributes are the ARN and ID of the imported network', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkName(stack, 'Shared', 'platform');

    const template = Template.fromStack(stack);
    template.hasResource(LOOKUP, {
      Properties: {
        ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcLatticeLookupProviderframeworkonEvent'), 'Arn'] },
        ResourceType: 'ServiceNetwork',
        Name: 'platform',
      },
      DeletionPolicy: 'Delete',
    });
    const [lookupId] = Object.keys(template.findResources(LOOKUP));
    expect(lookupId).toMatch(/^SharedLookup/);
    expect(stack.resolve(network.serviceNetworkArn)).toEqual({ 'Fn::GetAtt': [lookupId, 'Arn'] });
    expect(stack.resolve(network.serviceNetworkId)).toEqual({ 'Fn::GetAtt': [lookupId, 'Id'] });
  });

  test('a service lookup likewise, allowed only to list services', () => {
    const stack = strictStack();
    const service = LatticeService.fromServiceName(stack, 'Orders', 'orders');

    const template = Template.fromStack(stack);
    template.hasResourceProperties(LOOKUP, { ResourceType: 'Service', Name: 'orders' });
    const [lookupId] = Object.keys(template.findResources(LOOKUP));
    expect(stack.resolve(service.serviceArn)).toEqual({ 'Fn::GetAtt': [lookupId, 'Arn'] });
    expect(stack.resolve(service.serviceId)).toEqual({ 'Fn::GetAtt': [lookupId, 'Id'] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [LOG_WRITES, { Effect: 'Allow', Action: 'vpc-lattice:ListServices', Resource: '*' }] },
      Roles: [{ Ref: Match.stringLikeRegexp('^VpcLatticeLookupProviderHandlerRole') }],
    });
  });

  test('one provider per stack serves every lookup, allowed each List action once, on * only', () => {
    const stack = strictStack();
    ServiceNetwork.fromServiceNetworkName(stack, 'A', 'platform');
    ServiceNetwork.fromServiceNetworkName(stack, 'B', 'platform-staging');
    LatticeService.fromServiceName(stack, 'C', 'orders');
    LatticeService.fromServiceName(stack, 'D', 'billing');

    const template = Template.fromStack(stack);
    template.resourceCountIs(LOOKUP, 4);
    // The handler and the provider framework's function.
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const handler = lookupHandler(template);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 120,
      Description: Match.stringLikeRegexp('by name at deploy time'),
    });
    template.resourceCountIs('AWS::IAM::Policy', 2);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          LOG_WRITES,
          { Effect: 'Allow', Action: 'vpc-lattice:ListServiceNetworks', Resource: '*' },
          { Effect: 'Allow', Action: 'vpc-lattice:ListServices', Resource: '*' },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^VpcLatticeLookupProviderHandlerRole') }],
    });
    // The framework may write its logs and invoke the handler, nothing else.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          LOG_WRITES,
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: [{ 'Fn::GetAtt': [handler, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [handler, 'Arn'] }, ':*']] }],
          },
          { Effect: 'Allow', Action: 'lambda:GetFunction', Resource: { 'Fn::GetAtt': [handler, 'Arn'] } },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^VpcLatticeLookupProviderFrameworkRole') }],
    });
    // Two roles without managed policies, and one log group for both functions, kept for a year.
    template.resourceCountIs('AWS::IAM::Role', 2);
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Delete' });
    template.allResourcesProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^VpcLatticeLookupProviderLogs') } },
    });
  });

  test('cdk-nag finds nothing in the provider: its unavoidable findings are acknowledged with reasons', () => {
    const app = strictApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Stack');
    ServiceNetwork.fromServiceNetworkName(stack, 'Shared', 'platform');
    LatticeService.fromServiceName(stack, 'Orders', 'orders');

    expect(() => app.synth()).not.toThrow();
    const acknowledged = stack.node.findAll()
      .flatMap(construct => construct.node.metadata.filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap(entry => Object.keys(entry.data));
    expect(acknowledged.sort()).toEqual([
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(/^AwsSolutions::AwsSolutions-IAM5\[Resource::<VpcLatticeLookupProviderHandler[0-9A-F]{8}\.Arn>:\*\]$/),
      'AwsSolutions::AwsSolutions-L1',
    ]);
  });

  test('each stack gets its own provider', () => {
    const app = strictApp();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    ServiceNetwork.fromServiceNetworkName(first, 'Shared', 'platform');
    ServiceNetwork.fromServiceNetworkName(second, 'Shared', 'platform');

    for (const stack of [first, second]) {
      expect(stack.node.tryFindChild('VpcLatticeLookupProvider')).toBeDefined();
      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 2);
    }
  });

  test('a network found by name can be associated with VPCs and services of the stack, by its looked-up ARN', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkName(stack, 'Shared', 'platform');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    network.associateVpc(vpc);
    const service = new LatticeService(stack, 'Orders', { serviceNetwork: network });
    service.grantInvoke(new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }));

    const template = Template.fromStack(stack);
    const [lookupId] = Object.keys(template.findResources(LOOKUP));
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { ServiceNetworkIdentifier: { 'Fn::GetAtt': [lookupId, 'Arn'] } });
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkServiceAssociation', { ServiceNetworkIdentifier: { 'Fn::GetAtt': [lookupId, 'Arn'] } });
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a network name with capitals', stack => ServiceNetwork.fromServiceNetworkName(stack, 'Shared', 'Platform'),
      named("Stack/Shared: invalid serviceNetworkName 'Platform'")],
    ['a network name with the reserved prefix', stack => ServiceNetwork.fromServiceNetworkName(stack, 'Shared', 'servicenetwork-a'),
      named("Stack/Shared: invalid serviceNetworkName 'servicenetwork-a'")],
    ['a service name over 40 characters', stack => LatticeService.fromServiceName(stack, 'Orders', 'o'.repeat(41)),
      named(`Stack/Orders: invalid serviceName '${'o'.repeat(41)}'`)],
    ['a service name with the reserved prefix', stack => LatticeService.fromServiceName(stack, 'Orders', 'svc-orders'),
      named("Stack/Orders: invalid serviceName 'svc-orders'")],
  ])('rejects %s', (_what, lookUp, message) => {
    expect(() => lookUp(strictStack())).toThrow(message);
  });
});
