import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { CfnTargetGroup } from 'aws-cdk-lib/aws-vpclattice';
import { createTargetGroupResource } from './resource';
import type { GroupProtocols } from '../../private/protocol-table';
import { TargetGroupBase } from '../target-group-base';

/** What a target group of the app gives its resource besides its type: the rest comes from the target type. */
export interface DefinedResourceProps {
  readonly name?: string;
  readonly config: CfnTargetGroup.TargetGroupConfigProperty;
  readonly targets?: CfnTargetGroup.TargetProperty[];
  /** The VPC of the targets (none for Lambda). */
  readonly vpc?: ec2.IVpc;
}

/**
 * A target group defined in the app: what every target type shares. It has one `AWS::VpcLattice::TargetGroup`
 * (`Resource`), whose ARN and ID are the group's, and the protocols that decide which listeners may forward to it. A
 * target type is a subclass that checks its props, calls `_createResource` once and registers its targets (opening
 * their security groups with `_admitLatticeTraffic`, describing them in `_targets`).
 *
 * @internal
 */
export abstract class DefinedTargetGroup extends TargetGroupBase {
  private resource?: CfnTargetGroup;

  /**
   * The VPC of the targets, for the reachability answers (their subnets' network ACLs).
   *
   * @internal
   */
  public _vpc?: ec2.IVpc;

  public get targetGroupArn(): string {
    return this.resource!.attrArn;
  }

  public get targetGroupId(): string {
    return this.resource!.attrId;
  }

  /**
   * Makes the group's resource (checking its name) and records its protocols.
   *
   * @internal
   */
  protected _createResource(protocols: GroupProtocols, props: DefinedResourceProps): CfnTargetGroup {
    this._protocols = protocols;
    this._vpc = props.vpc;
    this.resource = createTargetGroupResource(this, { type: protocols.type, name: props.name, config: props.config, targets: props.targets });
    return this.resource;
  }
}
