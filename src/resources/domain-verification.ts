import { IResource, Resource } from 'aws-cdk-lib';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { CfnDomainVerification } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { literalZoneName, recordComment } from '../custom-domain';
import { checkAttributes, importedIdentity } from '../private/arns';
import { awsRoute53, deployTimeLookups } from '../private/lazy';
import { checkHostedZone } from '../private/references';
import { checkDomainName, checkGiven, checkStruct, invalidValueError, isToken, isWithinDomain } from '../private/validation';

/**
 * A VPC Lattice domain verification: the proof that you own a domain, whose names (the domain and the names below it)
 * resource configurations then use as verified custom domain names.
 */
export interface IDomainVerification extends IResource {
  /**
   * The ARN of the domain verification.
   *
   * @attribute
   */
  readonly domainVerificationArn: string;

  /**
   * The ID of the domain verification (`dv-…`), which resource configurations take.
   *
   * @attribute
   */
  readonly domainVerificationId: string;

  /**
   * The verified domain.
   *
   * @default - not known (imported without it)
   */
  readonly domainName?: string;
}

/**
 * Properties of a `DomainVerification`.
 */
export interface DomainVerificationProps {
  /** The domain to verify, like `internal.example.com`: 3 to 255 characters. Changing it replaces the verification. */
  readonly domainName: string;

  /**
   * The public Route 53 hosted zone of the domain, in which to create the TXT record VPC Lattice checks. The record's
   * name and value are read at deploy time (CloudFormation cannot give them), by the stack's lookup function.
   *
   * @default - no record: create the TXT record given by `txtRecordName` and `txtRecordValue` in the domain's DNS yourself
   */
  readonly hostedZone?: route53.IHostedZone;
}

/**
 * Attributes to import a domain verification made elsewhere. Give its ARN or its ID.
 */
export interface DomainVerificationAttributes {
  /**
   * The ARN of the domain verification.
   *
   * @default - derived from `domainVerificationId`, in this stack's account and region
   */
  readonly domainVerificationArn?: string;

  /**
   * The ID of the domain verification (`dv-…`).
   *
   * @default - taken from `domainVerificationArn`
   */
  readonly domainVerificationId?: string;

  /**
   * The verified domain, against which custom domain names are checked.
   *
   * @default - not known: custom domain names are not checked against it
   */
  readonly domainName?: string;
}

/**
 * Starts the verification of a domain you own, so that resource configurations can use names in it as verified custom
 * domain names, and consumers whose private DNS takes verified domains only resolve them. With a hosted zone, the TXT
 * record VPC Lattice checks is created for you. A resource configuration that uses the verification depends on it.
 *
 * VPC Lattice verifies the domain some time after the record exists: CloudFormation does not wait for it. A
 * verification that is not confirmed in time ends as `VERIFICATION_TIMED_OUT`; replace it to start again.
 *
 * @resource AWS::VpcLattice::DomainVerification
 */
export class DomainVerification extends Resource implements IDomainVerification {
  /**
   * Imports a domain verification by its ARN or ID.
   */
  public static fromDomainVerificationAttributes(scope: Construct, id: string, attrs: DomainVerificationAttributes): IDomainVerification {
    return new ImportedDomainVerification(scope, id, attrs);
  }

  public readonly domainVerificationArn: string;
  public readonly domainVerificationId: string;
  public readonly domainName?: string;

  /**
   * The status of the verification when the stack was deployed: `PENDING`, `VERIFIED` or `VERIFICATION_TIMED_OUT`.
   *
   * @attribute
   */
  public get domainVerificationStatus(): string {
    return this.resource.attrStatus;
  }

  private readonly resource: CfnDomainVerification;

  private txtRecord?: { name: string; value: string };

  constructor(scope: Construct, id: string, props: DomainVerificationProps) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: "{ domainName: 'internal.example.com', hostedZone }", required: true });
    checkGiven(this, 'domainName', props.domainName, "the domain to verify, like 'internal.example.com'");
    checkDomainName(this, 'domainName', props.domainName);
    checkHostedZone(this, 'hostedZone', props.hostedZone);
    this.domainName = props.domainName;
    const resource = this.resource = new CfnDomainVerification(this, 'Resource', { domainName: props.domainName });
    this.domainVerificationArn = resource.attrArn;
    this.domainVerificationId = resource.attrId;

    if (props.hostedZone) {
      const zoneName = literalZoneName(props.hostedZone);
      if (zoneName !== undefined && !isToken(props.domainName) && !isWithinDomain(props.domainName, zoneName)) {
        throw invalidValueError(this, 'domainName', props.domainName, `must be inside the hosted zone '${zoneName}' given as hostedZone, where the TXT record goes`);
      }
      new (awsRoute53()).CfnRecordSet(this, 'TxtRecord', {
        hostedZoneId: props.hostedZone.hostedZoneId,
        name: this.txtRecordName,
        type: 'TXT',
        ttl: '300',
        resourceRecords: [`"${this.txtRecordValue}"`],
        comment: recordComment('domain verification', this.node.path),
      });
    }
  }

  /** The fully qualified name of the TXT record VPC Lattice checks, read at deploy time. */
  public get txtRecordName(): string {
    return this.readTxtRecord().name;
  }

  /** The value of the TXT record VPC Lattice checks, read at deploy time. */
  public get txtRecordValue(): string {
    return this.readTxtRecord().value;
  }

  private readTxtRecord(): { name: string; value: string } {
    // Open (docs/lattice-facts.md#domain-verification): no integ test settles the dotted GetAtt form; nothing here uses it.
    this.txtRecord ??= deployTimeLookups().readVerificationTxtRecord(this, 'TxtMethodConfig', this.domainVerificationArn);
    return this.txtRecord;
  }
}

class ImportedDomainVerification extends Resource implements IDomainVerification {
  public readonly domainVerificationArn: string;
  public readonly domainVerificationId: string;
  public readonly domainName?: string;

  constructor(scope: Construct, id: string, attrs: DomainVerificationAttributes) {
    super(scope, id);
    checkAttributes(this, 'domainverification', attrs);
    checkDomainName(this, 'domainName', attrs.domainName);
    const { arn, id: verificationId } = importedIdentity(this, 'domainverification', attrs.domainVerificationArn, attrs.domainVerificationId);
    this.domainVerificationArn = arn;
    this.domainVerificationId = verificationId;
    this.domainName = attrs.domainName;
  }
}
