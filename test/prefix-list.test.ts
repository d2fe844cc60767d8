import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { AwsSolutionsChecks } from 'cdk-nag';
import { named, strictApp, strictStack, wrong } from './util';
import { InstanceTargetGroup, LatticePrefixList } from 'cdk-vpc-lattice';

const AMI = ec2.MachineImage.latestAmazonLinux2023();

function setup(stack: Stack = strictStack()) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const instance = (id: string) => new ec2.Instance(stack, id, { vpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: AMI });
  return { stack, vpc, instance };
}

const LOOKUP_ID = (id: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}`), 'PrefixLists.0.PrefixListId'] });

describe('the prefix-list lookup', () => {
  test('20 instance target groups in a stack make exactly one lookup, and every rule uses it', () => {
    const { stack, vpc, instance } = setup();
    for (let i = 0; i < 20; i++) {
      new InstanceTargetGroup(stack, `Group${i}`, { vpc, port: 8000 + i, instances: [instance(`Instance${i}`)] });
    }

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 1);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(rules).toHaveLength(20);
    for (const rule of rules) {
      expect(rule.Properties.SourcePrefixListId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^VpcLatticePrefixList/), 'PrefixLists.0.PrefixListId'] });
    }
  });

  test('synthesizing the app again keeps the one lookup', () => {
    const { stack, vpc, instance } = setup();
    new InstanceTargetGroup(stack, 'Group', { vpc, instances: [instance('Instance')] });
    Template.fromStack(stack);
    Annotations.fromStack(stack);
    Template.fromStack(stack).resourceCountIs('Custom::VpcLatticePrefixList', 1);
  });

  test('target groups that share an instance and a port make one rule', () => {
    const { stack, vpc, instance } = setup();
    const shared = instance('Shared');
    for (let i = 0; i < 20; i++) {
      new InstanceTargetGroup(stack, `Group${i}`, { vpc, port: 8080, instances: [shared] });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 1);
  });

  test('calls EC2 DescribeManagedPrefixLists for the region\'s vpc-lattice list, with read-only rights and a one-year log', () => {
    const { stack, vpc, instance } = setup();
    new InstanceTargetGroup(stack, 'Group', { vpc, instances: [instance('Instance')] });

    const template = Template.fromStack(stack);
    const [lookup] = Object.values(template.findResources('Custom::VpcLatticePrefixList'));
    const call = JSON.parse(stack.resolve(lookup.Properties.Create)['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<region>')).join(''));
    expect(call).toEqual({
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.<region>.vpc-lattice'] }] },
      physicalResourceId: { id: 'com.amazonaws.<region>.vpc-lattice' },
      outputPaths: ['PrefixLists.0.PrefixListId'],
    });
    expect(lookup.Properties.InstallLatestAwsSdk).toBe(false);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'ec2:DescribeManagedPrefixLists', Effect: 'Allow', Resource: '*' }] },
      Roles: [{ Ref: Match.stringLikeRegexp('^VpcLatticePrefixListLookupRole') }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] },
      ManagedPolicyArns: Match.absent(),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcLatticePrefixListLookupRole'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^VpcLatticePrefixListLookupLogs') } },
    });
  });

  test('cdk-nag AwsSolutions has no finding on the lookup (its one wildcard is acknowledged with a reason)', () => {
    const app = strictApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Stack');
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a'] });
    const securityGroup = new ec2.SecurityGroup(stack, 'Targets', { vpc, allowAllOutbound: false });
    securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup), ec2.Port.tcp(8080));
    expect(() => app.synth()).not.toThrow();
  });

  test('a stack that already has an AwsCustomResource shares its function and gets no role or log group of its own', () => {
    const { stack, vpc, instance } = setup();
    new cr.AwsCustomResource(stack, 'Mine', {
      onCreate: { service: 'STS', action: 'getCallerIdentity', physicalResourceId: cr.PhysicalResourceId.of('me') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    new InstanceTargetGroup(stack, 'Group', { vpc, instances: [instance('Instance')] });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 1);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).filter(id => id.startsWith('VpcLatticePrefixList'))).toEqual([]);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('each stack has its own lookup', () => {
    const app = strictApp();
    const first = setup(new Stack(app, 'First'));
    const second = setup(new Stack(app, 'Second'));
    new InstanceTargetGroup(first.stack, 'Group', { vpc: first.vpc, instances: [first.instance('Instance')] });
    new InstanceTargetGroup(second.stack, 'Group', { vpc: second.vpc, instances: [second.instance('Instance')] });
    Template.fromStack(first.stack).resourceCountIs('Custom::VpcLatticePrefixList', 1);
    Template.fromStack(second.stack).resourceCountIs('Custom::VpcLatticePrefixList', 1);
  });

  test('the IPv6 list is a second lookup with the ipv6 name, behind the same function', () => {
    const { stack, vpc, instance } = setup();
    new InstanceTargetGroup(stack, 'Group', { vpc, port: 8080, instances: [instance('Instance')] });
    const securityGroup = new ec2.SecurityGroup(stack, 'Targets', { vpc });
    securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup, { ipv6: true }), ec2.Port.tcp(8080));
    securityGroup.addIngressRule(LatticePrefixList.peer(securityGroup), ec2.Port.tcp(8080));

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('Custom::VpcLatticePrefixList', {
      Create: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"Values":\\["com\\.amazonaws\\.$'), '.ipv6.vpc-lattice"]}]},"physicalResourceId":{"id":"com.amazonaws.'])] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourcePrefixListId: LOOKUP_ID('VpcLatticeIpv6PrefixList'), FromPort: 8080 });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Targets'), 'GroupId'] }, SourcePrefixListId: LOOKUP_ID('VpcLatticePrefixList'), FromPort: 8080,
    });
  });
});

describe('a known prefix-list ID', () => {
  test.each([
    ['before', true],
    ['after', false],
  ])('given %s the target groups, removes the lookup entirely', (_when, first) => {
    const { stack, vpc, instance } = setup();
    if (first) { LatticePrefixList.useKnownId(stack, 'pl-0123456789abcdef0'); }
    for (let i = 0; i < 20; i++) {
      new InstanceTargetGroup(stack, `Group${i}`, { vpc, port: 8000 + i, instances: [instance(`Instance${i}`)] });
    }
    if (!first) { LatticePrefixList.useKnownId(stack, 'pl-0123456789abcdef0'); }

    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::VpcLatticePrefixList', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(rules.map(rule => rule.Properties.SourcePrefixListId)).toEqual(Array(20).fill('pl-0123456789abcdef0'));
    expect(stack.resolve(LatticePrefixList.idOf(stack))).toBe('pl-0123456789abcdef0');
  });

  test('applies to its own stack and list only', () => {
    const app = strictApp();
    const known = setup(new Stack(app, 'Known'));
    const other = setup(new Stack(app, 'Other'));
    LatticePrefixList.useKnownId(known.instance('Instance'), 'pl-12345678');
    new InstanceTargetGroup(known.stack, 'Group', { vpc: known.vpc, instances: [known.stack.node.findChild('Instance') as ec2.Instance] });
    const v6 = new ec2.SecurityGroup(known.stack, 'V6', { vpc: known.vpc });
    v6.addIngressRule(LatticePrefixList.peer(v6, { ipv6: true }), ec2.Port.tcp(80));
    new InstanceTargetGroup(other.stack, 'Group', { vpc: other.vpc, instances: [other.instance('Instance')] });

    const knownTemplate = Template.fromStack(known.stack);
    knownTemplate.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourcePrefixListId: 'pl-12345678' });
    knownTemplate.resourceCountIs('Custom::VpcLatticePrefixList', 1);
    knownTemplate.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { SourcePrefixListId: LOOKUP_ID('VpcLatticeIpv6PrefixList') });
    Template.fromStack(other.stack).resourceCountIs('Custom::VpcLatticePrefixList', 1);
  });

  test.each([
    ['an ID without pl-', () => LatticePrefixList.useKnownId(strictStack(), 'sg-12345678'),
      named("Stack: invalid prefixListId 'sg-12345678'")],
    ['an ID of 9 digits', () => LatticePrefixList.useKnownId(strictStack(), 'pl-123456789', { ipv6: true }),
      named("Stack: invalid IPv6 prefixListId 'pl-123456789'")],
    ['a second, different ID for the same stack', () => {
      const stack = strictStack();
      LatticePrefixList.useKnownId(stack, 'pl-12345678');
      LatticePrefixList.useKnownId(stack, 'pl-87654321');
    }, named("Stack: invalid prefixListId 'pl-87654321'")],
    // Values of the wrong type: a scope or options of null escaped as TypeErrors, an ID in a list passed.
    ['a scope of null', () => LatticePrefixList.useKnownId(wrong(null), 'pl-12345678'),
      /^LatticePrefixList.useKnownId: invalid scope null: must be a construct of the stack/],
    ['an ID given as the scope', () => LatticePrefixList.peer(wrong('pl-12345678')), named("LatticePrefixList.peer: invalid scope 'pl-12345678'")],
    ['options of null', () => LatticePrefixList.idOf(strictStack(), wrong(null)), named('Stack: invalid LatticePrefixList.idOf options null')],
    ['ipv6 as a string', () => LatticePrefixList.useKnownId(strictStack(), 'pl-12345678', { ipv6: wrong('true') }),
      named("Stack: invalid LatticePrefixList.useKnownId options.ipv6 'true'")],
    ['an ID in a list', () => LatticePrefixList.useKnownId(strictStack(), wrong(['pl-12345678'])), named("Stack: invalid prefixListId ['pl-12345678']")],
  ])('rejects %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  test('the same ID given twice is fine', () => {
    const stack = strictStack();
    LatticePrefixList.useKnownId(stack, 'pl-12345678');
    expect(() => LatticePrefixList.useKnownId(stack, 'pl-12345678')).not.toThrow();
  });
});
