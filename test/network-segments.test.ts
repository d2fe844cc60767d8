import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { isolatedVpc, named, rejectsEachBadInput, strictStack, wrong } from './util';
import {
  HttpMethod, InstanceTargetGroup, ResourceConfigDnsResolution, ResourceConfiguration, ResourceConfigurationGroup, ResourceDefinition,
  ResourceGateway, ServiceNetwork, TargetProtocol,
} from 'cdk-vpc-lattice';

/*
 * Network segments (CIDR resource configurations) and the tunnel endpoints that reach them, the address options of
 * every endpoint, the network-level grant, and the VPC_LATTICE health check of Auto Scaling groups.
 */

const vpcIn = isolatedVpc;

interface Fixture {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly consumerVpc: ec2.Vpc;
  readonly gateway: ResourceGateway;
}

function fixture(): Fixture {
  const stack = strictStack();
  const vpc = vpcIn(stack, 'Vpc', '10.20.0.0/16');
  const consumerVpc = vpcIn(stack, 'Consumer', '10.30.0.0/16');
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc, dnsResolution: ResourceConfigDnsResolution.IN_VPC });
  return { stack, vpc, consumerVpc, gateway };
}

function segmentOf(f: Fixture, ranges: string[] = ['10.20.0.0/16'], portRanges = ['443']) {
  return new ResourceConfiguration(f.stack, 'Segment', { gateway: f.gateway, definition: ResourceDefinition.cidr(ranges), portRanges });
}

describe('a network segment (ResourceDefinition.cidr)', () => {
  test('is a CIDR configuration over TCP, and its gateway may reach each range on each port', () => {
    const f = fixture();
    segmentOf(f, ['10.20.0.0/16', '2001:db8::/56'], ['443', '8000-8100']);
    const template = Template.fromStack(f.stack);
    template.hasResourceProperties('AWS::VpcLattice::ResourceConfiguration', {
      ResourceConfigurationType: 'CIDR',
      ResourceConfigurationDefinition: { CidrResource: { CidrRanges: ['10.20.0.0/16', '2001:db8::/56'] } },
      PortRanges: ['443', '8000-8100'],
      ProtocolType: 'TCP',
    });
    const egress = template.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('resource gateway') } });
    const rules = Object.values(egress)[0].Properties.SecurityGroupEgress;
    expect(rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
      expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: 'tcp', FromPort: 8000, ToPort: 8100 }),
      expect.objectContaining({ CidrIpv6: '2001:db8::/56', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]));
  });

  test('keeps its ranges, and a tunnel endpoint to it admits GENEVE from its VPC and is listed by the segment', () => {
    const f = fixture();
    const segment = segmentOf(f);
    expect(segment.cidrRanges).toEqual(['10.20.0.0/16']);
    const tunnel = segment.addTunnelEndpoint(f.consumerVpc, { ipAddressType: ec2.VpcEndpointIpAddressType.IPV4 });
    expect(segment.tunnelEndpoints).toEqual([tunnel]);
    const template = Template.fromStack(f.stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Tunnel',
      ResourceConfigurationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Segment'), 'Arn'] },
      IpAddressType: 'ipv4',
      PrivateDnsEnabled: Match.absent(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('tunnel endpoint'),
      SecurityGroupIngress: [Match.objectLike({ IpProtocol: 'udp', FromPort: 6081, ToPort: 6081 })],
    });
    expect(tunnel.connections.defaultPort?.toString()).toBe('UDP 6081');
  });

  test('an imported configuration takes a tunnel endpoint (whether it is a segment is not known)', () => {
    const f = fixture();
    const shared = ResourceConfiguration.fromResourceConfigurationArn(f.stack, 'Shared',
      'arn:aws:vpc-lattice:us-east-1:111122223333:resourceconfiguration/rcfg-0123456789abcdef0');
    shared.addTunnelEndpoint(f.consumerVpc);
    Template.fromStack(f.stack).resourceCountIs('AWS::EC2::VPCEndpoint', 1);
  });
});

