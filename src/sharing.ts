import { IResource, Lazy, Names, Resource } from 'aws-cdk-lib';
import { CfnResourceAssociation, CfnResourceShare } from 'aws-cdk-lib/aws-ram';
import { Construct, IConstruct } from 'constructs';
import { PARTITION_PATTERN, PARTITIONS } from './private/arns';
import { freeChildId } from './private/ids';
import { checkGiven, checkHasMember, checkList, checkOneOf, checkString, checkStruct, invalidValueError, isToken, physicalName } from './private/validation';

/**
 * A VPC Lattice resource that AWS Resource Access Manager (RAM) can share: a service network, a service or a resource
 * configuration. Only resources your account owns can be shared.
 */
export interface IShareableResource extends IConstruct {
  /** The ARN that RAM shares. */
  readonly sharableArn: string;

  /** @deprecated use `sharableArn` */
  readonly shareableArn: string;
}

/**
 * Whom to share a service network, a service or a resource configuration with through AWS Resource Access Manager (RAM).
 */
export interface ShareOptions {
  /**
   * The accounts and parts of AWS Organizations to share with: 12-digit account IDs, organization ARNs
   * (`arn:aws:organizations::<management account>:organization/o-…`) or organizational-unit ARNs
   * (`arn:aws:organizations::<management account>:ou/o-…/ou-…`). Sharing with an organization or an organizational unit
   * needs sharing with AWS Organizations enabled in RAM; accounts in it then need not accept the share.
   */
  readonly principals: string[];

  /**
   * Whether principals outside your organization may be given the share. Accounts outside it must accept the share.
   *
   * @default false - only principals in your organization (RAM ignores this when your account is in no organization)
   */
  readonly allowExternalPrincipals?: boolean;

  /**
   * The name of the resource share, which the accounts given it see.
   *
   * @default - a name made from the construct path, unique in the app
   */
  readonly name?: string;
}

const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = new RegExp(`^arn:${PARTITION_PATTERN}:organizations::\\d{12}:organization/o-[a-z0-9]{10,32}$`);
const ORGANIZATIONAL_UNIT = new RegExp(`^arn:${PARTITION_PATTERN}:organizations::\\d{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`);

/**
 * An `AWS::RAM::ResourceShare` of one VPC Lattice resource (`owner`, by its ARN), beside it: `ResourceShare`,
 * `ResourceShare2`, … for each call.
 *
 * @internal
 */
export function shareResource(owner: IConstruct, resourceArn: string, options: ShareOptions): CfnResourceShare {
  checkShareOptions(owner, 'shareWith ', options);
  return newResourceShare(owner, freeChildId(owner, 'ResourceShare'), options, [resourceArn]);
}

/** Checks the literal principals and name of a share; `prefix` starts the property names in messages. */
function checkShareOptions(scope: IConstruct, prefix: string, options: ShareOptions) {
  checkStruct(scope, prefix.trim() || 'props', options, { like: "{ principals: ['111122223333'] }", required: true });
  checkGiven(scope, `${prefix}principals`, options.principals, 'the accounts or parts of AWS Organizations to share with, like [\'111122223333\']');
  checkOneOf(scope, `${prefix}allowExternalPrincipals`, options.allowExternalPrincipals, [true, false]);
  // A list only known at deploy time (a CommaDelimitedList parameter) is RAM's to judge.
  if (checkList(scope, `${prefix}principals`, options.principals)) { checkPrincipals(scope, `${prefix}principals`, options.principals); }
  checkString(scope, `${prefix}name`, options.name, { min: 1, max: 255 });
}

/** A resource share of `resourceArns` (read when the template is written) named `id` under `scope`. */
function newResourceShare(scope: IConstruct, id: string, options: ShareOptions, resourceArns: string[]): CfnResourceShare {
  const share: CfnResourceShare = new CfnResourceShare(scope, id, {
    name: options.name ?? Lazy.string({ produce: () => Names.uniqueResourceName(share, { maxLength: 255 }) }),
    resourceArns: Lazy.list({ produce: () => resourceArns }),
    principals: options.principals,
    allowExternalPrincipals: options.allowExternalPrincipals ?? false,
  });
  return share;
}

