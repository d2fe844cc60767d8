import { IResolvable, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { invalidValueError } from './validation';
import type { IServiceNetwork } from '../interfaces';

/** A TCP port or range to admit clients on, with the description of its rule. */
export interface AdmittedPort {
  readonly port: ec2.Port;
  readonly description: string;
}

/** What a client security group of the library admits besides the rules added through it: its VPC's CIDR on `ports()`. */
export interface LibraryIngress {
  /** The rules added through the aws-cdk-lib security group itself. */
  readonly ownRules: unknown;
  readonly cidr: string;
  readonly ports: () => AdmittedPort[];
}

/** The ingress each client security group of the library writes itself, which its owner knows (for the reachability answers). */
export const libraryIngress = new WeakMap<ec2.ISecurityGroup, LibraryIngress>();

/** Listener ports a VPC association admits when the app tells nothing of the network's services and resources. */
const DEFAULT_LISTENER_PORTS = [80, 443];

/**
 * A security group `SecurityGroup` under `scope` for the clients of a VPC association or a VPC endpoint: it admits the
 * VPC's own IPv4 CIDR on the ports `ports` gives when the template is written (so services, listeners and resources
 * added later count too), after any rules added through the group itself, and lets nothing out (it is stateful).
 */
export function clientSecurityGroup(scope: Construct, owner: 'association' | 'endpoint', vpc: ec2.IVpc, description: string,
  ports: () => AdmittedPort[]): ec2.SecurityGroup {
  let cidr: string;
  try {
    cidr = vpc.vpcCidrBlock;
  } catch {
    throw invalidValueError(scope, 'vpc', vpc.node.path,
      `the VPC was imported without its CIDR block, which the ${owner}'s security group needs: import it with vpcCidrBlock, or pass securityGroups`);
  }
  // Open (docs/lattice-facts.md#vpc-associations): that these rules are enough is settled by integ.secure-defaults.ts
  // (nothing admits 0.0.0.0/0, and a request through the association answers).
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', { vpc, description, allowAllOutbound: false });
  if (Token.isUnresolved(cidr)) {
    // cdk-nag cannot read a CIDR that is only known at deploy time; this one is always the VPC's own block.
    Validations.of(securityGroup).acknowledge({
      id: 'AwsSolutions::AwsSolutions-EC23',
      reason: `Ingress comes only from the VPC's own CIDR block (resolved at deploy time), on the ports the ${owner} serves (listener ports of the network's services, ports of resource configurations); never from 0.0.0.0/0.`,
    });
  }
  const resource = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const ownRules = resource.securityGroupIngress;
  libraryIngress.set(securityGroup, { ownRules, cidr, ports });
  resource.securityGroupIngress = Lazy.any({
    produce: () => [
      ...(Stack.of(securityGroup).resolve(ownRules) as Array<ec2.CfnSecurityGroup.IngressProperty | IResolvable> | undefined ?? []),
      ...ports().map(({ port, description: ruleDescription }) => ({ cidrIp: cidr, ...port.toRuleJson(), description: ruleDescription })),
    ],
  }, { omitEmptyArray: true });
  return securityGroup;
}

/**
 * The ports clients reach a service network on: the listener ports of its services in this app (literal ones in
 * order, then deploy-time ones) and the ports of its resource configurations (every TCP port for one whose ports are
 * not known); 80 and 443 when the app tells nothing.
 */
export function networkPorts(network: IServiceNetwork): AdmittedPort[] {
  const ports = network.services.flatMap(service => service.listeners.map(listener => listener.port));
  const literal = [...new Set(ports.filter(port => !Token.isUnresolved(port)))].sort((a, b) => a - b);
  const tokens = ports.filter(port => Token.isUnresolved(port));
  const known = literal.length + tokens.length > 0 || network.resourceConfigurations.length > 0;
  const listenerPorts = known ? [...literal, ...tokens] : DEFAULT_LISTENER_PORTS;
  const admitted = listenerPorts.map(port => ({ port: ec2.Port.tcp(port), description: `From the VPC to VPC Lattice listeners on port ${port}` }));
  network.resourceConfigurations.forEach(configuration => admitted.push(...resourcePorts(configuration.ports)));
  return distinct(admitted);
}

/** The ports of a resource configuration, or every TCP port when they are not known. */
export function resourcePorts(ports: ec2.Port[] | undefined): AdmittedPort[] {
  if (ports === undefined) {
    return [{ port: ec2.Port.allTcp(), description: 'From the VPC to VPC Lattice resources whose ports are not known here, on any TCP port' }];
  }
  return ports.map(port => ({
    port,
    description: Token.isUnresolved(port.toRuleJson().fromPort)
      ? 'From the VPC to a VPC Lattice resource on its port'
      : `From the VPC to VPC Lattice resources on ports ${port}`,
  }));
}

/** The first of each port: a rule for the same port twice would be rejected by EC2. */
function distinct(admitted: AdmittedPort[]): AdmittedPort[] {
  const seen = new Set<string>();
  return admitted.filter(({ port }) => {
    const key = JSON.stringify(port.toRuleJson());
    if (seen.has(key)) { return false; }
    seen.add(key);
    return true;
  });
}

/** aws-cdk-lib's rule for a group that lets nothing out: ICMP type 252 code 86 to 255.255.255.255/32 matches no packet. */
const NO_TRAFFIC = { cidrIp: '255.255.255.255/32', description: 'Disallow all traffic', ipProtocol: 'icmp', fromPort: 252, toPort: 86 };

/**
 * Keeps `securityGroup` letting nothing out when it has no inline egress rule: EC2 gives a group created without one
 * an allow-all rule, and aws-cdk-lib drops its no-traffic placeholder as soon as any egress rule is added, also one it
 * writes as a separate AWS::EC2::SecurityGroupEgress (to another security group). See docs/lattice-facts.md#reachability.
 */
export function keepNoTrafficEgress(securityGroup: ec2.SecurityGroup) {
  const resource = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const ownRules = resource.securityGroupEgress;
  resource.securityGroupEgress = Lazy.any({
    produce: () => {
      const rules = Stack.of(securityGroup).resolve(ownRules) as unknown[] | undefined ?? [];
      return rules.length > 0 ? rules : [NO_TRAFFIC];
    },
  });
}
