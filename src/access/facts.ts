import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import type { Caller, Statement } from './evaluator';
import { toText } from './values';
import type { IListener, ILatticeService, IServiceNetwork } from '../interfaces';
import { listenerProtocolRules } from '../private/protocol-table';

/*
 * The one place where the access answers read the app's constructs (docs/lattice-facts.md#access-evaluation): the
 * auth type and auth policy of services and service networks, the listeners of a service, and the identity policies
 * of a caller. Everything else in src/access/ works on what these functions return.
 */

/** One level of VPC Lattice's evaluation: a service network or a service. */
export interface AuthLevel {
  readonly label: string;
  /** The auth type, or undefined when the app does not know it (an imported service or network). */
  readonly authType?: string;
  readonly statements: Statement[];
  /** The resource's ARN, as a text with atoms. */
  readonly arn: string;
}

/** Services and networks defined in the app have an auth type; imported ones do not. */
interface WithAuth {
  readonly authType?: string;
  readonly authPolicy?: iam.PolicyDocument;
}

/** The statements of a policy, as the evaluator reads them, each named by its Sid or its place. */
export function statementsOf(owner: IConstruct, statements: readonly iam.PolicyStatement[], where: string): Statement[] {
  return jsonStatementsOf(owner, statements.map(statement => statement.toStatementJson()), where);
}

function jsonStatementsOf(owner: IConstruct, statements: readonly Record<string, any>[], where: string): Statement[] {
  return statements.map((statement, index) => ({
    json: toText(statement, owner) as Record<string, any>,
    label: statement.Sid ? `statement '${statement.Sid}' of ${where}` : `statement ${index + 1} of ${where}`,
  }));
}

/** A level's statements are read when an answer evaluates them (a warning may need only the networks, or only ARNs). */
function level(resource: IConstruct & WithAuth, kind: string, arn: string): AuthLevel {
  let statements: Statement[] | undefined;
  return {
    label: `${kind} ${resource.node.path}`,
    authType: resource.authType,
    get statements() {
      if (statements === undefined) {
        const policy = resource.authPolicy;
        statements = policy ? jsonStatementsOf(resource, statementsIn(policy), `the auth policy of ${resource.node.path}`) : [];
      }
      return statements;
    },
    arn: toText(arn, resource) as string,
  };
}

export function serviceLevel(service: ILatticeService): AuthLevel {
  return level(service as ILatticeService & WithAuth, 'service', service.serviceArn);
}

/**
 * The service networks through which callers reach the service: with a source VPC, those it reaches (its association
 * or its endpoints, as the networks know them).
 */
export function networkLevels(service: ILatticeService, vpc?: ec2.IVpc): AuthLevel[] {
  const same = (other: ec2.IVpc) => other === vpc || other.vpcId === vpc!.vpcId;
  return service.serviceNetworks
    .filter(network => !vpc || network.vpcAssociations.some(a => same(a.vpc)) || network.endpoints.some(e => same(e.vpc)))
    .map((network: IServiceNetwork) => level(network as IServiceNetwork & WithAuth, 'service network', network.serviceNetworkArn));
}

/** A listener: its port (a text) and whether its callers are anonymous connections (TLS passthrough). */
export interface ListenerFacts {
  readonly label: string;
  readonly port: number;
  readonly connection: boolean;
}

/** What the answers read of a service: its own level, its networks' and its listeners. */
export interface ServiceFacts {
  readonly label: string;
  readonly service: AuthLevel;
  readonly networks: AuthLevel[];
  readonly listeners: ListenerFacts[];
  /** Why no network is known for the request's source VPC. */
  readonly unreached?: string;
}

export function serviceFacts(service: ILatticeService, vpc?: ec2.IVpc): ServiceFacts {
  const networks = networkLevels(service, vpc);
  return {
    label: service.node.path,
    service: serviceLevel(service),
    networks,
    listeners: listenersOf(service),
    unreached: vpc && networks.length === 0 ? `the source VPC ${vpc.node.path} has no association or endpoint in this app with a network of service ${service.node.path}` : undefined,
  };
}

export function listenersOf(service: ILatticeService): ListenerFacts[] {
  return service.listeners.map((listener: IListener) => ({
    label: `${listener.protocol} listener ${listener.node.path}`,
    port: listener.port,
    connection: listenerProtocolRules(listener.protocol)?.anonymousCallers !== undefined,
  }));
}

/** A caller as the evaluator sees it, with its identity policies (undefined when the app does not know them all). */
export interface CallerFacts {
  readonly label: string;
  readonly caller: Caller;
  readonly principalType?: string;
  /** The organization of an `iam.OrganizationPrincipal`. */
  readonly orgId?: string;
  readonly identity?: Statement[];
  /** The permissions boundary, when there is one; undefined statements when its contents are not known. */
  readonly boundary?: { readonly label: string; readonly statements?: Statement[] };
  /** Why the identity policies are not known. */
  readonly unknownIdentity?: string;
}

/**
 * AWS managed policies whose contents the answers know, by name. Each is given by its statements that could match a
 * VPC Lattice action; the others' actions (logs, ec2, ecr) never match `vpc-lattice-svcs:`.
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html
 */
