import { IResolvable, Lazy, Resource, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnServiceNetworkServiceAssociation, CfnServiceNetworkVpcAssociation } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { literalCustomDomain } from './custom-domain';
import {
  ILatticeService, IServiceNetwork, IServiceNetworkServiceAssociation, IServiceNetworkVpcAssociation, VpcAssociationOptions,
} from './interfaces';
import { checkCount, checkVpc, invalid } from './private/validation';

/** Listener ports a VPC association admits when no associated service tells which ports it listens on. */
const DEFAULT_LISTENER_PORTS = [80, 443];

/**
 * Properties of a `ServiceNetworkVpcAssociation`.
 */
export interface ServiceNetworkVpcAssociationProps extends VpcAssociationOptions {
  /** The service network to associate the VPC with. */
  readonly serviceNetwork: IServiceNetwork;

  /** The client VPC. */
  readonly vpc: ec2.IVpc;
}

/**
 * Lets clients in a VPC reach the services of a service network. Its security groups decide which clients may.
 *
 * A VPC can be associated with only one service network: a second association of the same VPC is an error.
 *
 * @resource AWS::VpcLattice::ServiceNetworkVpcAssociation
 */
export class ServiceNetworkVpcAssociation extends Resource implements IServiceNetworkVpcAssociation {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  public readonly associationArn: string;

  /**
   * The ID of the association (`snva-…`).
   *
   * @attribute
   */
  public readonly associationId: string;

  /** The security groups of the association: `allowFrom` here admits more clients. */
  public readonly connections: ec2.Connections;

  /** The service network. */
  public readonly serviceNetwork: IServiceNetwork;

  /** The client VPC. */
  public readonly vpc: ec2.IVpc;

  constructor(scope: Construct, id: string, props: ServiceNetworkVpcAssociationProps) {
    super(scope, id);
    this.serviceNetwork = props.serviceNetwork;
    this.vpc = props.vpc;
    checkVpc(this, 'vpc', props.vpc, { required: true });
    this.checkVpcNotAssociated();
    checkCount(this, 'securityGroups', props.securityGroups, 1, 5);

    const securityGroups = props.securityGroups ?? [this.createSecurityGroup()];
    this.connections = new ec2.Connections({ securityGroups });

    const resource = new CfnServiceNetworkVpcAssociation(this, 'Resource', {
      // The ARN, not the ID: VPC Lattice needs it when the network belongs to another account.
      serviceNetworkIdentifier: props.serviceNetwork.serviceNetworkArn,
      vpcIdentifier: props.vpc.vpcId,
      securityGroupIds: securityGroups.map(group => group.securityGroupId),
    });
    this.associationArn = resource.attrArn;
    this.associationId = resource.attrId;
  }

  private createSecurityGroup(): ec2.ISecurityGroup {
    let cidr: string;
    try {
      cidr = this.vpc.vpcCidrBlock;
    } catch {
      throw invalid(this, 'vpc', this.vpc.node.path,
        'the VPC was imported without its CIDR block, which the association\'s security group needs: import it with vpcCidrBlock, or pass securityGroups');
    }
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'Clients in this VPC that may reach the VPC Lattice service network',
      // Return traffic is allowed by the group being stateful; nothing needs to leave through it.
      allowAllOutbound: false,
    });
    if (Token.isUnresolved(cidr)) {
      // cdk-nag cannot read a CIDR that is only known at deploy time; this one is always the VPC's own block.
      Validations.of(securityGroup).acknowledge({
        id: 'AwsSolutions::AwsSolutions-EC23',
        reason: 'Ingress comes only from the associated VPC\'s own CIDR block (resolved at deploy time), on the listener ports of the network\'s services; never from 0.0.0.0/0.',
      });
    }
    admitListenerPorts(securityGroup, cidr, () => this.listenerPorts());
    return securityGroup;
  }

  /** The listener ports of the network's services that are defined in this app, in order; known once the app is. */
  private listenerPorts(): number[] {
    const ports = this.serviceNetwork.services.flatMap(service => service.listeners.map(listener => listener.port));
    const literal = [...new Set(ports.filter(port => !Token.isUnresolved(port)))].sort((a, b) => a - b);
    const tokens = ports.filter(port => Token.isUnresolved(port));
    return literal.length + tokens.length > 0 ? [...literal, ...tokens] : DEFAULT_LISTENER_PORTS;
  }

  /**
   * A VPC can be associated with only one service network (VPC Lattice answers a second association with a
   * ConflictException at deploy time), so a second association of the same VPC anywhere in the app is an error now.
   * The same VPC is the same construct, or the same literal VPC ID imported twice.
   */
  private checkVpcNotAssociated() {
    const earlier = this.node.root.node.findAll().find(construct => construct !== this
      && construct instanceof ServiceNetworkVpcAssociation
      && (construct.vpc === this.vpc || (!Token.isUnresolved(this.vpc.vpcId) && construct.vpc.vpcId === this.vpc.vpcId)));
    if (earlier) {
      throw invalid(this, 'vpc', Token.isUnresolved(this.vpc.vpcId) ? this.vpc.node.path : this.vpc.vpcId,
        `this VPC is already associated with a service network by ${earlier.node.path}, and a VPC can be associated with only one service network. ` +
        'To reach several networks from one VPC, use a service-network VPC endpoint.');
    }
  }
}

