import { Resource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { ILatticeService, IServiceNetwork, IServiceNetworkServiceAssociation, IServiceNetworkVpcAssociation, VpcAssociationOptions } from './interfaces';
import { freeChildId } from './private/ids';
import { checkInstance, checkVpc } from './private/validation';
import { ServiceNetworkServiceAssociation, ServiceNetworkVpcAssociation } from './service-network-association';

/**
 * What service networks defined in the app and imported ones have in common: associations, and the services the app
 * associates with them.
 *
 * @internal
 */
export abstract class ServiceNetworkBase extends Resource implements IServiceNetwork {
  public abstract readonly serviceNetworkArn: string;
  public abstract readonly serviceNetworkId: string;

  private readonly _services: ILatticeService[] = [];

  public get services(): ILatticeService[] {
    return [...this._services];
  }

  public registerService(service: ILatticeService): void {
    if (!this._services.includes(service)) { this._services.push(service); }
  }

  public associateVpc(vpc: ec2.IVpc, options: VpcAssociationOptions = {}): IServiceNetworkVpcAssociation {
    checkVpc(this, 'vpc', vpc, { required: true });
    const { scope, id } = this.placeAssociation(vpc, 'Association');
    return new ServiceNetworkVpcAssociation(scope, id, { ...options, serviceNetwork: this, vpc });
  }

  public associateService(service: ILatticeService): IServiceNetworkServiceAssociation {
    checkInstance(this, 'service', service, 'registerServiceNetwork', { like: 'an ILatticeService, like a LatticeService', required: true });
    const { scope, id } = this.placeAssociation(service, 'Association');
    return new ServiceNetworkServiceAssociation(scope, id, { serviceNetwork: this, service });
  }

  public abstract addToAuthPolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult;

  /**
   * Associations live beside the network, or, when the other side is in another stack (often another account that
   * was given the network through AWS RAM), in that stack, whose account is the one allowed to create them.
   */
  private placeAssociation(other: IConstruct, suffix: string): { scope: Construct; id: string } {
    const otherStack = Stack.of(other);
    const scope: Construct = otherStack === this.stack ? this : otherStack;
    const base = otherStack === this.stack ? `${other.node.id}${suffix}` : `${this.node.id}${other.node.id}${suffix}`;
    return { scope, id: freeChildId(scope, base) };
  }
}
