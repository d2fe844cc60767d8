import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { named, strictStack, wrong } from './util';
import { LatticeService, ResourceConfiguration, ResourceDefinition, ResourceGateway, ResourceShare, ServiceNetwork } from 'cdk-vpc-lattice';

const ORGANIZATION = 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';
const ORGANIZATIONAL_UNIT = 'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';
const SHARE_ARN = 'arn:aws:ram:eu-west-1:111111111111:resource-share/0a1b2c3d-1111-2222-3333-444455556666';
const NETWORK_ARN = 'arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0';

describe('shareWith', () => {
  test('shares a network through a RAM resource share, with principals in the organization only by default', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const share = network.shareWith({ principals: ['222222222222', ORGANIZATION, ORGANIZATIONAL_UNIT] });

    expect(share.node.path).toBe('Stack/Network/ResourceShare');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RAM::ResourceShare', 1);
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: Match.stringLikeRegexp('^StackNetworkResourceShare'),
      ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] }],
      Principals: ['222222222222', ORGANIZATION, ORGANIZATIONAL_UNIT],
      AllowExternalPrincipals: false,
    });
  });

  test('shares a service, and each call makes its own share', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Service');
    service.shareWith({ principals: [ORGANIZATION] });
    const external = service.shareWith({ principals: ['333333333333'], allowExternalPrincipals: true });

    expect(external.node.id).toBe('ResourceShare2');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RAM::ResourceShare', 2);
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] }],
      Principals: [ORGANIZATION],
      AllowExternalPrincipals: false,
    });
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] }],
      Principals: ['333333333333'],
      AllowExternalPrincipals: true,
    });
  });

  test('a share can be named, and resource configurations are shared the same way', () => {
    const stack = strictStack();
    const db = configuration(stack);
    const share = db.shareWith({ principals: ['222222222222'], name: 'orders-db' });

    expect(share.node.path).toBe('Stack/Db/ResourceShare');
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'orders-db', ResourceArns: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Arn'] }], Principals: ['222222222222'],
    });
  });

  test('principals that are tokens pass', () => {
    const stack = strictStack();
    const account = new CfnParameter(stack, 'ConsumerAccount').valueAsString;
    new ServiceNetwork(stack, 'Network').shareWith({ principals: [account] });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', { Principals: [{ Ref: 'ConsumerAccount' }] });
  });
});

describe('ResourceShare', () => {
  test('one named share holds networks, services and resource configurations, given as props or added later', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const orders = new LatticeService(stack, 'Orders');
    const db = configuration(stack);
    const share = new ResourceShare(stack, 'Platform', { name: 'platform', principals: [ORGANIZATION], resources: [network] });
    share.addResource(orders);
    share.addResource(db);

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RAM::ResourceShare', 1);
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: 'platform',
      Principals: [ORGANIZATION],
      AllowExternalPrincipals: false,
      ResourceArns: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'Arn'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Db'), 'Arn'] },
      ],
    });
    expect(stack.resolve(share.resourceShareArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Platform/), 'Arn'] });
  });

  test('without a name, a share is named after its path; an empty share is allowed', () => {
    const stack = strictStack();
    new ResourceShare(stack, 'Platform', { principals: ['222222222222'], allowExternalPrincipals: true });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', {
      Name: Match.stringLikeRegexp('^StackPlatform'), ResourceArns: [], AllowExternalPrincipals: true,
    });
  });

  test('a share made elsewhere takes resources through RAM resource associations', () => {
    const stack = strictStack();
    const existing = ResourceShare.fromResourceShareArn(stack, 'Existing', SHARE_ARN);
    existing.addResource(new LatticeService(stack, 'Payments'));
    existing.addResource(new ServiceNetwork(stack, 'Network'));

    expect(existing.resourceShareArn).toBe(SHARE_ARN);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::RAM::ResourceAssociation', 2);
    template.hasResourceProperties('AWS::RAM::ResourceAssociation', {
      ResourceShareArn: SHARE_ARN, ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Payments'), 'Arn'] },
    });
    template.resourceCountIs('AWS::RAM::ResourceShare', 0);
  });
});

