import { Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { isolatedVpc, strictApp, strictStack } from './util';
import {
  AuthType, IpTargetGroup, InstanceTargetGroup, LatticeService, ListenerProtocol, ResourceConfiguration, ResourceDefinition, ResourceGateway,
  ResourceShare, ServiceNetwork, TargetGroupBase,
} from 'cdk-vpc-lattice';

/*
 * Every fact the app tells the constructs is kept by one owner and readable from it: what later answers (access,
 * reachability) read. Each list is a copy, so changing it changes nothing.
 */

const SERVICE_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef0';
const NETWORK_ARN = 'arn:aws:vpc-lattice:eu-west-1:111122223333:servicenetwork/sn-0123456789abcdef0';
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0123abcd-0000-0000-0000-000000000000';

const vpc = (scope: Stack, id = 'Vpc', cidr = '10.0.0.0/16') => isolatedVpc(scope, id, cidr);

function resources(stack: Stack) {
  const providerVpc = vpc(stack, 'ProviderVpc', '10.9.0.0/16');
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: providerVpc });
  const db = new ResourceConfiguration(stack, 'Db', {
    gateway, definition: ResourceDefinition.dnsName('db.internal.example.com'), portRanges: ['5432'],
  });
  return { providerVpc, gateway, db };
}

describe('a service network keeps what is associated with it', () => {
  test('its VPC, service and resource associations and its endpoints, in order, as copies', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const first = vpc(stack, 'First', '10.1.0.0/16');
    const second = vpc(stack, 'Second', '10.2.0.0/16');
    const service = new LatticeService(stack, 'Orders');
    const { db } = resources(stack);

    const vpcAssociation = network.associateVpc(first);
    const serviceAssociation = network.associateService(service);
    const resourceAssociation = network.associateResource(db);
    const endpoint = network.addVpcEndpoint(second);

    expect(network.vpcAssociations).toEqual([vpcAssociation]);
    expect(network.serviceAssociations).toEqual([serviceAssociation]);
    expect(network.resourceAssociations).toEqual([resourceAssociation]);
    expect(network.endpoints).toEqual([endpoint]);
    expect(serviceAssociation.serviceNetwork).toBe(network);
    expect(serviceAssociation.service).toBe(service);

    network.vpcAssociations.pop();
    network.endpoints.pop();
    expect(network.vpcAssociations).toHaveLength(1);
    expect(network.endpoints).toHaveLength(1);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
  });

  test('an imported network keeps what this app associates with it, and has no auth policy of its own', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Shared', NETWORK_ARN);
    const association = network.associateVpc(vpc(stack));
    const service = new LatticeService(stack, 'Orders');
    const serviceAssociation = network.associateService(service);
    expect(network.vpcAssociations).toEqual([association]);
    expect(network.serviceAssociations).toEqual([serviceAssociation]);
    expect(network.authPolicy).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { ServiceNetworkIdentifier: NETWORK_ARN });
  });

  test('its auth policy is the statements the app wrote, as a new document each time', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const statement = new iam.PolicyStatement({ actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'], principals: [new iam.AccountPrincipal('111122223333')] });
    network.addToAuthPolicy(statement);
    const policy = network.authPolicy!;
    expect(policy.statementCount).toBe(2); // authenticatedOnly() by default, and the one added
    policy.addStatements(new iam.PolicyStatement({ actions: ['vpc-lattice-svcs:Invoke'], resources: ['*'], principals: [new iam.AnyPrincipal()] }));
    expect(network.authPolicy!.statementCount).toBe(2);
    expect(new ServiceNetwork(stack, 'Open', { authType: AuthType.NONE }).authPolicy).toBeUndefined();
  });
});

describe('associations and endpoints keep their security groups', () => {
  test('a VPC association: the group made for it, its connections and its VPC', () => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    const association = new ServiceNetwork(stack, 'Network').associateVpc(clientVpc);
    expect(association.vpc).toBe(clientVpc);
    expect(association.securityGroups).toHaveLength(1);
    expect(association.connections.securityGroups).toEqual(association.securityGroups);
    const groupId = stack.resolve(association.securityGroups[0].securityGroupId);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkVpcAssociation', { SecurityGroupIds: [groupId] });
  });

  test('a VPC association: the groups given, as a copy', () => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    const mine = new ec2.SecurityGroup(stack, 'Mine', { vpc: clientVpc });
    const association = new ServiceNetwork(stack, 'Network').associateVpc(clientVpc, { securityGroups: [mine] });
    expect(association.securityGroups).toEqual([mine]);
    association.securityGroups.pop();
    expect(association.securityGroups).toEqual([mine]);
  });

  test('an endpoint: its security groups and the subnets it is placed in, one per Availability Zone', () => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    const endpoint = new ServiceNetwork(stack, 'Network').addVpcEndpoint(clientVpc);
    expect(endpoint.vpc).toBe(clientVpc);
    expect(endpoint.securityGroups).toHaveLength(1);
    expect(endpoint.connections.securityGroups).toEqual(endpoint.securityGroups);
    expect(endpoint.subnets).toEqual(clientVpc.isolatedSubnets);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPCEndpoint', {
      SubnetIds: clientVpc.isolatedSubnets.map(subnet => stack.resolve(subnet.subnetId)),
      SecurityGroupIds: [stack.resolve(endpoint.securityGroups[0].securityGroupId)],
    });
  });
});