/**
 * Adds to a security group's inline ingress rules one rule per port from `cidr`, for the ports `ports` gives when the
 * template is written: listeners added after the association count too. Rules added through the security group
 * itself are kept, before these.
 */
function admitListenerPorts(securityGroup: ec2.SecurityGroup, cidr: string, ports: () => number[]) {
  const resource = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const ownRules = resource.securityGroupIngress;
  resource.securityGroupIngress = Lazy.any({
    produce: () => [
      ...(Stack.of(securityGroup).resolve(ownRules) as Array<ec2.CfnSecurityGroup.IngressProperty | IResolvable> | undefined ?? []),
      ...ports().map(port => ({
        cidrIp: cidr,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: `From the VPC to VPC Lattice listeners on port ${port}`,
      })),
    ],
  }, { omitEmptyArray: true });
}

/**
 * Properties of a `ServiceNetworkServiceAssociation`.
 */
export interface ServiceNetworkServiceAssociationProps {
  /** The service network. */
  readonly serviceNetwork: IServiceNetwork;

  /** The service to make reachable from the network's VPCs. */
  readonly service: ILatticeService;
}

/**
 * Makes a service reachable from the VPCs associated with a service network.
 *
 * @resource AWS::VpcLattice::ServiceNetworkServiceAssociation
 */
export class ServiceNetworkServiceAssociation extends Resource implements IServiceNetworkServiceAssociation {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  public readonly associationArn: string;

  /**
   * The ID of the association (`snsa-…`).
   *
   * @attribute
   */
  public readonly associationId: string;

  /**
   * The DNS name of the service within the network.
   *
   * @attribute
   */
  public readonly dnsName: string;

  constructor(scope: Construct, id: string, props: ServiceNetworkServiceAssociationProps) {
    super(scope, id);
    if (props.serviceNetwork.services.includes(props.service)) {
      throw invalid(this, 'service', props.service.node.path, 'this service is already associated with this service network; associate it once');
    }
    checkCustomDomainUnique(this, props.serviceNetwork, props.service);
    props.serviceNetwork.registerService(props.service);
    props.service.registerServiceNetwork(props.serviceNetwork);

    const resource = new CfnServiceNetworkServiceAssociation(this, 'Resource', {
      serviceNetworkIdentifier: props.serviceNetwork.serviceNetworkArn,
      serviceIdentifier: props.service.serviceArn,
    });
    this.associationArn = resource.attrArn;
    this.associationId = resource.attrId;
    this.dnsName = resource.attrDnsEntryDomainName;
  }
}

/**
 * A custom domain name is unique within a service network (UG:service-custom-domain-name): two services of one network
 * in this app with the same literal name are an error. DNS names are compared without regard to case.
 */
function checkCustomDomainUnique(association: Construct, network: IServiceNetwork, service: ILatticeService) {
  const domain = literalCustomDomain(service)?.toLowerCase();
  const holder = domain && network.services.find(other => literalCustomDomain(other)?.toLowerCase() === domain);
  if (holder) {
    throw invalid(association, 'service', service.node.path, `its custom domain '${literalCustomDomain(service)}' is already the custom domain of ` +
      `${holder.node.path} in the service network ${network.node.path}, and VPC Lattice allows a custom domain name once per service network`);
  }
}
