import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 (wildcard permissions) for exactly the given resources in the IAM policies
 * of `principal`, with the reason. cdk-nag names a finding after the resource as it renders it (`<LogicalId.Arn>/path/*`),
 * so only those resources are acknowledged, never other wildcards of the same principal. Resources whose rendering is
 * not known are left unacknowledged.
 */
export function acknowledgeWildcardResources(principal: IConstruct, resources: string[], reason: string) {
  const stack = Stack.of(principal);
  for (const resource of resources) {
    const rendered = render(stack.resolve(resource));
    if (rendered !== undefined && rendered.includes('*')) {
      Validations.of(principal).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${rendered}]`, reason });
    }
  }
}

/** A resolved value the way cdk-nag writes it in finding IDs, or undefined for intrinsics it is not known to render. */
function render(value: unknown): string | undefined {
  if (typeof value === 'string') { return value; }
  if (typeof value !== 'object' || value === null) { return undefined; }
  const intrinsic = value as Record<string, any>;
  if (Array.isArray(intrinsic['Fn::GetAtt'])) { return `<${intrinsic['Fn::GetAtt'].join('.')}>`; }
  if (typeof intrinsic.Ref === 'string') { return `<${intrinsic.Ref}>`; }
  const join = intrinsic['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = join[1].map(render);
    return parts.every((part: string | undefined) => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}
