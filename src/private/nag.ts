import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The finding IDs acknowledged so far on each principal, so that repeated grants acknowledge each one once. */
const acknowledged = new WeakMap<IConstruct, Set<string>>();

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 (wildcard permissions) for exactly the given resources in the IAM policies
 * of `principal`, with the reason. cdk-nag names a finding after the resource as it renders it (`<LogicalId.Arn>/path/*`),
 * so only those resources are acknowledged, never other wildcards of the same principal. Resources whose rendering is
 * not known are left unacknowledged.
 *
 * With `rendered`, the acknowledgment is written when the app is validated, before cdk-nag (a validation plugin) reads
 * it: the logical IDs `rendered` names are then final (an override made after the grant counts), and they are read
 * where synthesis reads them anyway rather than once more while the app is built. Without it, each resource is
 * resolved in the principal's stack now.
 *
 * @param rendered the resources as cdk-nag writes them, when the caller knows that without resolving them
 */
export function acknowledgeWildcardResources(principal: IConstruct, resources: string[], reason: string,
  rendered?: () => Array<string | undefined>) {
  if (rendered) {
    principal.node.addValidation({ validate: () => { record(principal, rendered(), reason); return []; } });
  } else {
    record(principal, resources.map(resource => render(Stack.of(principal).resolve(resource))), reason);
  }
}

function record(principal: IConstruct, rendered: Array<string | undefined>, reason: string) {
  const done = acknowledged.get(principal) ?? new Set<string>();
  acknowledged.set(principal, done);
  const ids = new Set(rendered.filter((resource): resource is string => resource !== undefined && resource.includes('*'))
    .map(resource => `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`)
    .filter(id => !done.has(id)));
  ids.forEach(id => done.add(id));
  if (ids.size > 0) {
    // The entry `Validations.acknowledge` writes, which aws-cdk-lib's validation report and cdk-nag read, written
    // directly: `acknowledge` also records the stack trace of the call, which costs more than the rest of a grant's
    // bookkeeping, once per grant, and clears earlier annotation warnings of these IDs, which cdk-nag (a validation
    // plugin) never adds.
    principal.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Object.fromEntries([...ids].map(id => [id, reason])));
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
