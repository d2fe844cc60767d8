import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { importedIdentity } from './arns';
import { checkResourceName, checkStruct } from './validation';
import { LatticeServiceAttributes } from '../interfaces';
import { lookUpByName } from '../lookup/lookup';
import { LatticeServiceBase } from '../service-base';

/** A service defined elsewhere, by its ARN or ID, or found by its name at deploy time. */
export class ImportedLatticeService extends LatticeServiceBase {
  public readonly serviceArn: string;
  public readonly serviceId: string;

  constructor(scope: Construct, id: string, attrs: LatticeServiceAttributes, lookUpName?: string) {
    super(scope, id);
    checkStruct(this, 'attributes', attrs, { like: "{ serviceArn: 'arn:aws:vpc-lattice:<region>:<account>:service/svc-…' }", required: true });
    checkResourceName(this, 'serviceName', lookUpName, 'service');
    const { arn, id: resourceId } = lookUpName === undefined
      ? importedIdentity(this, 'service', attrs.serviceArn, attrs.serviceId)
      : lookUpByName(this, 'Service', lookUpName);
    this.serviceArn = arn;
    this.serviceId = resourceId;
  }

  public addToAuthPolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }
}
