import { Aws, Resource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ILatticeService, IServiceNetwork, IServiceNetworkServiceAssociation, IServiceNetworkVpcAssociation } from './interfaces';
import { INVOKE_ACTION } from './private/constants';
import { acknowledgeWildcardResources } from './private/nag';
import { placeBetween, placeEndpoint } from './private/placement';
import { checkResourceConfiguration, checkService } from './private/references';
import { checkStruct, checkVpc } from './private/validation';
import {
  ILatticeVpcEndpoint, IResourceConfiguration, IServiceNetworkResourceAssociation, ResourceAssociationOptions, VpcEndpointOptions,
} from './resources/interfaces';
import { ServiceNetworkResourceAssociation } from './resources/resource-association';
import { ServiceNetworkEndpoint } from './resources/vpc-endpoints';
import { checkGrantInvoke } from './service-base';
import { ServiceNetworkServiceAssociation, ServiceNetworkVpcAssociation } from './service-network-association';
import { GrantInvokeOptions, VpcAssociationOptions } from './structs';

/**
 * What service networks defined in the app and imported ones have in common: associations, endpoints, and the
 * services and resource configurations the app associates with them.
 *
 * @internal
 */
export abstract class ServiceNetworkBase extends Resource implements IServiceNetwork {
  public abstract readonly serviceNetworkArn: string;
  public abstract readonly serviceNetworkId: string;

  private readonly _services: ILatticeService[] = [];
  private readonly _resourceConfigurations: IResourceConfiguration[] = [];
  private readonly _vpcAssociations: IServiceNetworkVpcAssociation[] = [];
  private readonly _serviceAssociations: IServiceNetworkServiceAssociation[] = [];
  private readonly _resourceAssociations: IServiceNetworkResourceAssociation[] = [];
  private readonly _endpoints: ILatticeVpcEndpoint[] = [];

  public get services(): ILatticeService[] {
    return [...this._services];
  }

  public get resourceConfigurations(): IResourceConfiguration[] {
    return [...this._resourceConfigurations];
  }

  public get vpcAssociations(): IServiceNetworkVpcAssociation[] {
    return [...this._vpcAssociations];
  }

  public get serviceAssociations(): IServiceNetworkServiceAssociation[] {
    return [...this._serviceAssociations];
  }

  public get resourceAssociations(): IServiceNetworkResourceAssociation[] {
    return [...this._resourceAssociations];
  }

  public get endpoints(): ILatticeVpcEndpoint[] {
    return [...this._endpoints];
  }

  /** Undefined here: only a network defined in this app writes its auth policy. */
  public get authPolicy(): iam.PolicyDocument | undefined {
    return undefined;
  }

  public get sharableArn(): string {
    return this.serviceNetworkArn;
  }

  /** @deprecated use `sharableArn` */
  public get shareableArn(): string {
    return this.serviceNetworkArn;
  }

  public registerService(service: ILatticeService): void {
    if (!this._services.includes(service)) { this._services.push(service); }
  }

  public registerResourceConfiguration(resourceConfiguration: IResourceConfiguration): void {
    if (!this._resourceConfigurations.includes(resourceConfiguration)) { this._resourceConfigurations.push(resourceConfiguration); }
  }

  public registerVpcAssociation(association: IServiceNetworkVpcAssociation): void {
    if (!this._vpcAssociations.includes(association)) { this._vpcAssociations.push(association); }
  }

  public registerServiceAssociation(association: IServiceNetworkServiceAssociation): void {
    if (!this._serviceAssociations.includes(association)) { this._serviceAssociations.push(association); }
  }

  public registerResourceAssociation(association: IServiceNetworkResourceAssociation): void {
    if (!this._resourceAssociations.includes(association)) { this._resourceAssociations.push(association); }
  }

  public registerEndpoint(endpoint: ILatticeVpcEndpoint): void {
    if (!this._endpoints.includes(endpoint)) { this._endpoints.push(endpoint); }
  }

  public associateVpc(vpc: ec2.IVpc, options: VpcAssociationOptions = {}): IServiceNetworkVpcAssociation {
    checkVpc(this, 'vpc', vpc, { required: true });
    checkStruct(this, 'associateVpc options', options, { like: '{ securityGroups, privateDns: PrivateDns.verifiedDomainsOnly() }' });
    const { scope, id } = placeBetween(this, vpc, 'Association');
    return new ServiceNetworkVpcAssociation(scope, id, { ...options, serviceNetwork: this, vpc });
  }

  public associateService(service: ILatticeService): IServiceNetworkServiceAssociation {
    checkService(this, service);
    const { scope, id } = placeBetween(this, service, 'Association');
    return new ServiceNetworkServiceAssociation(scope, id, { serviceNetwork: this, service });
  }

  public associateResource(resourceConfiguration: IResourceConfiguration,
    options: ResourceAssociationOptions = {}): IServiceNetworkResourceAssociation {
    checkResourceConfiguration(this, resourceConfiguration);
    checkStruct(this, 'associateResource options', options, { like: '{ privateDns: true }' });
    const { scope, id } = placeBetween(this, resourceConfiguration, 'Association');
    return new ServiceNetworkResourceAssociation(scope, id, { ...options, serviceNetwork: this, resourceConfiguration });
  }

  public addVpcEndpoint(vpc: ec2.IVpc, options: VpcEndpointOptions = {}): ILatticeVpcEndpoint {
    const { scope, id } = placeEndpoint(this, vpc, options);
    return new ServiceNetworkEndpoint(scope, id, { ...options, serviceNetwork: this, vpc });
  }

  public abstract addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /** The same as `addToAuthPolicy`: the auth policy is the network's resource policy. */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return this.addToAuthPolicy(statement);
  }

  /**
   * Lets a principal call services through this network: `vpc-lattice-svcs:Invoke` in its IAM policy and the network's
   * auth policy (an imported network's is not changed), for services reached through this network, on the paths and
   * methods given.
   */
  public grantInvoke(grantee: iam.IGrantable, options: GrantInvokeOptions = {}): iam.Grant {
    const { paths, methods } = checkGrantInvoke(this, grantee, options);
    const anyService = `arn:${Aws.PARTITION}:vpc-lattice:${Stack.of(this).region}:*:service/*`;
    const everyPath = options.paths === undefined;
    const grant = iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: [INVOKE_ACTION],
      resourceArns: [anyService],
      resource: this,
      conditions: {
        StringEquals: {
          'vpc-lattice-svcs:ServiceNetworkArn': this.serviceNetworkArn,
          ...(methods.length > 0 ? { 'vpc-lattice-svcs:RequestMethod': methods } : {}),
        },
        ...(everyPath ? {} : { StringLike: { 'vpc-lattice-svcs:RequestPath': paths } }),
      },
    });
    if (Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledgeWildcardResources(grantee.grantPrincipal, [anyService],
        `Granted by grantInvoke on ${this.node.path}: the wildcard is any VPC Lattice service reached through that service network only ` +
        '(condition vpc-lattice-svcs:ServiceNetworkArn), which a network-level grant cannot name in advance.');
    }
    return grant;
  }
}
