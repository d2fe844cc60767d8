import { IResource, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { idFromArn } from '../private/arns';

/**
 * A VPC Lattice target group: where a listener or rule sends requests.
 */
export interface ITargetGroup extends IResource {
  /**
   * The ARN of the target group.
   *
   * @attribute
   */
  readonly targetGroupArn: string;

  /**
   * The ID of the target group (`tg-…`).
   *
   * @attribute
   */
  readonly targetGroupId: string;
}

/**
 * What every target group has in common, and imports of target groups made elsewhere (in another stack, by hand, or
 * by the AWS Gateway API Controller for Kubernetes).
 */
export abstract class TargetGroupBase extends Resource implements ITargetGroup {
  /**
   * Imports a target group by its ARN. Routing to it works like routing to a target group defined in the app; the
   * library cannot check its settings against the listener.
   */
  public static fromTargetGroupArn(scope: Construct, id: string, targetGroupArn: string): ITargetGroup {
    return new ImportedTargetGroup(scope, id, targetGroupArn);
  }

  public abstract readonly targetGroupArn: string;
  public abstract readonly targetGroupId: string;
}

class ImportedTargetGroup extends Resource implements ITargetGroup {
  public readonly targetGroupId: string;

  constructor(scope: Construct, id: string, public readonly targetGroupArn: string) {
    super(scope, id);
    this.targetGroupId = idFromArn(this, 'targetGroupArn', targetGroupArn, 'targetgroup');
  }
}