rejectsEachBadInput<Fixture>([
  ['no ranges', f => segmentOf(f, []), named("Stack/Segment: invalid definition cidr '0 items'")],
  ['eleven ranges', f => segmentOf(f, Array.from({ length: 11 }, (_, i) => `10.${i}.0.0/16`)), named("invalid definition cidr '11 items'")],
  ['null ranges', f => segmentOf(f, wrong(null)), named('Stack/Segment: invalid definition cidr null')],
  ['a range that is not CIDR', f => segmentOf(f, ['10.20.0.0']), named("invalid definition cidr '10.20.0.0': each range must be an IPv4 or IPv6 CIDR")],
  ['host bits set', f => segmentOf(f, ['10.20.1.0/16']), named("invalid definition cidr '10.20.1.0/16': the address of each range must be its first")],
  ['a prefix too long', f => segmentOf(f, ['10.20.0.0/33']), named("invalid definition cidr '10.20.0.0/33'")],
  ['a repeated range', f => segmentOf(f, ['10.20.0.0/16', '10.20.0.0/16']), named("invalid definition cidr '10.20.0.0/16': each range may be listed once")],
  ['every address beside another range', f => segmentOf(f, ['0.0.0.0/0', '::/0']), named("invalid definition cidr '0.0.0.0/0': a range of every address")],
  ['link-local addresses', f => segmentOf(f, ['169.254.0.0/24']), named("invalid definition cidr '169.254.0.0/24': it is within 169.254.0.0/16")],
  ['IPv6 multicast', f => segmentOf(f, ['ff02::/16']), named("invalid definition cidr 'ff02::/16': it is within ff00::/8")],
  ['no port ranges', f => new ResourceConfiguration(f.stack, 'Segment', { gateway: f.gateway, definition: ResourceDefinition.cidr(['10.20.0.0/16']) }),
    named('Stack/Segment: invalid portRanges undefined')],
  ['a gateway that resolves publicly', f => new ResourceConfiguration(f.stack, 'Segment', {
    gateway: new ResourceGateway(f.stack, 'Public', { vpc: f.vpc }), definition: ResourceDefinition.cidr(['10.20.0.0/16']), portRanges: ['443'],
  }), named("Stack/Segment: invalid gateway 'Stack/Public': it resolves DNS names publicly")],
  ['a custom domain', f => new ResourceConfiguration(f.stack, 'Segment', {
    gateway: f.gateway, definition: ResourceDefinition.cidr(['10.20.0.0/16']), portRanges: ['443'], customDomain: { domainName: 'segment.example.com' },
  }), named("Stack/Segment: invalid customDomain 'segment.example.com'")],
  ['a child of a group', f => new ResourceConfigurationGroup(f.stack, 'Group', { gateway: f.gateway, groupDomain: 'internal.example.com', portRanges: ['443'] })
    .addChild('Child', { definition: ResourceDefinition.cidr(['10.20.0.0/16']) }), named('invalid definition')],
  ['an association with a service network', f => new ServiceNetwork(f.stack, 'Network').associateResource(segmentOf(f)),
    named("Stack/Network: invalid associateResource resourceConfiguration 'Stack/Segment': it is a network segment")],
  ['a resource endpoint', f => segmentOf(f).addVpcEndpoint(f.consumerVpc), named("invalid resourceConfiguration 'Stack/Segment': it is a network segment")],
  ['a tunnel endpoint to a configuration that is not a segment', f => new ResourceConfiguration(f.stack, 'Db', {
    gateway: f.gateway, definition: ResourceDefinition.ipAddress('10.20.0.5'), portRanges: ['5432'],
  }).addTunnelEndpoint(f.consumerVpc), named("invalid resourceConfiguration 'Stack/Db': a tunnel endpoint reaches a network segment")],
  ['tunnel endpoint options of null', f => segmentOf(f).addTunnelEndpoint(f.consumerVpc, wrong(null)), named('invalid addTunnelEndpoint options null')],
  ['an IPv6 endpoint in IPv4 subnets', f => segmentOf(f).addTunnelEndpoint(f.consumerVpc, { ipAddressType: ec2.VpcEndpointIpAddressType.IPV6 }),
    named("invalid ipAddressType 'ipv6': an IPV6 endpoint needs IPv6-only subnets")],
  ['IPv6 records on an IPv4 endpoint', f => new ServiceNetwork(f.stack, 'Network').addVpcEndpoint(f.consumerVpc, {
    ipAddressType: ec2.VpcEndpointIpAddressType.IPV4, dnsRecordIpType: ec2.VpcEndpointDnsRecordIpType.IPV6,
  }), named("invalid dnsRecordIpType 'ipv6'")],
  ['an address type that is not one', f => segmentOf(f).addTunnelEndpoint(f.consumerVpc, { ipAddressType: wrong('IPV4') }), named("invalid ipAddressType 'IPV4'")],
], fixture);

describe('endpoint address options', () => {
  test('service-network and resource endpoints write IpAddressType and DnsOptions.DnsRecordIpType beside private DNS', () => {
    const f = fixture();
    const vpc = vpcIn(f.stack, 'DualStack', '10.40.0.0/16', { ipProtocol: ec2.IpProtocol.DUAL_STACK });
    new ServiceNetwork(f.stack, 'Network').addVpcEndpoint(vpc, {
      ipAddressType: ec2.VpcEndpointIpAddressType.DUALSTACK, dnsRecordIpType: ec2.VpcEndpointDnsRecordIpType.SERVICE_DEFINED,
    });
    Template.fromStack(f.stack).hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'ServiceNetwork', IpAddressType: 'dualstack', DnsOptions: { DnsRecordIpType: 'service-defined' },
    });
  });
});