describe('resource gateways and configurations keep each other and their endpoints', () => {
  test('a gateway keeps its security groups and the configurations served through it', () => {
    const stack = strictStack();
    const { gateway, db } = resources(stack);
    expect(gateway.resourceConfigurations).toEqual([db]);
    expect(gateway.securityGroups).toHaveLength(1);
    expect(gateway.connections.securityGroups).toEqual(gateway.securityGroups);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::ResourceGateway', {
      SecurityGroupIds: [stack.resolve(gateway.securityGroups[0].securityGroupId)],
    });
  });

  test('an imported gateway keeps the groups it was imported with and the configurations of this app', () => {
    const stack = strictStack();
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0');
    const gateway = ResourceGateway.fromResourceGatewayAttributes(stack, 'Gateway', { resourceGatewayId: 'rgw-0123456789abcdef0', securityGroups: [group] });
    const db = new ResourceConfiguration(stack, 'Db', { gateway, definition: ResourceDefinition.ipAddress('10.0.1.5'), portRanges: ['5432'] });
    expect(gateway.securityGroups).toEqual([group]);
    expect(gateway.resourceConfigurations).toEqual([db]);
  });

  test('a configuration keeps its endpoints and the networks it is associated with', () => {
    const stack = strictStack();
    const { db } = resources(stack);
    const first = new ServiceNetwork(stack, 'First');
    const second = new ServiceNetwork(stack, 'Second');
    first.associateResource(db);
    second.associateResource(db);
    const endpoint = db.addVpcEndpoint(vpc(stack, 'Consumer', '10.3.0.0/16'));
    expect(db.serviceNetworks).toEqual([first, second]);
    expect(db.endpoints).toEqual([endpoint]);
    expect(first.resourceAssociations.map(association => association.resourceConfiguration)).toEqual([db]);
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::ServiceNetworkResourceAssociation', 2);
  });
});

describe('a service keeps its custom domain, DNS name and auth policy', () => {
  test('the custom domain as given, and the generated DNS name under one name', () => {
    const stack = strictStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE_ARN);
    const customDomain = { domainName: 'orders.internal.example.com', certificate };
    const service = new LatticeService(stack, 'Orders', { customDomain, listeners: [{ protocol: ListenerProtocol.HTTPS }] });
    expect(service.customDomain).toEqual(customDomain);
    expect(service.domainName).toBe('orders.internal.example.com');
    expect(stack.resolve(service.dnsName)['Fn::GetAtt'][1]).toBe('DnsEntry.DomainName');
    expect(stack.resolve(service.generatedDomainName)).toEqual(stack.resolve(service.dnsName));
    expect(service.listeners).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Service', { CustomDomainName: 'orders.internal.example.com', CertificateArn: CERTIFICATE_ARN });
  });

  test('its auth policy holds what grantInvoke wrote', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Orders');
    expect(service.authPolicy).toBeUndefined();
    service.grantInvoke(new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }));
    const statements = stack.resolve(service.authPolicy!.toJSON()).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('vpc-lattice-svcs:Invoke');
    Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::AuthPolicy', 1);
  });

  test('an imported service knows the DNS name it was imported with, no custom domain and no auth policy', () => {
    const stack = strictStack();
    const dnsName = 'billing-0123456789abcdef0.7d67968.vpc-lattice-svcs.eu-west-1.on.aws';
    const service = LatticeService.fromServiceAttributes(stack, 'Billing', { serviceArn: SERVICE_ARN, dnsName });
    expect(service.dnsName).toBe(dnsName);
    expect(service.customDomain).toBeUndefined();
    expect(service.authPolicy).toBeUndefined();
    expect(LatticeService.fromServiceArn(stack, 'Other', SERVICE_ARN).dnsName).toBeUndefined();
  });
});

