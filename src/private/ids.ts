import { Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { nameLimits, NamedResource } from './validation';

/** `base` if no child of `scope` has that ID yet, else the first free of `base2`, `base3`, … */
export function freeChildId(scope: IConstruct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) { id = `${base}${n}`; }
  return id;
}

/**
 * A VPC Lattice name for a resource CloudFormation requires a name for, made from the construct path: lowercase
 * letters, digits and single hyphens, no longer than the kind's names may be, unique in the app (the path's hash ends
 * it), and not starting with the kind's reserved prefix (`rgw-`, `rcfg-`). The same path always gives the same name.
 */
export function generatedName(scope: IConstruct, kind: NamedResource): string {
  const { maxLength, reservedPrefix } = nameLimits(kind);
  const name = Names.uniqueResourceName(scope, { maxLength, separator: '-' }).toLowerCase()
    .replace(/[^a-z0-9-]/g, '').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  return name.startsWith(reservedPrefix) ? `${reservedPrefix.slice(0, -1)}${name.slice(reservedPrefix.length)}` : name;
}
