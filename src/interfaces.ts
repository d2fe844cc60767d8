import { IResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { HttpCodeClass, HttpCodeVpcLattice } from './metrics';
import type { ListenerProtocol } from './protocols';
import type {
  ILatticeVpcEndpoint, IResourceConfiguration, IServiceNetworkResourceAssociation, ResourceAssociationOptions, VpcEndpointOptions,
} from './resources/interfaces';
import type { IShareableResource } from './sharing';
import type { CustomDomain, GrantInvokeOptions, VpcAssociationOptions } from './structs';

/*
 * The interfaces of service networks, services, listeners and rules, and of their associations. They refer to one
 * another (a network knows its services, a service its networks and listeners, a listener its service and rules), so
 * they live in one module that the classes implementing them import: separate modules would import each other.
 */

/**
 * A VPC Lattice service network: the boundary within which clients in associated VPCs (and VPCs with endpoints to it)
 * reach associated services and resource configurations.
 */
export interface IServiceNetwork extends IResource, IShareableResource {
  /**
   * The ARN of the service network.
   *
   * @attribute
   */
  readonly serviceNetworkArn: string;

  /**
   * The ID of the service network (`sn-…`).
   *
   * @attribute
   */
  readonly serviceNetworkId: string;

  /** The services associated with this network in this app. */
  readonly services: ILatticeService[];

  /** The resource configurations associated with this network in this app. */
  readonly resourceConfigurations: IResourceConfiguration[];

  /** The associations of VPCs with this network made in this app, in order (a copy, as are the lists below). */
  readonly vpcAssociations: IServiceNetworkVpcAssociation[];

  /** The associations of services with this network made in this app. */
  readonly serviceAssociations: IServiceNetworkServiceAssociation[];

  /** The associations of resource configurations with this network made in this app. */
  readonly resourceAssociations: IServiceNetworkResourceAssociation[];

  /** The VPC endpoints of type `ServiceNetwork` to this network made in this app. */
  readonly endpoints: ILatticeVpcEndpoint[];

  /**
   * The network's auth policy as this app writes it (a new document each time).
   *
   * @default - none: no statement yet, or imported
   */
  readonly authPolicy?: iam.PolicyDocument;

  /**
   * Lets clients in a VPC reach the services of this network. A VPC can be associated with only one service network.
   */
  associateVpc(vpc: ec2.IVpc, options?: VpcAssociationOptions): IServiceNetworkVpcAssociation;

  /**
   * Makes a service reachable from the VPCs associated with this network.
   */
  associateService(service: ILatticeService): IServiceNetworkServiceAssociation;

  /**
   * Makes a resource configuration reachable from the VPCs associated with this network and through its endpoints.
   */
  associateResource(resourceConfiguration: IResourceConfiguration, options?: ResourceAssociationOptions): IServiceNetworkResourceAssociation;

  /**
   * Lets clients in a VPC reach this network through a VPC endpoint of type `ServiceNetwork`: unlike a VPC association,
   * a VPC can have endpoints to several networks, and traffic from peered VPCs, transit gateways and on-premises
   * networks can use them. The endpoint lives in the VPC's stack.
   */
  addVpcEndpoint(vpc: ec2.IVpc, options?: VpcEndpointOptions): ILatticeVpcEndpoint;

  /**
   * Adds a statement to the network's auth policy. Imported networks cannot be changed: the statement is not added.
   */
  addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /** Lets a principal call services through this network (its IAM policy and the network's auth policy). */
  grantInvoke(grantee: iam.IGrantable, options?: GrantInvokeOptions): iam.Grant;

  /**
   * Records that `service` is associated with this network. `ServiceNetworkServiceAssociation` calls it; you need not.
   */
  registerService(service: ILatticeService): void;

  /**
   * Records that `resourceConfiguration` is associated with this network, after checking the network takes it.
   * `ServiceNetworkResourceAssociation` calls it; you need not.
   */
  registerResourceConfiguration(resourceConfiguration: IResourceConfiguration): void;

  /** Records an association of a VPC with this network. `ServiceNetworkVpcAssociation` calls it; you need not. */
  registerVpcAssociation(association: IServiceNetworkVpcAssociation): void;

  /** Records an association of a service with this network. `ServiceNetworkServiceAssociation` calls it; you need not. */
  registerServiceAssociation(association: IServiceNetworkServiceAssociation): void;

  /**
   * Records an association of a resource configuration with this network. `ServiceNetworkResourceAssociation` calls
   * it; you need not.
   */
  registerResourceAssociation(association: IServiceNetworkResourceAssociation): void;

  /** Records a VPC endpoint to this network. `ServiceNetworkEndpoint` calls it; you need not. */
  registerEndpoint(endpoint: ILatticeVpcEndpoint): void;
}

/**
 * The association of a VPC with a service network.
 */
export interface IServiceNetworkVpcAssociation extends IResource, ec2.IConnectable {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  readonly associationArn: string;

  /**
   * The ID of the association (`snva-…`).
   *
   * @attribute
   */
  readonly associationId: string;

  /** The service network. */
  readonly serviceNetwork: IServiceNetwork;

  /** The client VPC. */
  readonly vpc: ec2.IVpc;

  /** The security groups of the association (a copy): the ones given, or the one made for it. */
  readonly securityGroups: ec2.ISecurityGroup[];
}

/**
 * The association of a service with a service network.
 */
export interface IServiceNetworkServiceAssociation extends IResource {
  /**
   * The ARN of the association.
   *
   * @attribute
   */
  readonly associationArn: string;

  /**
   * The ID of the association (`snsa-…`).
   *
   * @attribute
   */
  readonly associationId: string;

  /**
   * The DNS name of the service within the network.
   *
   * @attribute
   */
  readonly dnsName: string;

  /** The service network. */
  readonly serviceNetwork: IServiceNetwork;

  /** The service. */
  readonly service: ILatticeService;
}

/**
 * A VPC Lattice service.
 */
export interface ILatticeService extends IResource, iam.IResourceWithPolicy, IShareableResource {
  /**
   * The ARN of the service.
   *
   * @attribute
   */
  readonly serviceArn: string;

  /**
   * The ID of the service (`svc-…`).
   *
   * @attribute
   */
  readonly serviceId: string;

  /** The listeners added to this service in this app. */
  readonly listeners: IListener[];

  /** The service networks this service is associated with in this app. */
  readonly serviceNetworks: IServiceNetwork[];

  /**
   * The DNS name VPC Lattice generated for the service (`<name>-<id>.<id>.vpc-lattice-svcs.<region>.on.aws`), which a
   * custom domain name points at.
   *
   * @default - not known (imported without `dnsName`)
   */
  readonly dnsName?: string;

  /**
   * The service's custom domain, as the app gave it.
   *
   * @default - none, or imported
   */
  readonly customDomain?: CustomDomain;

  /**
   * The service's auth policy as this app writes it (a new document each time).
   *
   * @default - none: no statement yet, or imported
   */
  readonly authPolicy?: iam.PolicyDocument;

  /**
   * Lets a principal call the service: adds `vpc-lattice-svcs:Invoke` to the principal's IAM policy and, for a
   * service defined in this app, a statement for the principal to the service's auth policy.
   */
  grantInvoke(grantee: iam.IGrantable, options?: GrantInvokeOptions): iam.Grant;

  /**
   * Adds a statement to the service's auth policy. Imported services cannot be changed: the statement is not added.
   */
  addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /**
   * A metric VPC Lattice publishes for this service (namespace `AWS/VpcLattice`, dimension `Service`), such as
   * `RequestTimeoutCount` or `HTTPCode_VpcLattice_403_Count`.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of requests the service received (sum over 5 minutes).
   */
  metricTotalRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The time from a request to its answer, in milliseconds (average over 5 minutes).
   */
  metricRequestTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of answers of the given status class, such as `HttpCodeClass.HTTP_5XX` (sum over 5 minutes).
   */
  metricHttpCodeCount(codeClass: HttpCodeClass, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of answers VPC Lattice gave itself with this status code, without reaching a target (sum over 5
   * minutes): 403 for requests the auth policies denied, 502 and 504 for targets that could not be reached or did not
   * answer in time, 429 for throttled requests; also 400, 404 and 500.
   *
   * @param code such as `HttpCodeVpcLattice.VPC_LATTICE_403_COUNT` (JavaScript callers may still give the number, 403)
   */
  metricHttpCodeVpcLattice(code: HttpCodeVpcLattice, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * The number of requests that timed out waiting for an answer from a target (sum over 5 minutes).
   */
  metricRequestTimeoutCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Records a listener of this service. `Listener` calls it; you need not. */
  registerListener(listener: IListener): void;

  /**
   * Records that this service is associated with `serviceNetwork`. `ServiceNetworkServiceAssociation` calls it; you
   * need not.
   */
  registerServiceNetwork(serviceNetwork: IServiceNetwork): void;
}

/**
 * A listener of a VPC Lattice service.
 */
export interface IListener extends IResource {
  /**
   * The ARN of the listener.
   *
   * @attribute
   */
  readonly listenerArn: string;

  /**
   * The ID of the listener (`listener-…`).
   *
   * @attribute
   */
  readonly listenerId: string;

  /** The service the listener belongs to. */
  readonly service: ILatticeService;

  /** The protocol clients use. */
  readonly protocol: ListenerProtocol;

  /** The port clients connect to. */
  readonly port: number;

  /** The rules of the listener added in this app. */
  readonly rules: IListenerRule[];

  /**
   * Records a rule of this listener, after checking that the listener takes it (its priority is free, its protocol
   * takes rules). `ListenerRule` calls it; you need not.
   */
  registerRule(rule: IListenerRule): void;
}

/**
 * A rule of a listener.
 */
export interface IListenerRule extends IResource {
  /**
   * The ARN of the rule.
   *
   * @attribute
   */
  readonly ruleArn: string;

  /**
   * The ID of the rule (`rule-…`).
   *
   * @attribute
   */
  readonly ruleId: string;

  /** The listener the rule belongs to. */
  readonly listener: IListener;

  /** The priority of the rule within its listener. */
  readonly priority: number;
}
