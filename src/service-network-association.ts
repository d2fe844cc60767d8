import { Resource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnServiceNetworkServiceAssociation, CfnServiceNetworkVpcAssociation } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { ILatticeService, IServiceNetwork, IServiceNetworkServiceAssociation, IServiceNetworkVpcAssociation } from './interfaces';
import { clientSecurityGroup, networkPorts } from './private/client-security-group';
import { checkPrivateDns, checkService, checkServiceNetwork } from './private/references';
import { checkSecurityGroups, checkStruct, checkVpc, invalidValueError, isToken } from './private/validation';
import { claimVpc } from './private/vpc-associations';
import { reachabilityWarnings } from './reachability/lazy';
import type { RenderedPrivateDns } from './resources/private-dns';
import { VpcAssociationOptions } from './structs';

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
 * A VPC can be associated with only one service network: a second association of the same VPC is an error (give it
 * service-network VPC endpoints to reach more networks).
 *
 * @resource AWS::VpcLattice::ServiceNetworkVpcAssociation
 */
export class ServiceNetworkVpcAssociation extends Resource implements IServiceNetworkVpcAssociation {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  public get associationArn(): string {
    return this.resource.attrArn;
  }

  /**
   * The ID of the association (`snva-…`).
   *
   * @attribute
   */
  public get associationId(): string {
    return this.resource.attrId;
  }

  private readonly resource: CfnServiceNetworkVpcAssociation;

  /** The security groups of the association: `allowFrom` here admits more clients. */
  public readonly connections: ec2.Connections;

  /** The service network. */
  public readonly serviceNetwork: IServiceNetwork;

  /** The client VPC. */
  public readonly vpc: ec2.IVpc;

  /**
   * What it writes for private DNS (undefined: nothing).
   *
   * @internal
   */
  public readonly _privateDns?: RenderedPrivateDns;

  private readonly _securityGroups: ec2.ISecurityGroup[];

  public get securityGroups(): ec2.ISecurityGroup[] {
    return [...this._securityGroups];
  }

  constructor(scope: Construct, id: string, props: ServiceNetworkVpcAssociationProps) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: '{ serviceNetwork, vpc }', required: true });
    checkServiceNetwork(this, props.serviceNetwork);
    checkVpc(this, 'vpc', props.vpc, { required: true });
    checkPrivateDns(this, props.privateDns);
    this.serviceNetwork = props.serviceNetwork;
    this.vpc = props.vpc;
    claimVpc(this);
    checkSecurityGroups(this, 'securityGroups', props.securityGroups, [1, 5]);

    const securityGroups = props.securityGroups ?? [clientSecurityGroup(this, 'association', props.vpc,
      'Clients in this VPC that may reach the VPC Lattice service network', () => networkPorts(this.serviceNetwork))];
    this._securityGroups = securityGroups;
    this.connections = new ec2.Connections({ securityGroups });
    this._privateDns = props.privateDns?._render(this);

    this.resource = new CfnServiceNetworkVpcAssociation(this, 'Resource', {
      // The ARN, not the ID: VPC Lattice needs it when the network belongs to another account.
      serviceNetworkIdentifier: props.serviceNetwork.serviceNetworkArn,
      vpcIdentifier: props.vpc.vpcId,
      securityGroupIds: securityGroups.map(group => group.securityGroupId),
      ...this._privateDns,
    });
    props.serviceNetwork.registerVpcAssociation(this);
    this.node.addValidation({
      validate: () => {
        const warnings = reachabilityWarnings();
        warnings.warnBlockedPaths(warnings.wayOfConstruct(this));
        return [];
      },
    });
  }
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
  public get associationArn(): string {
    return this.resource.attrArn;
  }

  /**
   * The ID of the association (`snsa-…`).
   *
   * @attribute
   */
  public get associationId(): string {
    return this.resource.attrId;
  }

  /**
   * The DNS name of the service within the network.
   *
   * @attribute
   */
  public get dnsName(): string {
    return this.resource.attrDnsEntryDomainName;
  }

  public readonly serviceNetwork: IServiceNetwork;
  public readonly service: ILatticeService;
  private readonly resource: CfnServiceNetworkServiceAssociation;

  constructor(scope: Construct, id: string, props: ServiceNetworkServiceAssociationProps) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: '{ serviceNetwork, service }', required: true });
    checkServiceNetwork(this, props.serviceNetwork);
    checkService(this, props.service);
    if (props.serviceNetwork.services.includes(props.service)) {
      throw invalidValueError(this, 'service', props.service.node.path, 'this service is already associated with this service network; associate it once');
    }
    checkCustomDomainUnique(this, props.serviceNetwork, props.service);
    props.serviceNetwork.registerService(props.service);
    props.service.registerServiceNetwork(props.serviceNetwork);
    this.serviceNetwork = props.serviceNetwork;
    this.service = props.service;

    this.resource = new CfnServiceNetworkServiceAssociation(this, 'Resource', {
      serviceNetworkIdentifier: props.serviceNetwork.serviceNetworkArn,
      serviceIdentifier: props.service.serviceArn,
    });
    props.serviceNetwork.registerServiceAssociation(this);
  }
}

/**
 * A custom domain name is unique within a service network (docs/lattice-facts.md#service-custom-domains): two services of one network
 * in this app with the same literal name are an error. DNS names are compared without regard to case.
 */
function checkCustomDomainUnique(association: Construct, network: IServiceNetwork, service: ILatticeService) {
  const domain = literalCustomDomain(service)?.toLowerCase();
  const holder = domain && network.services.find(other => literalCustomDomain(other)?.toLowerCase() === domain);
  if (holder) {
    throw invalidValueError(association, `customDomain.domainName of the service ${service.node.path}`, literalCustomDomain(service),
      `${holder.node.path} already has it in the service network ${network.node.path} (names compare without regard to case), and VPC Lattice ` +
      'allows a custom domain name once per service network: give one of them another name, or associate it with another network');
  }
}

/** The custom domain name of a service, when the app gave one known at synth. */
function literalCustomDomain(service: ILatticeService): string | undefined {
  const name = service.customDomain?.domainName;
  return name === undefined || isToken(name) ? undefined : name;
}
