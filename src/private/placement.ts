import { Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { freeChildId } from './ids';

/**
 * Where an association or an endpoint between `owner` (a service network, a resource configuration) and `other` (a
 * VPC, a service, a resource configuration) goes: beside the owner, or, when the other side is in another stack (often
 * another account that was given the owner through AWS RAM), in that stack, whose account is the one allowed to create it.
 */
export function placeBetween(owner: IConstruct, other: IConstruct, suffix: string): { scope: Construct; id: string } {
  const otherStack = Stack.of(other);
  const sameStack = otherStack === Stack.of(owner);
  const scope: Construct = sameStack ? owner as Construct : otherStack;
  const base = sameStack ? `${other.node.id}${suffix}` : `${owner.node.id}${other.node.id}${suffix}`;
  return { scope, id: freeChildId(scope, base) };
}