describe('sharing rules', () => {
  test.each([
    ['an 11-digit account ID', '22222222222'],
    ['an account ID with letters', '22222222222a'],
    ['an IAM role ARN', 'arn:aws:iam::222222222222:role/consumer'],
    ['an organization ARN without the o- prefix', 'arn:aws:organizations::111111111111:organization/a1b2c3d4e5'],
    ['an organizational-unit ARN without its organization', 'arn:aws:organizations::111111111111:ou/ou-ab12-cd34ef56'],
    ['an organization ID alone', 'o-a1b2c3d4e5'],
  ])('rejects %s', (_what, principal) => {
    const network = new ServiceNetwork(strictStack(), 'Network');
    expect(() => network.shareWith({ principals: [principal] })).toThrow(named(`Stack/Network: invalid shareWith principals '${principal}'`));
  });

  test('a principal in a partition that does not exist is rejected, naming the partitions that do', () => {
    const network = new ServiceNetwork(strictStack(), 'Network');
    const principal = 'arn:aws-iso-abc:organizations::111111111111:organization/o-a1b2c3d4e5';
    expect(() => network.shareWith({ principals: [principal] })).toThrow(
      `Stack/Network: invalid shareWith principals '${principal}': there is no AWS partition 'aws-iso-abc': an ARN's partition is one of ` +
      'aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc');
    expect(() => ResourceShare.fromResourceShareArn(network, 'Share',
      'arn:awsx:ram:us-east-1:111122223333:resource-share/0a1b2c3d-1111-2222-3333-444455556666'))
      .toThrow(named("Stack/Network/Share: invalid resourceShareArn 'arn:awsx:ram:us-east-1:111122223333:resource-share/"));
  });

  test('principals in every real partition are accepted', () => {
    const stack = strictStack();
    const principals = ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']
      .map(partition => `arn:${partition}:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56`);
    new ServiceNetwork(stack, 'Network').shareWith({ principals });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', { Principals: principals });
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['no principals', stack => new ServiceNetwork(stack, 'Network').shareWith({ principals: [] }),
      named('Stack/Network: invalid shareWith principals []')],
    ['a principal listed twice', stack => new LatticeService(stack, 'Service').shareWith({ principals: ['222222222222', '222222222222'] }),
      named("Stack/Service: invalid shareWith principals '222222222222'")],
  ])('rejects %s', (_what, share, message) => {
    expect(() => share(strictStack())).toThrow(message);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a share without principals', stack => new ResourceShare(stack, 'Platform', { principals: [] }), named('Stack/Platform: invalid principals []')],
    ['a share with a role ARN as principal', stack => new ResourceShare(stack, 'Platform', { principals: ['arn:aws:iam::222222222222:role/consumer'] }),
      named("Stack/Platform: invalid principals 'arn:aws:iam::222222222222:role/consumer'")],
    ['an empty share name', stack => new ResourceShare(stack, 'Platform', { principals: ['222222222222'], name: '' }), named("Stack/Platform: invalid name ''")],
    ['an empty shareWith name', stack => new ServiceNetwork(stack, 'Network').shareWith({ principals: ['222222222222'], name: '' }),
      named("Stack/Network: invalid shareWith name ''")],
    ['a resource added twice to a share', stack => {
      const share = new ResourceShare(stack, 'Platform', { principals: ['222222222222'] });
      const network = new ServiceNetwork(stack, 'Network');
      share.addResource(network);
      share.addResource(network);
    }, /Stack\/Platform: invalid resource 'Stack\/Network': it is already in this share; add it once/],
    ['a resource added twice to a share made elsewhere', stack => {
      const share = ResourceShare.fromResourceShareArn(stack, 'Existing', SHARE_ARN);
      const network = new ServiceNetwork(stack, 'Network');
      share.addResource(network);
      share.addResource(network);
    }, named("Stack/Existing: invalid resource 'Stack/Network'")],
    ['a share ARN that is no RAM share ARN', stack => ResourceShare.fromResourceShareArn(stack, 'Existing', 'arn:aws:ram:eu-west-1:111122223333:permission/x'),
      named("Stack/Existing: invalid resourceShareArn 'arn:aws:ram:eu-west-1:111122223333:permission/x'")],
    // Values of the wrong type: each used to escape as a TypeError, or to pass.
    ['share props of null', stack => new ResourceShare(stack, 'Platform', wrong(null)), named('Stack/Platform: invalid props null')],
    ['a share name in a list', stack => new ResourceShare(stack, 'Platform', { principals: ['222222222222'], name: wrong(['platform']) }),
      named("Stack/Platform: invalid name ['platform']")],
    ['resources of null', stack => new ResourceShare(stack, 'Platform', { principals: ['222222222222'], resources: wrong(null) }),
      named('Stack/Platform: invalid resources null')],
    ['a resource given by its ARN', stack => new ResourceShare(stack, 'Platform', { principals: ['222222222222'], resources: wrong([NETWORK_ARN]) }),
      named(`Stack/Platform: invalid resource '${NETWORK_ARN}'`)],
    ['a resource of null added to a share made elsewhere', stack => ResourceShare.fromResourceShareArn(stack, 'Existing', SHARE_ARN).addResource(wrong(null)),
      named('Stack/Existing: invalid resource null')],
    ['a share ARN in a list', stack => ResourceShare.fromResourceShareArn(stack, 'Existing', wrong([SHARE_ARN])),
      named(`Stack/Existing: invalid resourceShareArn ['${SHARE_ARN}']`)],
  ])('rejects %s', (_what, share, message) => {
    expect(() => share(strictStack())).toThrow(message);
  });
});

function configuration(stack: Stack): ResourceConfiguration {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return new ResourceConfiguration(stack, 'Db', {
    gateway: new ResourceGateway(stack, 'Gateway', { vpc }), definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['5432'],
  });
}
