import { IConstruct } from 'constructs';

/** `base` if no child of `scope` has that ID yet, else the first free of `base2`, `base3`, … */
export function freeChildId(scope: IConstruct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) { id = `${base}${n}`; }
  return id;
}
