import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { named, strictApp, strictStack } from './util';
import {
  AuthPolicy, AuthType, LatticeService, Listener, ListenerAction, ListenerProtocol, ServiceNetwork, TargetGroupBase,
} from 'cdk-vpc-lattice';

function vpc(scope: Stack, id = 'Vpc', cidr = '10.0.0.0/16'): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

const NETWORK_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0';

describe('ServiceNetwork', () => {
  test('defaults to AWS_IAM with a policy that admits authenticated callers only', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network');

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { AuthType: 'AWS_IAM', Name: Match.absent() });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      ResourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Id'] },
      Policy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } },
          Sid: 'AllowAuthenticatedCallers',
        }],
      },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('takes a name', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'platform' });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { Name: 'platform' });
  });

  test('organizationOnly admits authenticated principals of one organization', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.organizationOnly('o-abcdef1234') });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: {
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' },
            StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' },
          },
          Sid: 'AllowOrganizationCallers',
        }],
      },
    });
  });

  test('allowAll admits every caller, signed or not', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.allowAll() });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Sid: 'AllowAllCallers' }] },
    });
  });

  test('an auth policy from a policy document is copied, and addToAuthPolicy appends to it', () => {
    const stack = strictStack();
    const document = new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('111122223333')], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'] })],
    });
    const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.fromPolicyDocument(document) });
    document.addStatements(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'] }));
    const result = network.addToAuthPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Invoke'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:PrincipalType': 'anonymous' } },
    }));

    expect(result.statementAdded).toBe(true);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 1);
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: {
        Statement: [
          Match.objectLike({ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::111122223333:root'])] } } }),
          Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' } }),
        ],
      },
    });
  });

  test('AuthType.NONE has no auth policy and warns that callers are not authenticated', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network', { authType: AuthType.NONE });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetwork', { AuthType: 'NONE' });
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 0);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('AuthType.NONE: at run time any client in an associated VPC'));
  });

  test('an auth policy on an AuthType.NONE network is kept but reported as inactive', () => {
    const stack = strictStack();
    new ServiceNetwork(stack, 'Network', { authType: AuthType.NONE, authPolicy: AuthPolicy.authenticatedOnly() });
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::AuthPolicy', 1);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('authPolicy is ignored at run time because authType is NONE'));
  });
});

describe('associateVpc', () => {
  test('without security groups creates one that admits the VPC CIDR on 80 and 443 when no listener is known', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const association = network.associateVpc(vpc(stack));

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', {
      ServiceNetworkIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
      VpcIdentifier: { Ref: Match.stringLikeRegexp('^Vpc') },
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('SecurityGroup'), 'GroupId'] }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        { CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Description: Match.anyValue() },
        { CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() },
      ],
      // Nothing leaves through the association's group: CDK's placeholder rule that matches no traffic.
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
    expect(association.connections.securityGroups).toHaveLength(1);
  });

  test('admits exactly the listener ports of the services associated with the network, even listeners added later', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    network.associateVpc(vpc(stack));
    const service = new LatticeService(stack, 'Service', { serviceNetwork: network });
    service.addListener('Http', { protocol: ListenerProtocol.HTTP, port: 8080 });
    service.addListener('Https', { protocol: ListenerProtocol.HTTPS });
    const other = new LatticeService(stack, 'Other');
    network.associateService(other);
    other.addListener('Http', { protocol: ListenerProtocol.HTTP, port: 8080 });

    const ingress = Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup');
    const rules = Object.values(ingress)[0].Properties.SecurityGroupIngress.map((rule: any) => rule.FromPort);
    expect(rules).toEqual([443, 8080]);
  });

  test('admits the ports of TLS passthrough listeners like any other', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { authType: AuthType.NONE });
    network.associateVpc(vpc(stack));
    tlsListener(new LatticeService(stack, 'Broker', { serviceNetwork: network, customDomain: { domainName: 'broker.internal.example.com' } }), 8443);

    const ingress = Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup');
    expect(Object.values(ingress)[0].Properties.SecurityGroupIngress.map((rule: any) => rule.FromPort)).toEqual([8443]);
  });

  test('uses the given security groups as given, and connections allow more clients', () => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    const network = new ServiceNetwork(stack, 'Network');
    const mine = new ec2.SecurityGroup(stack, 'Mine', { vpc: clientVpc, allowAllOutbound: false });
    const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc: clientVpc, allowAllOutbound: false });
    const association = network.associateVpc(clientVpc, { securityGroups: [mine] });
    association.connections.allowFrom(clients, ec2.Port.tcp(443));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 2);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', {
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'GroupId'] }],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Clients'), 'GroupId'] },
      FromPort: 443,
      ToPort: 443,
    });
  });

  test.each([
    ['no security groups', 0],
    ['six security groups', 6],
  ])('rejects %s', (_name, count) => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    const groups = Array.from({ length: count }, (_, i) => new ec2.SecurityGroup(stack, `Sg${i}`, { vpc: clientVpc }));
    expect(() => new ServiceNetwork(stack, 'Network').associateVpc(clientVpc, { securityGroups: groups }))
      .toThrow(named(`Stack/Network/VpcAssociation: invalid securityGroups '${count} items'`));
  });

  test('the same VPC cannot be associated twice in one app, even with two networks in two stacks', () => {
    const app = strictApp();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    const clientVpc = vpc(first);
    new ServiceNetwork(first, 'Network').associateVpc(clientVpc);
    expect(() => new ServiceNetwork(second, 'Network').associateVpc(clientVpc))
      .toThrow(/invalid vpc 'First\/Vpc': this VPC is already associated with a service network by First\/Network\/VpcAssociation, and a VPC can be associated with only one service network/);
  });

  test('the same literal VPC ID imported twice counts as the same VPC', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const attrs = { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['eu-west-1a'] };
    network.associateVpc(ec2.Vpc.fromVpcAttributes(stack, 'A', attrs));
    expect(() => network.associateVpc(ec2.Vpc.fromVpcAttributes(stack, 'B', attrs))).toThrow(/invalid vpc 'vpc-0123456789abcdef0': this VPC is already associated/);
  });

  test('a VPC imported without its CIDR needs security groups', () => {
    const stack = strictStack();
    const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'] });
    expect(() => new ServiceNetwork(stack, 'Network').associateVpc(imported))
      .toThrow(/invalid vpc 'Stack\/Imported': the VPC was imported without its CIDR block.*import it with vpcCidrBlock, or pass securityGroups/);
  });

  test('a VPC in another stack is associated in that stack', () => {
    const app = strictApp();
    const platform = new Stack(app, 'Platform');
    const application = new Stack(app, 'Application');
    const network = new ServiceNetwork(platform, 'Network');
    const association = network.associateVpc(vpc(application, 'AppVpc'));

    expect(association.node.path).toBe('Application/NetworkAppVpcAssociation');
    Template.fromStack(application).resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
    Template.fromStack(platform).resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 0);
  });
});

