import { CfnResource, DefaultTokenResolver, IResolvable, IResolveContext, IPostProcessor, Intrinsic, Reference, Stack, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/*
 * Values of policies and requests as the evaluator sees them (docs/lattice-facts.md#access-evaluation): text in which
 * each value known only at deploy time is an atom. Tokens are resolved with a resolver that stops at references and
 * pseudo parameters, so that `role.roleArn` in a policy and the caller's own ARN become the same atom (the same
 * attribute of the same resource), and `${AWS::AccountId}` is an atom of the stack it is used in.
 *
 * Two atoms are the same value when they are the same atom; attributes `Arn`, `Ref` and `Id` of two different
 * resources of one type are different values (AWS gives each resource its own). ARNs and IDs of VPC Lattice services
 * and service networks are also never part of one another (IDs have a fixed length), so in patterns they only match
 * themselves, or a wildcard. Any other atom may be any text.
 */

/** An atom: `key` names the value, `type` the attribute of a resource type, `rigid` a VPC Lattice ARN or ID. */
export interface Atom { readonly key: string; readonly type?: string; readonly rigid?: boolean }

/** Text with atoms: each atom is written as `\u0001<index>\u0002`, its index in `ATOMS`. */
const ATOMS: Atom[] = [];
const ATOM_INDEX = new Map<string, number>();
const MARK = /\u0001(\d+)\u0002/g;
const LATTICE_ARN_TEXT = /arn:[^:]*:vpc-lattice:[^:]*:[^:]*:(?:service|servicenetwork)\/\u0001(\d+)\u0002/g;
const RIGID_TYPES = ['AWS::VpcLattice::Service', 'AWS::VpcLattice::ServiceNetwork'];

function atom(info: Atom): string {
  let index = ATOM_INDEX.get(info.key);
  if (index === undefined) {
    index = ATOMS.push(info) - 1;
    ATOM_INDEX.set(info.key, index);
  }
  return `\u0001${index}\u0002`;
}

const LATTICE_ARNS: Record<string, string> = { 'AWS::VpcLattice::Service.Arn': 'service', 'AWS::VpcLattice::ServiceNetwork.Arn': 'servicenetwork' };

// A VPC Lattice ARN in its documented shape, so that patterns over its parts (a network grant's `service/*`) match it.
function latticeArn(target: CfnResource, kind: string): string {
  const stack = Stack.of(target);
  const part = (value: string, name: string) => Token.isUnresolved(value) ? atom({ key: `AWS::${name}@${stack.node.path}` }) : value;
  const id = atom({ key: `${target.node.path}.Id`, type: `${target.cfnResourceType}.Id`, rigid: true });
  return `arn:${part(stack.partition, 'Partition')}:vpc-lattice:${part(stack.region, 'Region')}:${part(stack.account, 'AccountId')}:${kind}/${id}`;
}

class MarkingResolver extends DefaultTokenResolver {
  /** False once a token was resolved whose value may change later (a `Lazy`): references and intrinsics never do. */
  public stable = true;

  constructor(private readonly stackPath: string) { super(new StringConcat()); }

  public resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (!(token instanceof Intrinsic)) { this.stable = false; }
    if (token instanceof Reference) {
      const target = token.target;
      const type = CfnResource.isCfnResource(target) ? `${target.cfnResourceType}.${token.displayName}` : undefined;
      const arnKind = type && LATTICE_ARNS[type];
      if (arnKind) { return latticeArn(target as CfnResource, arnKind); }
      const distinct = type && /\.(Arn|Ref|Id)$/.test(type);
      return atom({
        key: `${target.node.path}.${token.displayName}`,
        type: distinct ? type : undefined,
        rigid: !!distinct && RIGID_TYPES.some(kind => type.startsWith(`${kind}.`)),
      });
    }
    const value = token.resolve(context);
    const ref = typeof value === 'object' && value !== null ? (value as { Ref?: unknown }).Ref : undefined;
    if (typeof ref === 'string' && ref.startsWith('AWS::')) {
      return atom({ key: `${ref}@${this.stackPath}` });
    }
    return super.resolveToken(token, context, postProcessor);
  }
}

/**
 * A value of a policy or a request, tokens as atoms; an object left by an intrinsic that is no text (`Fn::Select`, an
 * import) becomes an atom of its own. Each value is resolved once per stack: the answers read the same policies many
 * times (every grant on every service reads its networks' policies), and resolving is most of their cost. A value is
 * kept only when all its tokens are references or intrinsics, whose resolved form never changes.
 */