function checkPrincipals(scope: IConstruct, property: string, principals: readonly unknown[]) {
  if (principals.length === 0) {
    throw invalidValueError(scope, property, principals, 'give at least one account ID, organization ARN or organizational-unit ARN');
  }
  principals.forEach((principal, index) => {
    if (isToken(principal)) { return; }
    if (typeof principal !== 'string' || ![ACCOUNT, ORGANIZATION, ORGANIZATIONAL_UNIT].some(pattern => pattern.test(principal))) {
      const partition = typeof principal === 'string' ? /^arn:([^:]*):organizations:/.exec(principal)?.[1] : undefined;
      if (partition !== undefined && !PARTITIONS.includes(partition)) {
        throw invalidValueError(scope, property, principal, `there is no AWS partition '${partition}': an ARN's partition is one of ${PARTITIONS.join(', ')}`);
      }
      throw invalidValueError(scope, property, principal,
        "each principal must be a 12-digit account ID ('111122223333'), an organization ARN " +
        "('arn:aws:organizations::111122223333:organization/o-exampleorgid') or an organizational-unit ARN " +
        "('arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-examplerootid-exampleouid')");
    }
    if (principals.indexOf(principal) !== index) {
      throw invalidValueError(scope, property, principal, 'each principal may be listed once');
    }
  });
}

/**
 * An AWS RAM resource share.
 */
export interface IResourceShare extends IResource {
  /**
   * The ARN of the resource share.
   *
   * @attribute
   */
  readonly resourceShareArn: string;

  /**
   * Adds a service network, a service or a resource configuration to the share.
   */
  addResource(resource: IShareableResource): void;
}

/**
 * Properties of a `ResourceShare`.
 */
export interface ResourceShareProps extends ShareOptions {
  /**
   * Service networks, services and resource configurations to share; more can be added with `addResource`.
   *
   * @default - none yet
   */
  readonly resources?: IShareableResource[];
}

/**
 * An AWS RAM resource share that holds several VPC Lattice resources (service networks, services, resource
 * configurations) for the same principals. `shareWith` on a resource makes a share of its own instead.
 *
 * @resource AWS::RAM::ResourceShare
 */
export class ResourceShare extends Resource implements IResourceShare {
  /**
   * Imports a resource share made elsewhere: `addResource` adds resources to it with `AWS::RAM::ResourceAssociation`
   * resources, which must be in the account that owns the share.
   */
  public static fromResourceShareArn(scope: Construct, id: string, resourceShareArn: string): IResourceShare {
    return new ImportedResourceShare(scope, id, resourceShareArn);
  }

  public readonly resourceShareArn: string;

  private readonly resourceArns: string[] = [];

  constructor(scope: Construct, id: string, props: ResourceShareProps) {
    super(scope, id, { physicalName: physicalName(props?.name) });
    checkShareOptions(this, '', props);
    checkList(this, 'resources', props.resources);
    const share = newResourceShare(this, 'Resource', props, this.resourceArns);
    this.resourceShareArn = share.attrArn;
    props.resources?.forEach(resource => this.addResource(resource));
  }

  public addResource(resource: IShareableResource): void {
    checkShareable(this, resource);
    if (this.resourceArns.includes(sharableArnOf(resource))) {
      throw invalidValueError(this, 'resource', resource.node.path, 'it is already in this share; add it once');
    }
    this.resourceArns.push(sharableArnOf(resource));
  }
}

/** A resource to share: a service network, a service or a resource configuration, not its ARN. */
function checkShareable(share: IConstruct, resource: IShareableResource) {
  checkHasMember(share, 'resource', resource, 'shareableArn', { like: 'a service network, a service or a resource configuration (not its ARN)', required: true });
}

const RESOURCE_SHARE_ARN = new RegExp(`^arn:${PARTITION_PATTERN}:ram:[a-z0-9-]+:\\d{12}:resource-share/[0-9a-f-]{36}$`);

class ImportedResourceShare extends Resource implements IResourceShare {
  private readonly added: IShareableResource[] = [];

  constructor(scope: Construct, id: string, public readonly resourceShareArn: string) {
    super(scope, id);
    if (!isToken(resourceShareArn) && !(typeof resourceShareArn === 'string' && RESOURCE_SHARE_ARN.test(resourceShareArn))) {
      throw invalidValueError(this, 'resourceShareArn', resourceShareArn, "must be a RAM resource-share ARN like 'arn:aws:ram:<region>:<account>:resource-share/<UUID>'");
    }
  }

  public addResource(resource: IShareableResource): void {
    checkShareable(this, resource);
    if (this.added.includes(resource)) {
      throw invalidValueError(this, 'resource', resource.node.path, 'it is already added to this share; add it once');
    }
    this.added.push(resource);
    new CfnResourceAssociation(this, freeChildId(this, `${resource.node.id}Association`), {
      resourceShareArn: this.resourceShareArn,
      resourceArn: sharableArnOf(resource),
    });
  }
}

/** The ARN to share: `sharableArn`, or `shareableArn` for resources written before it had its one spelling. */
function sharableArnOf(resource: IShareableResource): string {
  return resource.sharableArn ?? resource.shareableArn;
}
