import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { named, strictStack } from './util';
import { LatticeService, ServiceNetwork } from 'cdk-vpc-lattice';

const ORGANIZATION = 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';
const ORGANIZATIONAL_UNIT = 'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';

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

  test('principals that are tokens pass', () => {
    const stack = strictStack();
    const account = new CfnParameter(stack, 'ConsumerAccount').valueAsString;
    new ServiceNetwork(stack, 'Network').shareWith({ principals: [account] });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', { Principals: [{ Ref: 'ConsumerAccount' }] });
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

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['no principals', stack => new ServiceNetwork(stack, 'Network').shareWith({ principals: [] }),
      named('Stack/Network: invalid shareWith principals []')],
    ['a principal listed twice', stack => new LatticeService(stack, 'Service').shareWith({ principals: ['222222222222', '222222222222'] }),
      named("Stack/Service: invalid shareWith principals '222222222222'")],
  ])('rejects %s', (_what, share, message) => {
    expect(() => share(strictStack())).toThrow(message);
  });
});
