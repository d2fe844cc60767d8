import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkAttributes } from './arns';
import { importedOrFound } from './imports';
import { checkDomainName } from './validation';
import { LatticeServiceBase } from '../service-base';
import { LatticeServiceAttributes } from '../structs';

/** A service defined elsewhere, by its ARN or ID, or found by its name at deploy time. */
export class ImportedLatticeService extends LatticeServiceBase {
  public readonly serviceArn: string;
  public readonly serviceId: string;
  /** The DNS name VPC Lattice generated for the service, when the import gives it. */
  public readonly dnsName?: string;
  public readonly customDomain = undefined;

  /** The name the service is found by at deploy time, for imports by name. */
  public readonly lookUpName?: string;

  constructor(scope: Construct, id: string, attrs: LatticeServiceAttributes, lookUpName?: string) {
    super(scope, id);
    this.lookUpName = lookUpName;
    checkAttributes(this, 'service', attrs);
    const { arn, id: resourceId } = importedOrFound(this, 'service', attrs.serviceArn, attrs.serviceId, lookUpName);
    this.serviceArn = arn;
    this.serviceId = resourceId;
    checkDomainName(this, 'dnsName', attrs.dnsName);
    this.dnsName = attrs.dnsName;
  }

  /** The generated DNS name, under the name services defined in the app had first. */
  public get generatedDomainName(): string | undefined {
    return this.dnsName;
  }

  public addToAuthPolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    return { statementAdded: false };
  }
}