describe('ServiceNetwork.grantInvoke', () => {
  test('writes the same narrowed statement into the principal\'s policy and the network\'s auth policy', () => {
    const stack = strictStack();
    const network = new ServiceNetwork(stack, 'Network');
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    network.grantInvoke(role, { methods: [HttpMethod.GET], paths: ['/api/*'] });
    const template = Template.fromStack(stack);
    const conditions = {
      StringEquals: { 'vpc-lattice-svcs:ServiceNetworkArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Network'), 'Arn'] }, 'vpc-lattice-svcs:RequestMethod': ['GET'] },
      StringLike: { 'vpc-lattice-svcs:RequestPath': ['/api/*'] },
    };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'vpc-lattice-svcs:Invoke', Effect: 'Allow', Condition: conditions })] },
    });
    template.hasResourceProperties('AWS::VpcLattice::AuthPolicy', {
      Policy: { Statement: Match.arrayWith([Match.objectLike({ Action: 'vpc-lattice-svcs:Invoke', Principal: { AWS: Match.anyValue() }, Condition: conditions })]) },
    });
  });

  test('on an imported network writes the principal\'s policy only', () => {
    const stack = strictStack();
    const network = ServiceNetwork.fromServiceNetworkArn(stack, 'Shared', 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0');
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    network.grantInvoke(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::VpcLattice::AuthPolicy', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: { 'vpc-lattice-svcs:ServiceNetworkArn': 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0' } } })] },
    });
  });

  test('rejects a path that is not one', () => {
    const stack = strictStack();
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => new ServiceNetwork(stack, 'Network').grantInvoke(role, { paths: ['api'] })).toThrow(named("Stack/Network: invalid grantInvoke paths 'api'"));
  });
});

describe('a network whose auth policy protects nothing', () => {
  test('warns when it has resource configurations and no services', () => {
    const f = fixture();
    const network = new ServiceNetwork(f.stack, 'Network');
    network.associateResource(new ResourceConfiguration(f.stack, 'Db', {
      gateway: f.gateway, definition: ResourceDefinition.ipAddress('10.20.0.5'), portRanges: ['5432'],
    }));
    Annotations.fromStack(f.stack).hasWarning('/Stack/Network', Match.stringLikeRegexp('auth policy applies to services only'));
  });
});

describe('addAutoScalingGroup', () => {
  function group(stack: Stack, vpc: ec2.IVpc, healthChecks?: autoscaling.HealthChecks) {
    return new autoscaling.AutoScalingGroup(stack, 'Asg', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      healthChecks,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    });
  }

  test('adds VPC_LATTICE to the group\'s health checks when asked, beside the ones it has', () => {
    const f = fixture();
    const targetGroup = new InstanceTargetGroup(f.stack, 'Web', { vpc: f.vpc, port: 8080, protocol: TargetProtocol.HTTP });
    targetGroup.addAutoScalingGroup(group(f.stack, f.vpc, autoscaling.HealthChecks.withAdditionalChecks({
      additionalTypes: [autoscaling.AdditionalHealthCheckType.EBS], gracePeriod: undefined,
    })), { vpcLatticeHealthCheck: true });
    Template.fromStack(f.stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      HealthCheckType: 'EBS,VPC_LATTICE', TrafficSources: [{ Type: 'vpc-lattice', Identifier: Match.anyValue() }],
    });
  });

  test('leaves the health checks alone by default', () => {
    const f = fixture();
    new InstanceTargetGroup(f.stack, 'Web', { vpc: f.vpc, port: 8080, protocol: TargetProtocol.HTTP }).addAutoScalingGroup(group(f.stack, f.vpc));
    Template.fromStack(f.stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { HealthCheckType: Match.absent() });
  });

  test('rejects an imported group, saying why', () => {
    const f = fixture();
    const imported = autoscaling.AutoScalingGroup.fromAutoScalingGroupName(f.stack, 'Imported', 'web');
    expect(() => new InstanceTargetGroup(f.stack, 'Web', { vpc: f.vpc, port: 8080, protocol: TargetProtocol.HTTP })
      .addAutoScalingGroup(wrong(imported))).toThrow(named("Stack/Web: invalid autoScalingGroup 'Stack/Imported': must be an autoscaling.AutoScalingGroup defined in this app"));
  });
});
