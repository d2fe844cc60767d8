import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { INVOKE_ACTION } from './private/constants';
import { checkHasMember, invalidValueError, isToken } from './private/validation';

/**
 * How VPC Lattice authenticates the callers of a service network or a service.
 */
export enum AuthType {
  /**
   * No authentication: any client in a connected VPC can call, unsigned. The auth policy is ignored.
   */
  NONE = 'NONE',
  /**
   * Requests are signed with SigV4 and allowed only where the auth policy (and the caller's IAM policy) allows them.
   */
  AWS_IAM = 'AWS_IAM',
}

/**
 * An auth policy for a service network or a service: who may invoke it.
 *
 * Auth policies only take effect when the auth type is `AWS_IAM`.
 */
export abstract class AuthPolicy {
  /**
   * Allow every authenticated (SigV4-signed) caller, from any account; unsigned (anonymous) callers are denied.
   *
   * This is the default policy of a service network whose auth type is `AWS_IAM`.
   */
  public static authenticatedOnly(): AuthPolicy {
    return new StatementsAuthPolicy(() => [new iam.PolicyStatement({
      sid: 'AllowAuthenticatedCallers',
      principals: [new iam.AnyPrincipal()],
      actions: [INVOKE_ACTION],
      resources: ['*'],
      conditions: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } },
    })]);
  }

  /**
   * Allow authenticated callers whose principal belongs to the given AWS Organization.
   *
   * @param organizationId the organization's ID, like `o-a1b2c3d4e5`
   */
  public static organizationOnly(organizationId: string): AuthPolicy {
    return new StatementsAuthPolicy((scope) => {
      if (!isToken(organizationId) && !(typeof organizationId === 'string' && /^o-[a-z0-9]{10,32}$/.test(organizationId))) {
        throw invalidValueError(scope, 'authPolicy organizationId', organizationId, "must be an AWS Organizations ID: 'o-' followed by 10 to 32 lowercase letters or digits");
      }
      return [new iam.PolicyStatement({
        sid: 'AllowOrganizationCallers',
        principals: [new iam.AnyPrincipal()],
        actions: [INVOKE_ACTION],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:PrincipalOrgID': organizationId },
          StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' },
        },
      })];
    });
  }

  /**
   * Allow every caller, signed or not.
   *
   * With `AWS_IAM` this still lets VPC Lattice add the caller's identity to requests it can authenticate.
   */
  public static allowAll(): AuthPolicy {
    return new StatementsAuthPolicy(() => [new iam.PolicyStatement({
      sid: 'AllowAllCallers',
      principals: [new iam.AnyPrincipal()],
      actions: [INVOKE_ACTION],
      resources: ['*'],
    })]);
  }

  /**
   * The statements of an IAM policy document. The document is copied: later changes to it are not seen.
   */
  public static fromPolicyDocument(document: iam.PolicyDocument): AuthPolicy {
    return new StatementsAuthPolicy((scope) => {
      checkHasMember(scope, 'authPolicy', document, 'toJSON', { like: 'an iam.PolicyDocument', required: true });
      const statements: unknown[] = document.toJSON()?.Statement ?? [];
      return statements.map(statement => iam.PolicyStatement.fromJson(statement));
    });
  }

  /**
   * The policy's statements, for the resource at `scope`.
   *
   * @internal
   */
  public abstract _statements(scope: IConstruct): iam.PolicyStatement[];
}

class StatementsAuthPolicy extends AuthPolicy {
  constructor(private readonly render: (scope: IConstruct) => iam.PolicyStatement[]) {
    super();
  }

  public _statements(scope: IConstruct): iam.PolicyStatement[] {
    return this.render(scope);
  }
}