describe('a target group keeps its targets and what it opened', () => {
  test('IP targets are described, and open nothing', () => {
    const stack = strictStack();
    const group = new IpTargetGroup(stack, 'Ips', { vpc: vpc(stack), targets: ['10.0.1.10', '10.0.1.11:8080'] });
    expect(group.targets).toEqual([{ type: 'IP', address: '10.0.1.10', port: undefined }, { type: 'IP', address: '10.0.1.11', port: 8080 }]);
    expect(group.targetConnections).toEqual([]);
  });

  test('instances are described with their ports, and their connections are the ones opened', () => {
    const stack = strictStack();
    const targetVpc = vpc(stack);
    const instance = new ec2.Instance(stack, 'Server', {
      vpc: targetVpc, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
    const group = new InstanceTargetGroup(stack, 'Servers', { vpc: targetVpc });
    group.addInstance(instance, 9000);
    expect(group.targets).toEqual([{ type: 'INSTANCE', construct: instance, port: 9000 }]);
    expect(group.targetConnections).toEqual([instance]);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 9000, ToPort: 9000 });
  });

  test('an imported group has no targets', () => {
    const stack = strictStack();
    const group = TargetGroupBase.fromTargetGroupArn(stack, 'Tg', 'arn:aws:vpc-lattice:eu-west-1:111122223333:targetgroup/tg-0123456789abcdef0');
    expect(group.targets).toEqual([]);
    expect(group.targetConnections).toEqual([]);
  });
});

describe('a VPC joins only one service network, checked without a scan of the app', () => {
  test('the same VPC construct, with a network in another stack, made first', () => {
    const app = strictApp();
    const clientVpc = vpc(new Stack(app, 'Clients'));
    new ServiceNetwork(new Stack(app, 'Platform'), 'Network').associateVpc(clientVpc);
    expect(() => new ServiceNetwork(new Stack(app, 'Other'), 'Network').associateVpc(clientVpc))
      .toThrow(/invalid vpc 'Clients\/Vpc': this VPC is already associated with a service network by Clients\/NetworkVpcAssociation,/);
  });

  test('one VPC ID imported in two stacks of one app is one VPC', () => {
    const app = strictApp();
    const attrs = { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['eu-west-1a'] };
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    new ServiceNetwork(first, 'Network').associateVpc(ec2.Vpc.fromVpcAttributes(first, 'Vpc', attrs));
    expect(() => new ServiceNetwork(second, 'Network').associateVpc(ec2.Vpc.fromVpcAttributes(second, 'Vpc', attrs)))
      .toThrow(/invalid vpc 'vpc-0123456789abcdef0': this VPC is already associated with a service network by First\/Network\/VpcAssociation,/);
  });

  test('one VPC ID in two stages (usually two accounts) is two VPCs, and each app keeps its own', () => {
    const app = strictApp();
    const attrs = { vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['eu-west-1a'] };
    for (const name of ['Beta', 'Prod']) {
      const stack = new Stack(new Stage(app, name), 'Network');
      new ServiceNetwork(stack, 'Network').associateVpc(ec2.Vpc.fromVpcAttributes(stack, 'Vpc', attrs));
      Template.fromStack(stack).resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
    }
    const other = strictStack();
    new ServiceNetwork(other, 'Network').associateVpc(ec2.Vpc.fromVpcAttributes(other, 'Vpc', attrs));
    Template.fromStack(other).resourceCountIs('AWS::VpcLattice::ServiceNetworkVpcAssociation', 1);
  });

  test('a VPC with an association may still have endpoints to other networks', () => {
    const stack = strictStack();
    const clientVpc = vpc(stack);
    new ServiceNetwork(stack, 'Home').associateVpc(clientVpc);
    const endpoint = new ServiceNetwork(stack, 'Elsewhere').addVpcEndpoint(clientVpc);
    expect(endpoint.vpc).toBe(clientVpc);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPCEndpoint', 1);
  });
});

describe('one spelling: sharable', () => {
  test('networks, services and configurations have sharableArn; the old shareableArn still answers the same', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network', { sharable: true });
    const service = new LatticeService(stack, 'Orders');
    const { db } = resources(stack);
    for (const [resource, arn] of [[network, network.serviceNetworkArn], [service, service.serviceArn], [db, db.resourceConfigurationArn]] as const) {
      expect(resource.sharableArn).toBe(arn);
      expect(resource.shareableArn).toBe(arn);
    }
    new ResourceShare(stack, 'Share', { principals: ['222222222222'], resources: [network, service, db] });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', {
      ResourceArns: [network.serviceNetworkArn, service.serviceArn, db.resourceConfigurationArn].map(arn => stack.resolve(arn)),
    });
  });

  test('a resource written against the old interface, with shareableArn only, can still be shared', () => {
    const stack = strictStack();
    const arn = 'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0123456789abcdef1';
    const old = Object.assign(new Construct(stack, 'Old'), { shareableArn: arn });
    new ResourceShare(stack, 'Share', { principals: ['222222222222'], resources: [old as any] });
    Template.fromStack(stack).hasResourceProperties('AWS::RAM::ResourceShare', { ResourceArns: [arn] });
  });
});