export function toText(value: unknown, scope: IConstruct): unknown {
  const stack = Stack.of(scope);
  if (!(Tokenization.isResolvable(value) || typeof value === 'string' || typeof value === 'object')) { return opaqueIntrinsics(value); }
  const key = plainKey(value);
  const texts = key === undefined ? undefined : TEXTS.get(stack) ?? new Map<string, unknown>();
  const known = key === undefined ? undefined : texts!.get(key);
  if (known !== undefined) { return known; }
  const resolver = new MarkingResolver(stack.node.path);
  const text = opaqueIntrinsics(Tokenization.resolve(value, { scope: stack, resolver, preparing: false }));
  if (key !== undefined && resolver.stable && text !== undefined) {
    texts!.set(key, text);
    TEXTS.set(stack, texts!);
  }
  return text;
}

/** The texts of values resolved in each stack, by the value's key (plainKey). */
const TEXTS = new WeakMap<Stack, Map<string, unknown>>();

/**
 * A key that names a value of strings, numbers, arrays and plain objects (tokens in it are written as their
 * placeholders, which name one token each); undefined for a value with any other object in it, such as a token object.
 */
function plainKey(value: unknown): string | undefined {
  const plain = (item: unknown): boolean => item === null || typeof item !== 'object'
    ? typeof item !== 'function' && (typeof item !== 'number' || Number.isFinite(item))
    : Array.isArray(item) ? item.every(plain)
      : Object.getPrototypeOf(item) === Object.prototype && Object.values(item as object).every(plain);
  return plain(value) ? JSON.stringify(value) : undefined;
}

function opaqueIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(opaqueIntrinsics); }
  if (typeof value !== 'object' || value === null) { return value; }
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return atom({ key: JSON.stringify(value) });
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, opaqueIntrinsics(item)]));
}

/** A value the app does not know, as an atom of its own (an unknown request path). */
export function unknownText(key: string): string {
  return atom({ key });
}

/** Whether a text holds atoms. */
export function hasAtoms(text: string): boolean {
  return text.includes('\u0001');
}

/** A text for people: each atom as the value it stands for (`<Stack/Service.Arn>`). */
export function describe(text: string): string {
  return text.replace(LATTICE_ARN_TEXT, (_whole, index) => `<${ATOMS[Number(index)].key.replace(/Id$/, 'Arn')}>`)
    .replace(MARK, (_whole, index) => `<${ATOMS[Number(index)].key}>`);
}

/** A three-valued truth: true, false, or undefined when the values known at synth do not decide it. */
export type Truth = boolean | undefined;

type Element = string | Atom | { glob: '*' | '?' };

function elements(text: string, glob: boolean): Element[] {
  const result: Element[] = [];
  let last = 0;
  for (const mark of text.matchAll(MARK)) {
    pushChars(result, text.slice(last, mark.index), glob);
    result.push(ATOMS[Number(mark[1])]);
    last = mark.index! + mark[0].length;
  }
  pushChars(result, text.slice(last), glob);
  return result;
}

function pushChars(result: Element[], chars: string, glob: boolean) {
  for (const char of chars) { result.push(glob && (char === '*' || char === '?') ? { glob: char } : char); }
}

const CACHE = new Map<string, Truth>();

/**
 * Whether `value` matches `pattern`: an IAM pattern (`*` any characters, `?` one) when `glob`, else the same text.
 * True when it matches whatever the atoms turn out to be, false when it cannot match, undefined otherwise.
 */
export function matchText(pattern: string, value: string, options: { glob: boolean; ignoreCase?: boolean }): Truth {
  if (options.ignoreCase) { [pattern, value] = [pattern.toLowerCase(), value.toLowerCase()]; }
  if (!hasAtoms(pattern) && !hasAtoms(value)) {
    if (!options.glob) { return pattern === value; }
    let regex = REGEXES.get(pattern);
    if (!regex) {
      regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      REGEXES.set(pattern, regex);
    }
    return regex.test(value);
  }
  [pattern, value] = stripCommon(pattern, value, options.glob);
  // Two rigid atoms (IDs of VPC Lattice resources) side by side: never the same, nor one part of the other.
  const [a, b] = [LEADING.exec(pattern)?.[1], LEADING.exec(value)?.[1]];
  if (a !== undefined && b !== undefined && a !== b && ATOMS[Number(a)].rigid && ATOMS[Number(b)].rigid) { return false; }
  const cacheKey = `${options.glob}\u0000${pattern}\u0000${value}`;
  if (CACHE.has(cacheKey)) { return CACHE.get(cacheKey); }
  const [p, v] = [elements(pattern, options.glob), elements(value, false)];
  const result = match(p, v, true) ? true : match(p, v, false) ? undefined : false;
  CACHE.set(cacheKey, result);
  return result;
}