const AWS_MANAGED: Record<string, Array<Record<string, unknown>>> = {
  'VPCLatticeServicesInvokeAccess': [{ Effect: 'Allow', Action: ['vpc-lattice-svcs:Invoke'], Resource: '*' }],
  'AdministratorAccess': [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  'service-role/AWSLambdaBasicExecutionRole': [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  'service-role/AWSLambdaVPCAccessExecutionRole': [{ Effect: 'Allow', Action: ['logs:*', 'ec2:*'], Resource: '*' }],
  'service-role/AmazonECSTaskExecutionRolePolicy': [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }],
};

/** The parts of an `iam.Role` that hold its policies (aws-cdk-lib keeps them on the role, without a public getter). */
interface RolePolicies {
  readonly managedPolicies?: iam.IManagedPolicy[];
  readonly attachedPolicies?: { readonly policies?: iam.Policy[] };
  readonly inlinePolicies?: Record<string, iam.PolicyDocument>;
}

export function callerFacts(grantable: iam.IGrantable, principalAccount: string | undefined): CallerFacts {
  const principal = grantable.grantPrincipal;
  const scope = Construct.isConstruct(principal) ? principal : Construct.isConstruct(grantable) ? grantable : undefined;
  const label = scope ? scope.node.path : principal.toString();
  const text = (value: string | undefined) => value === undefined ? undefined : scope ? toText(value, scope) as string : value;
  const arnOf = (arn: string | undefined) => ({ arn: text(arn), account: text(principalAccount ?? accountOfArn(arn) ?? principal.principalAccount) });

  if (principal instanceof iam.Role) {
    const policies = principal as unknown as RolePolicies;
    const caller = { anonymous: false, ...arnOf(principal.roleArn), account: text(principalAccount ?? Stack.of(principal).account) };
    const documents = [
      ...(policies.attachedPolicies?.policies ?? []).map(policy => ({ where: policy.node.path, document: policy.document })),
      ...Object.entries(policies.inlinePolicies ?? {}).map(([name, document]) => ({ where: `the inline policy ${name} of ${principal.node.path}`, document })),
    ];
    const managed = (policies.managedPolicies ?? []).map(policy => managedStatements(principal, policy));
    // A boundary set on the L1 (iam.PermissionsBoundary.of applies one with an aspect) is not known here.
    const cfnBoundary = (principal.node.defaultChild as iam.CfnRole | undefined)?.permissionsBoundary;
    const boundary = principal.permissionsBoundary ? managedStatements(principal, principal.permissionsBoundary)
      : cfnBoundary !== undefined ? { label: 'a permissions boundary set on the role\'s CfnRole', statements: undefined } : undefined;
    const unknownManaged = managed.find(item => item.statements === undefined);
    if (policies.attachedPolicies?.policies === undefined || policies.managedPolicies === undefined) {
      return { label, caller, principalType: 'AssumedRole', unknownIdentity: 'the policies of this role cannot be read' };
    }
    let identity: Statement[] | undefined;
    return {
      label,
      caller,
      principalType: 'AssumedRole',
      // Read when an answer needs them: a network's answers (networksDenying) do not.
      get identity() {
        return unknownManaged ? undefined : identity ??= [
          ...documents.flatMap(({ where, document }) => jsonStatementsOf(principal, statementsIn(document), where)),
          ...managed.flatMap(item => item.statements ?? []),
        ];
      },
      unknownIdentity: unknownManaged ? `the contents of ${unknownManaged.label} are not known` : undefined,
      boundary: boundary ? { label: boundary.label, statements: boundary.statements } : undefined,
    };
  }
  if (principal instanceof iam.OrganizationPrincipal) {
    return { label, caller: { anonymous: false }, orgId: principal.organizationId, unknownIdentity: 'an organization stands for any of its principals' };
  }
  if (principal instanceof iam.AccountPrincipal) {
    return { label, caller: { anonymous: false, account: text(principalAccount ?? principal.accountId) }, unknownIdentity: 'an account stands for any of its principals' };
  }
  const arn = (principal as { roleArn?: string; arn?: string; userArn?: string }).roleArn ?? (principal as { arn?: string }).arn
    ?? (principal as { userArn?: string }).userArn;
  return {
    label,
    caller: { anonymous: false, ...arnOf(arn) },
    principalType: (principal as { roleArn?: string }).roleArn ? 'AssumedRole' : undefined,
    unknownIdentity: 'only the policies of roles of this app are read',
  };
}

/** The account of a literal ARN (`arn:aws:iam::111122223333:role/x`). */
function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function managedStatements(owner: IConstruct, policy: iam.IManagedPolicy): { label: string; statements?: Statement[] } {
  if (policy instanceof iam.ManagedPolicy) {
    const label = policy.node.path;
    return { label, statements: jsonStatementsOf(owner, statementsIn(policy.document), label) };
  }
  const name = /:iam::aws:policy\/(.+)$/.exec(toText(policy.managedPolicyArn, owner) as string)?.[1];
  const known = name !== undefined ? AWS_MANAGED[name] : undefined;
  const label = name ? `the AWS managed policy ${name}` : `the managed policy ${policy.managedPolicyArn}`;
  return { label, statements: known?.map((json, index) => ({ json, label: `statement ${index + 1} of ${label}` })) };
}

/** A document's statements as `PolicyStatement.toStatementJson()` writes them (what `toJSON` is made of). */
function statementsIn(document: iam.PolicyDocument): Record<string, any>[] {
  return document.toJSON()?.Statement ?? [];
}