/** A TLS passthrough listener on `service`, forwarding to an imported group. */
function tlsListener(service: LatticeService, port = 443) {
  const group = TargetGroupBase.fromTargetGroupArn(service, 'Tcp', 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0');
  return service.addListener('Tls', { protocol: ListenerProtocol.TLS_PASSTHROUGH, port, defaultAction: ListenerAction.forward(group) });
}

describe('TLS passthrough callers are anonymous, at the network too', () => {
  const refused = Match.stringLikeRegexp('^This service network has AuthType.AWS_IAM, and its auth policy lets no anonymous caller connect, but the service ' +
    'Stack/Broker associated with it has the TLS_PASSTHROUGH listener Stack/Broker/Tls: .*anonymous. At run time the network refuses every connection to it, ' +
    "whatever the service's own auth. Add a statement for it to the network's auth policy: network.addToAuthPolicy");

  function network(stack: Stack, props: ConstructorParameters<typeof ServiceNetwork>[2] = {}) {
    const serviceNetwork = new ServiceNetwork(stack, 'Network', props);
    tlsListener(new LatticeService(stack, 'Broker', { authType: AuthType.NONE, customDomain: { domainName: 'broker.internal.example.com' }, serviceNetwork }));
    return serviceNetwork;
  }

  test('the default policy (authenticated callers only) refuses every connection: a warning on the network, naming the service and listener', () => {
    const stack = strictStack();
    network(stack);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', refused);
    Annotations.fromStack(stack).hasNoWarning('/Stack/Broker', Match.stringLikeRegexp('anonymous'));
  });

  test('a service associated later, in another stack, counts too', () => {
    const app = strictApp();
    const stack = new Stack(app, 'Stack');
    const serviceNetwork = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.organizationOnly('o-abcdef1234') });
    const other = new Stack(app, 'Other');
    const broker = new LatticeService(other, 'Broker', { authType: AuthType.NONE, customDomain: { domainName: 'broker.internal.example.com' } });
    serviceNetwork.associateService(broker);
    tlsListener(broker);
    Annotations.fromStack(stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('the service Other/Broker associated with it has the TLS_PASSTHROUGH listener Other/Broker/Tls'));
  });

  test('a statement that lets anyone connect to the service silences it; so does AuthType.NONE', () => {
    const stack = strictStack();
    const open = network(stack);
    const broker = open.services[0];
    open.addToAuthPolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['vpc-lattice-svcs:Connect'],
      resources: [broker.serviceArn],
      conditions: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-12345678' } },
    }));
    const other = strictStack();
    network(other, { authType: AuthType.NONE });
    for (const s of [stack, other]) {
      expect(Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('anonymous'))).toEqual([]);
    }
  });

  test('a network whose services have no TLS passthrough listener is not warned', () => {
    const stack = strictStack();
    const serviceNetwork = new ServiceNetwork(stack, 'Network');
    new LatticeService(stack, 'Web', { serviceNetwork }).addListener('Https');
    expect(Annotations.fromStack(stack).findWarning('/Stack/Network', Match.anyValue())).toEqual([]);
  });
});

