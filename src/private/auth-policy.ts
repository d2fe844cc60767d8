import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnAuthPolicy } from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import { authPolicyStatementErrors } from './auth-policy-contents';
import { AUTH_POLICY_MAX_BYTES } from './constants';
import { lazy } from './lazy';
import type * as decision from '../access/decision';
import type * as facts from '../access/facts';
import type { AuthPolicy } from '../auth';

// The access evaluator, which the warnings below read policies with, is loaded when the app is validated.
/* eslint-disable @typescript-eslint/no-require-imports */
const accessDecision = lazy(() => require('../access/decision') as typeof decision);
const accessFacts = lazy(() => require('../access/facts') as typeof facts);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The auth policy of one service network or service. The `AWS::VpcLattice::AuthPolicy` resource is created with the
 * first statement, so a resource that allows nothing has no policy resource at all.
 */
export class AuthPolicyHolder {
  private readonly document = new iam.PolicyDocument();
  private readonly statements: iam.PolicyStatement[] = [];
  private resource?: CfnAuthPolicy;
  private readonly enforced: boolean;
  private reached?: ReturnType<typeof decision.policyReach>;

  /**
   * @param owner the service network or service
   * @param resourceIdentifier its ID, for the policy resource
   * @param options `initial`: the policy to start from; `enforced`: whether the auth type is AWS_IAM (with NONE, a
   * policy is kept but VPC Lattice ignores it, which the user is told)
   */
  constructor(
    private readonly owner: Construct,
    private readonly resourceIdentifier: string,
    options: { readonly initial?: AuthPolicy; readonly enforced: boolean },
  ) {
    this.enforced = options.enforced;
    options.initial?._statements(owner).forEach(statement => this.addStatement(statement));
    if (options.initial && !options.enforced) {
      Annotations.of(owner).addWarningV2('cdk-vpc-lattice:authPolicyInactive',
        'authPolicy is ignored at run time because authType is NONE. Set authType to AuthType.AWS_IAM to enforce it.');
    }
  }

  public addStatement(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    // Judged where it is added, so that the error's stack trace leads to the caller's line; `validate` judges the
    // statements again at synth, for changes made to them after they were added.
    const errors = this.statementErrors(statement, this.statements.length);
    if (errors.length > 0) {
      throw new Error(`${this.owner.node.path}: ${errors.join('\n')}`);
    }
    this.reached = undefined;
    this.statements.push(statement);
    this.document.addStatements(statement);
    if (!this.resource) {
      // Open (docs/lattice-facts.md#auth-policy-size): what CloudFormation does when an update removes this resource has no
      // integ test (the tests deploy once, without stack updates).
      this.resource = new CfnAuthPolicy(this.owner, 'AuthPolicy', { resourceIdentifier: this.resourceIdentifier, policy: this.document });
      this.owner.node.addValidation({ validate: () => this.validate() });
    }
    return { statementAdded: true, policyDependable: this.resource };
  }

  /** The policy as written so far, as a new document (changing it changes nothing); undefined without statements. */
  public get policy(): iam.PolicyDocument | undefined {
    return this.statements.length === 0 ? undefined : new iam.PolicyDocument({ statements: [...this.statements] });
  }

  /** What can never apply in the statement (the `index`th of the policy), and what any IAM policy statement needs. */
  private statementErrors(statement: iam.PolicyStatement, index: number): string[] {
    const stack = Stack.of(this.owner);
    return [
      ...authPolicyStatementErrors(statement.toStatementJson(), index, value => stack.resolve(value)),
      ...statement.validateForAnyPolicy().map(error => `auth policy: ${error}`),
    ];
  }

  /** Whether any statement may allow anything: without one, an AWS_IAM resource denies every request. */
  public get allowsAnything(): boolean {
    return this.reach().allows !== 'none';
  }

  /**
   * Whether the policy lets anonymous callers open connections, which is all a TLS passthrough listener has, as the
   * access evaluator reads it (`src/access/decision.ts` policyReach).
   */
  public get admitsAnonymousConnections(): boolean {
    return this.reach().admitsAnonymousConnections;
  }

