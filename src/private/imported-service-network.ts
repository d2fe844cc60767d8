import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkAttributes } from './arns';
import { importedOrFound } from './imports';
import { ServiceNetworkBase } from '../service-network-base';
import { ServiceNetworkAttributes } from '../structs';

/** A service network defined elsewhere, by its ARN or ID, or found by its name at deploy time. */
export class ImportedServiceNetwork extends ServiceNetworkBase {
  public readonly serviceNetworkArn: string;
  public readonly serviceNetworkId: string;

  /** The name the service network is found by at deploy time, for imports by name. */
  public readonly lookUpName?: string;

  constructor(scope: Construct, id: string, attrs: ServiceNetworkAttributes, lookUpName?: string) {
    super(scope, id);
    this.lookUpName = lookUpName;
    checkAttributes(this, 'servicenetwork', attrs);
    const { arn, id: resourceId } = importedOrFound(this, 'servicenetwork', attrs.serviceNetworkArn, attrs.serviceNetworkId, lookUpName);
    this.serviceNetworkArn = arn;
    this.serviceNetworkId = resourceId;
  }

  public addToAuthPolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }
}
