import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidValueError } from './validation';

/** The name each construct of this library has in VPC Lattice, as the app gave it (or an import looks it up). */
const namesInLattice = new WeakMap<IConstruct, string>();

/**
 * Records the name `construct` has in VPC Lattice: the name given to its CloudFormation resource, or the name an
 * import looks up. The constructs call it where they make their resource, so that nothing reads the resource back.
 */
export function recordName(construct: IConstruct, name: string | undefined): void {
  if (name !== undefined) { namesInLattice.set(construct, name); }
}

/**
 * What to call a VPC Lattice construct where people read it (dashboard titles, topology labels): the name it has in
 * VPC Lattice when the app gives a literal one (`recordName`), else its literal ID (`svc-…` of an import by ARN),
 * else its construct ID. Never a token: a token's text changes from one synth to the next and means nothing to a
 * reader.
 */
export function displayName(construct: IConstruct, resourceId?: string): string {
  return [namesInLattice.get(construct), resourceId].find(literal) as string | undefined ?? construct.node.id;
}

/** A value known at synth: a string that is no token. */
export function literal(value: unknown): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}

/**
 * Names that are unique among siblings (listeners of a service, rules of a listener: CloudFormation schema): a literal
 * `name` that one of `siblings` in this app already has (`recordName`) is an error.
 */
export function checkNameUnique(scope: IConstruct, property: string, name: string | undefined, siblings: IConstruct[],
  among: { readonly kind: string; readonly within: string; readonly owner: IConstruct }) {
  if (!literal(name)) { return; }
  const holder = siblings.find(sibling => namesInLattice.get(sibling) === name);
  if (holder) {
    throw invalidValueError(scope, property, name, `${among.kind} names must be unique within a ${among.within}, and the ${among.kind} ${holder.node.path} of ` +
      `${among.owner.node.path} has it`);
  }
}

/** The name each construct imported by name is looked up by at deploy time. */
const lookedUpNames = new WeakMap<IConstruct, string>();

/** Records that `construct` is imported by `name`, looked up at deploy time (`importedOrFound` calls it). */
export function recordLookUp(construct: IConstruct, name: string): void {
  lookedUpNames.set(construct, name);
}

/** The name `construct` is looked up by at deploy time, if it is imported by name. */
export function lookedUpName(construct: IConstruct): string | undefined {
  return lookedUpNames.get(construct);
}
