import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalid } from './validation';

/**
 * What to call a VPC Lattice construct where people read it (dashboard titles, topology labels): the name it has in
 * VPC Lattice when the app gives a literal one (the `Name` of its CloudFormation resource, or the name an import looks
 * up), else its literal ID (`svc-…` of an import by ARN), else its construct ID. Never a token: a token's text
 * changes from one synth to the next and means nothing to a reader.
 */
export function displayName(construct: IConstruct, resourceId?: string): string {
  const ofResource = (construct.node.defaultChild as { name?: unknown } | undefined)?.name;
  const lookedUp = (construct as { lookUpName?: unknown }).lookUpName;
  return [ofResource, lookedUp, resourceId].find(literal) as string | undefined ?? construct.node.id;
}

/** A value known at synth: a string that is no token. */
export function literal(value: unknown): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}

/**
 * Names that are unique among siblings (listeners of a service, rules of a listener: CloudFormation schema): a literal
 * `name` that one of `siblings` in this app already has in its CloudFormation resource is an error.
 */
export function checkNameUnique(scope: IConstruct, property: string, name: string | undefined, siblings: IConstruct[],
  among: { readonly kind: string; readonly within: string; readonly owner: IConstruct }) {
  if (!literal(name)) { return; }
  const holder = siblings.find(sibling => (sibling.node.defaultChild as { name?: unknown } | undefined)?.name === name);
  if (holder) {
    throw invalid(scope, property, name, `${among.kind} names must be unique within a ${among.within}, and the ${among.kind} ${holder.node.path} of ` +
      `${among.owner.node.path} has it`);
  }
}