  /** Read once the app is complete (statements are added then no more), at most once per statement added. */
  private reach(): ReturnType<typeof decision.policyReach> {
    return this.reached ??= accessDecision().policyReach(accessFacts().statementsOf(this.owner, this.statements, 'the auth policy'));
  }

  /**
   * Run when the app is synthesized, since statements may change after they are added: what can never apply in an
   * auth policy (`auth-policy-contents.ts`, which also says what a statement without principals lacks, instead of
   * aws-cdk-lib's generic resource-policy message), what any IAM policy needs, and VPC Lattice's size quota.
   */
  private validate(): string[] {
    const stack = Stack.of(this.owner);
    // The statements unresolved: the checks read literal text only and leave tokens (values resolved later, mostly known
    // only at deploy time) unjudged, so resolving each statement, most of the synth cost of a grant, is not needed.
    const statements = this.statements.map(statement => statement.toStatementJson());
    const errors = [
      ...statements.flatMap((statement, index) => authPolicyStatementErrors(statement, index, value => stack.resolve(value))),
      ...this.document.validateForAnyPolicy().map(error => `auth policy: ${error}`),
    ];
    // The document is these statements (fewer, where aws-cdk-lib merges them) in `{"Statement":[...],"Version":...}`:
    // unless they come within a margin of the quota, so does the document, which then need not be resolved. The
    // statements are measured unresolved, each token as its placeholder (`${Token[...]}`, about 20 characters, more
    // than the literal text of a reference or an ARN built from one; a token whose value is long literal text, rare in
    // a policy, counts for less than it is).
    const statementBytes = Buffer.byteLength(JSON.stringify(statements), 'utf8');
    const { bytes, exact } = statementBytes + DOCUMENT_MARGIN_BYTES <= AUTH_POLICY_MAX_BYTES
      ? { bytes: 0, exact: true } : literalSize(stack.resolve(this.document));
    if (this.enforced && this.reach().allows === 'blocked') {
      Annotations.of(this.owner).addWarningV2('cdk-vpc-lattice:authPolicyAllowsNothing',
        'The auth policy has Allow statements, but a Deny statement in it applies to every request: at run time every request and connection ' +
        'gets 403 (AccessDeniedException). Narrow the Deny (a principal, an action, a resource or a condition) or remove it.');
    }
    if (bytes > AUTH_POLICY_MAX_BYTES) {
      errors.push(`auth policy is ${exact ? '' : 'at least '}${bytes} bytes, over VPC Lattice's limit of ${AUTH_POLICY_MAX_BYTES} bytes (10 KB, not adjustable). ` +
        'Merge statements (one statement can list several principals, paths and methods) or move callers into a role or an organization condition.');
    }
    return errors;
  }
}

/** More than a policy document adds to its statements: the brackets, the commas between statements and the version. */
const DOCUMENT_MARGIN_BYTES = 1024;

/**
 * The size of a resolved policy in bytes, counting only what is known at synth of CloudFormation intrinsics (values
 * resolved at deploy time): exact when there are none, a lower bound otherwise.
 */
function literalSize(resolved: unknown): { bytes: number; exact: boolean } {
  let exact = true;
  const literal = JSON.stringify(resolved, (_key, value) => {
    if (!isIntrinsic(value)) { return value; }
    exact = false;
    return knownText(value);
  });
  return { bytes: Buffer.byteLength(literal ?? '', 'utf8'), exact };
}

/** The part of an intrinsic's value that is known at synth: the literal pieces of an `Fn::Join`, else nothing. */
function knownText(value: any): string {
  if (!isIntrinsic(value)) { return typeof value === 'string' ? value : ''; }
  const join = value['Fn::Join'];
  return Array.isArray(join) && Array.isArray(join[1]) ? join[1].map(knownText).join(join[0]) : '';
}

function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { return false; }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