describe('associateService', () => {
  test('associates by ARN and records the association', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const service = new LatticeService(stack, 'Service');
    const association = network.associateService(service);

    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkServiceAssociation', {
      ServiceNetworkIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] },
      ServiceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'Arn'] },
    });
    expect(stack.resolve(association.dnsName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^NetworkServiceAssociation/), 'DnsEntry.DomainName'] });
    expect(() => network.associateService(service)).toThrow(/invalid service 'Stack\/Service': this service is already associated with this service network/);
  });
});

describe('imports', () => {
  test('fromServiceNetworkArn takes the ID from a literal ARN', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Imported', NETWORK_ARN);
    expect(network.serviceNetworkId).toBe('sn-0123456789abcdef0');
    expect(network.serviceNetworkArn).toBe(NETWORK_ARN);
  });

  test('fromServiceNetworkAttributes derives the ARN from an ID in the stack account and region', () => {
    const stack = strictStack({ env: { account: '444455556666', region: 'eu-central-1' } });
    const network = ServiceNetwork.fromServiceNetworkAttributes(stack, 'Imported', { serviceNetworkId: 'sn-0123456789abcdef0' });
    expect(stack.resolve(network.serviceNetworkArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':vpc-lattice:eu-central-1:444455556666:servicenetwork/sn-0123456789abcdef0']],
    });
  });

  test('an ARN that is a token is split at deploy time', () => {
    const stack = strictStack();
    const arn = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }).roleArn;
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Imported', arn);
    expect(JSON.stringify(stack.resolve(network.serviceNetworkId))).toContain('Fn::Split');
  });

  test('an imported network takes VPC associations (a consumer account of a shared network) but not auth-policy statements', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Imported', NETWORK_ARN);
    network.associateVpc(vpc(stack));
    const result = network.addToAuthPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'] }));

    expect(result.statementAdded).toBe(false);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { ServiceNetworkIdentifier: NETWORK_ARN });
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 0);
  });

  test.each(['VPC first', 'service first'])('an imported network takes part like one defined in the app (%s): its VPC association admits the ports of the services the app associates with it', (order) => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Imported', NETWORK_ARN);
    const service = new LatticeService(stack, 'Service');
    if (order === 'VPC first') { network.associateVpc(vpc(stack)); }
    network.associateService(service);
    if (order === 'service first') { network.associateVpc(vpc(stack)); }
    service.addListener('Https', { port: 8443 });

    expect(network.services).toEqual([service]);
    expect(service.serviceNetworks).toEqual([network]);
    const groups = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'));
    expect(groups[0].Properties.SecurityGroupIngress.map((rule: any) => rule.FromPort)).toEqual([8443]);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Service', Match.stringLikeRegexp('notAssociated'))).toEqual([]);
  });

  test('a listener added directly to an imported service counts among the ports of its networks', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    network.associateVpc(vpc(stack));
    const imported = LatticeService.fromServiceArn(stack, 'Imported', 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0');
    network.associateService(imported);
    new Listener(stack, 'Listener', { service: imported, protocol: ListenerProtocol.HTTP, port: 8080 });

    expect(imported.listeners.map(listener => listener.port)).toEqual([8080]);
    const groups = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'));
    expect(groups[0].Properties.SecurityGroupIngress.map((rule: any) => rule.FromPort)).toEqual([8080]);
  });

  test('ingress rules added to the association\'s own security group are kept beside the listener ports', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const association = network.associateVpc(vpc(stack));
    association.connections.allowFrom(ec2.Peer.ipv4('10.1.0.0/16'), ec2.Port.tcp(443), 'Peered clients');
    new LatticeService(stack, 'Service', { serviceNetwork: network }).addListener('Https');

    const groups = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup'));
    expect(groups[0].Properties.SecurityGroupIngress.map((rule: any) => `${rule.CidrIp.Ref ?? JSON.stringify(rule.CidrIp)}:${rule.FromPort}`))
      .toEqual(['"10.1.0.0/16":443', expect.stringMatching(/CidrBlock.*:443$/)]);
  });

  test('attributes need an ARN or an ID', () => {
    const stack = strictStack();
    expect(() => ServiceNetwork.fromServiceNetworkAttributes(stack, 'Imported', {}))
      .toThrow(named('Stack/Imported: invalid attributes {}'));
  });
});