const REGEXES = new Map<string, RegExp>();
const LEADING = /^\u0001(\d+)\u0002/;

// The same text before the pattern's first wildcard (after its last), cut at atoms' edges, is the same whatever the atoms are.
function stripCommon(p: string, v: string, glob: boolean): [string, string] {
  const plain = (char: string) => !glob || (char !== '*' && char !== '?');
  let start = 0;
  while (start < p.length && start < v.length && p[start] === v[start] && plain(p[start])) { start++; }
  if (p.lastIndexOf('\u0001', start - 1) > p.lastIndexOf('\u0002', start - 1)) { start = p.lastIndexOf('\u0001', start - 1); }
  let end = 0;
  const at = (text: string) => text[text.length - 1 - end];
  while (end < p.length - start && end < v.length - start && at(p) === at(v) && plain(at(p))) { end++; }
  const suffix = p.slice(p.length - end);
  const close = suffix.indexOf('\u0002');
  if (close >= 0 && (suffix.indexOf('\u0001') < 0 || close < suffix.indexOf('\u0001'))) { end -= close + 1; }
  return [p.slice(start, p.length - end), v.slice(start, v.length - end)];
}

/**
 * `surely`: the pattern matches for every value of the atoms (an atom only matches itself or a `*`). Otherwise: some
 * value of the atoms lets it match (an atom may stand for any elements on the other side; a rigid atom for at least
 * one, and never for a rigid atom, which it is either the same as, aligned, or is not part of).
 */
function match(p: Element[], v: Element[], surely: boolean): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const memoKey = i * 10007 + j;
    const known = memo.get(memoKey);
    if (known !== undefined) { return known; }
    memo.set(memoKey, false);
    let result = false;
    const pe = p[i];
    const ve = v[j];
    if (i === p.length && j === v.length) {
      result = true;
    } else if (isGlob(pe, '*')) {
      result = go(i + 1, j) || (j < v.length && go(i, j + 1));
    } else if (i < p.length && j < v.length && pe === ve) {
      result = go(i + 1, j + 1);
    } else if (i < p.length && j < v.length && typeof ve === 'string' && (isGlob(pe, '?') || pe === ve)) {
      result = go(i + 1, j + 1);
    }
    if (!result && !surely) {
      result = absorb(i, j, 'value') || absorb(i, j, 'pattern');
    }
    memo.set(memoKey, result);
    return result;
  };
  // An atom on one side standing for elements of the other side.
  const absorb = (i: number, j: number, side: 'value' | 'pattern'): boolean => {
    const holder = side === 'value' ? v[j] : p[i];
    if (!isAtom(holder)) { return false; }
    const other = side === 'value' ? p : v;
    let k = side === 'value' ? i : j;
    const next = (at: number) => side === 'value' ? go(at, j + 1) : go(i + 1, at);
    if (!holder.rigid && next(k)) { return true; }
    for (; k < other.length; k++) {
      const element = other[k];
      if (holder.rigid && isAtom(element) && element.rigid) { return false; }
      if (next(k + 1)) { return true; }
    }
    return false;
  };
  return go(0, 0);
}

function isGlob(element: Element | undefined, kind: '*' | '?'): boolean {
  return typeof element === 'object' && 'glob' in element && element.glob === kind;
}

function isAtom(element: Element | undefined): element is Atom {
  return typeof element === 'object' && 'key' in element;
}

/** Whether a text is the account ID of a stack (`AWS::AccountId`) and nothing else. */
export function isAccountAtom(text: string): boolean {
  const whole = /^\u0001(\d+)\u0002$/.exec(text);
  return !!whole && ATOMS[Number(whole[1])].key.startsWith('AWS::AccountId@');
}

/** Whether two values are the same: also false for the same attribute of two resources of one type. */
export function sameText(a: string, b: string, ignoreCase = false): Truth {
  const result = matchText(a, b, { glob: false, ignoreCase });
  if (result !== undefined) { return result; }
  const whole = (text: string) => /^\u0001(\d+)\u0002$/.exec(text);
  const [x, y] = [whole(a), whole(b)];
  if (x && y) {
    const [ax, ay] = [ATOMS[Number(x[1])], ATOMS[Number(y[1])]];
    if (ax.type && ax.type === ay.type) { return false; }
  }
  return undefined;
}
