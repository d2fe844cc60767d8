import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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
