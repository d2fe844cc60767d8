import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { importedIdentity } from './arns';
import { checkResourceName, checkStruct } from './validation';
import { ServiceNetworkAttributes } from '../interfaces';
import { lookUpByName } from '../lookup/lookup';
import { ServiceNetworkBase } from '../service-network-base';

/** A service network defined elsewhere, by its ARN or ID, or found by its name at deploy time. */
export class ImportedServiceNetwork extends ServiceNetworkBase {
  public readonly serviceNetworkArn: string;
  public readonly serviceNetworkId: string;

  constructor(scope: Construct, id: string, attrs: ServiceNetworkAttributes, lookUpName?: string) {
    super(scope, id);
    checkStruct(this, 'attributes', attrs, { like: "{ serviceNetworkArn: 'arn:aws:vpc-lattice:<region>:<account>:servicenetwork/sn-…' }", required: true });
    checkResourceName(this, 'serviceNetworkName', lookUpName, 'service network');
    const { arn, id: resourceId } = lookUpName === undefined
      ? importedIdentity(this, 'servicenetwork', attrs.serviceNetworkArn, attrs.serviceNetworkId)
      : lookUpByName(this, 'ServiceNetwork', lookUpName);
    this.serviceNetworkArn = arn;
    this.serviceNetworkId = resourceId;
  }

  public addToAuthPolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }
}
