import { describe, isAccountAtom, matchText, sameText, Truth } from './values';

/*
 * IAM policy evaluation over statements whose values are texts with atoms (values.ts), with three outcomes: ALLOW,
 * DENY and UNKNOWN when values known only at deploy time, or facts the app cannot know, decide it. Each rule, with
 * its AWS documentation, is on docs/lattice-facts.md#access-evaluation. An unknown never turns into ALLOW or DENY:
 * every step is Kleene's three-valued logic (false AND unknown is false, true OR unknown is true).
 */

/** A request key's value: its values, or absent from the request, or unknown to the app. */
export type KeyValue = { readonly values: string[] } | 'absent' | 'unknown';

/** Who calls: anonymous, or signed with an ARN and account (texts; undefined when the app does not know them). */
export interface Caller {
  readonly anonymous: boolean;
  readonly arn?: string;
  readonly account?: string;
}

/** What one policy evaluation is asked. */
export interface PolicyRequest {
  readonly action: string;
  /** The resource (a text), or undefined when unknown. */
  readonly resource?: string;
  readonly caller: Caller;
  /** A condition key's value, by the key as the policy writes it. */
  key(name: string): KeyValue;
}

/** A statement (`toStatementJson()` through `toText`) and the name it is given in reasons. */
export interface Statement {
  readonly json: Record<string, any>;
  readonly label: string;
}

/** The outcome of one policy and why. */
export interface PolicyOutcome {
  readonly decision: 'ALLOW' | 'DENY' | 'UNKNOWN';
  readonly why: string;
}

export function and(...values: Truth[]): Truth {
  return values.includes(false) ? false : values.every(value => value === true) ? true : undefined;
}

export function or(...values: Truth[]): Truth {
  return values.includes(true) ? true : values.every(value => value === false) ? false : undefined;
}

function not(value: Truth): Truth {
  return value === undefined ? undefined : !value;
}

const list = (value: unknown): unknown[] => value === undefined ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string => typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Evaluates a policy: an explicit Deny that applies wins; else an Allow that applies allows; else the request is
 * implicitly denied. `resourcePolicy`: statements name principals (an auth policy), else they are the caller's own.
 */
export function evaluatePolicy(statements: Statement[], request: PolicyRequest, resourcePolicy: boolean): PolicyOutcome {
  const notes: string[] = [];
  const maybe: Statement[] = [];
  let allowed: Statement | undefined;
  let allows = 0;
  let mayAllow = false;
  for (const statement of statements) {
    const effect = statement.json.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') { continue; }
    const truth = statementApplies(statement, request, resourcePolicy, notes);
    if (effect === 'Deny' && truth === true) { return { decision: 'DENY', why: `denied by ${statement.label}` }; }
    if (truth === undefined) { maybe.push(statement); }
    if (effect === 'Allow') {
      allows++;
      mayAllow ||= truth !== false;
      if (truth === true) { allowed ??= statement; }
    }
  }
  if (!mayAllow) { return { decision: 'DENY', why: allows === 0 ? 'no statement allows anything' : 'no statement allows this request' }; }
  if (allowed && maybe.length === 0) { return { decision: 'ALLOW', why: `allowed by ${allowed.label}` }; }
  const unsure = `${maybe.map(statement => statement.label).join(', ')} may apply: ${[...new Set(notes)].join('; ') || 'a value is only known at deploy time'}`;
  return { decision: 'UNKNOWN', why: allowed ? `allowed by ${allowed.label}, but ${unsure}` : unsure };
}

/** Whether a statement applies to a request: its action, resource, principal and conditions all match. */
export function statementApplies(statement: Statement, request: PolicyRequest, resourcePolicy: boolean, notes: string[]): Truth {
  const json = statement.json;
  const action = matchesAny(json.Action, json.NotAction, pattern => matchText(pattern, request.action, { glob: true, ignoreCase: true }));
  if (action === false) { return false; }
  const resource = matchesAny(json.Resource, json.NotResource, pattern => {
    if (pattern === '*') { return true; }
    if (request.resource === undefined) { return note(notes, 'the resource is not known'); }
    if (pattern.includes('${')) { return note(notes, `policy variable in ${pattern}`); }
    // AWS documents service ARNs only as the resources of Invoke and Connect (docs/lattice-facts.md#auth-policies).
    if (pattern.includes(':servicenetwork/')) { return note(notes, `a service network's ARN as resource (${describe(pattern)}), which AWS does not document`); }
    return matchText(pattern, request.resource, { glob: true }) ?? note(notes, `resource ${describe(pattern)} against ${describe(request.resource)}`);
  });
  if (resource === false) { return false; }
  const principal = resourcePolicy ? principalMatches(json.Principal, json.NotPrincipal, request.caller, notes) : true;
  if (principal === false) { return false; }
  return and(action, resource, principal, conditionsHold(json.Condition, request, notes));
}

function note(notes: string[], message: string): undefined {
  notes.push(message);
  return undefined;
}

/** An `X` / `NotX` pair: some pattern of X matches, or no pattern of NotX does. Neither: the statement is malformed. */
function matchesAny(positive: unknown, negative: unknown, test: (pattern: string) => Truth): Truth {
  if (positive !== undefined) { return or(...list(positive).map(pattern => test(text(pattern)))); }
  if (negative !== undefined) { return not(or(...list(negative).map(pattern => test(text(pattern))))); }
  return undefined;
}

function principalMatches(principal: unknown, notPrincipal: unknown, caller: Caller, notes: string[]): Truth {
  const values = (element: unknown) => element === '*' ? ['*']
    : typeof element === 'object' && element !== null ? list((element as Record<string, unknown>).AWS).map(text) : [];
  const test = (value: string) => principalIs(value, caller, notes);
  if (principal !== undefined) { return or(...values(principal).map(test)); }
  if (notPrincipal !== undefined) { return not(or(...values(notPrincipal).map(test))); }
  return false;
}

/** An AWS principal: `*` is everyone, anonymous callers included; an account stands for every principal in it. */
function principalIs(value: string, caller: Caller, notes: string[]): Truth {
  if (value === '*') { return true; }
  if (caller.anonymous) { return false; }
  const account = /^arn:[^:]*:iam::([^:]+):root$/.exec(value)?.[1] ?? (/^\d{12}$/.test(value) || isAccountAtom(value) ? value : undefined);
  if (account !== undefined) {
    return caller.account === undefined ? note(notes, 'the caller\'s account is not known')
      : sameText(account, caller.account) ?? note(notes, `account ${describe(account)} against ${describe(caller.account)}`);
  }
  if (caller.arn === undefined) { return note(notes, `principal ${describe(value)}: the caller's ARN is not known`); }
  return sameText(value, caller.arn) ?? note(notes, `principal ${describe(value)} against ${describe(caller.arn)}`);
}

interface Operator {
  readonly test: (policyValue: string, requestValue: string) => Truth;
  readonly negated?: boolean;
}

const numeric = (compare: (a: number, b: number) => boolean) => (policyValue: string, requestValue: string): Truth => {
  const [a, b] = [Number(requestValue), Number(policyValue)];
  return Number.isFinite(a) && Number.isFinite(b) && requestValue.trim() !== '' && policyValue.trim() !== '' ? compare(a, b) : undefined;
};
const date = (compare: (a: number, b: number) => boolean) => (policyValue: string, requestValue: string): Truth => {
  const parse = (value: string) => /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  const [a, b] = [parse(requestValue), parse(policyValue)];
  return Number.isFinite(a) && Number.isFinite(b) ? compare(a, b) : undefined;
};
const like = (policyValue: string, requestValue: string) => policyValue.includes('${') ? undefined : matchText(policyValue, requestValue, { glob: true });
const equals = (policyValue: string, requestValue: string) => policyValue.includes('${') ? undefined : sameText(policyValue, requestValue);

/** ARNs are compared by their six colon-separated parts, each a pattern; an ARN written as one atom is compared whole. */
function arnLike(policyValue: string, requestValue: string): Truth {
  const [p, r] = [policyValue.split(':'), requestValue.split(':')];
  if (p.length >= 6 && r.length >= 6) {
    const parts = (items: string[]) => [...items.slice(0, 5), items.slice(5).join(':')];
    const [pp, rp] = [parts(p), parts(r)];
    return and(...pp.map((part, index) => like(part, rp[index])));
  }
  return sameText(policyValue, requestValue) === true ? true : (p.length < 6 && r.length < 6 && !/\u0001/.test(policyValue + requestValue) ? false : undefined);
}

const OPERATORS: Record<string, Operator> = {
  stringequals: { test: equals },
  stringnotequals: { test: equals, negated: true },
  stringequalsignorecase: { test: (p, r) => p.includes('${') ? undefined : sameText(p, r, true) },
  stringnotequalsignorecase: { test: (p, r) => p.includes('${') ? undefined : sameText(p, r, true), negated: true },
  stringlike: { test: like },
  stringnotlike: { test: like, negated: true },
  numericequals: { test: numeric((a, b) => a === b) },
  numericnotequals: { test: numeric((a, b) => a === b), negated: true },
  numericlessthan: { test: numeric((a, b) => a < b) },
  numericlessthanequals: { test: numeric((a, b) => a <= b) },
  numericgreaterthan: { test: numeric((a, b) => a > b) },
  numericgreaterthanequals: { test: numeric((a, b) => a >= b) },
  dateequals: { test: date((a, b) => a === b) },
  datenotequals: { test: date((a, b) => a === b), negated: true },
  datelessthan: { test: date((a, b) => a < b) },
  datelessthanequals: { test: date((a, b) => a <= b) },
  dategreaterthan: { test: date((a, b) => a > b) },
  dategreaterthanequals: { test: date((a, b) => a >= b) },
  bool: { test: (p, r) => /\u0001/.test(p + r) ? undefined : p.toLowerCase() === r.toLowerCase() },
  binaryequals: { test: equals },
  arnequals: { test: arnLike },
  arnlike: { test: arnLike },
  arnnotequals: { test: arnLike, negated: true },
  arnnotlike: { test: arnLike, negated: true },
  // Addresses are never known at synth (VPC Lattice requests carry no aws:SourceIp the app could know).
  ipaddress: { test: () => undefined },
  notipaddress: { test: () => undefined, negated: true },
};

/** Every operator of a Condition element holds, each for every key it names. */
function conditionsHold(condition: unknown, request: PolicyRequest, notes: string[]): Truth {
  if (condition === undefined) { return true; }
  if (typeof condition !== 'object' || condition === null) { return note(notes, 'a condition that is not an object'); }
  const results: Truth[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (typeof block !== 'object' || block === null) { results.push(note(notes, `operator ${operator} without keys`)); continue; }
    for (const [key, values] of Object.entries(block)) {
      const result = conditionHolds(operator, key, list(values).map(text), request.key(key), notes);
      if (result === undefined && notes.length === 0) { note(notes, `${operator} on ${key}`); }
      results.push(result);
      if (result === false) { return false; }
    }
  }
  return and(...results);
}

/**
 * One operator on one key: a request value matches when it matches one of the policy's values (negated operators:
 * none); `ForAnyValue:` needs one request value to match, `ForAllValues:` every one (an absent key: true); `IfExists`
 * holds when the key is absent; otherwise an absent key fails, except for negated operators.
 */
export function conditionHolds(operator: string, key: string, policyValues: string[], value: KeyValue, notes: string[]): Truth {
  const set = /^(ForAnyValue|ForAllValues):/i.exec(operator)?.[1].toLowerCase();
  let base = operator.replace(/^(ForAnyValue|ForAllValues):/i, '').toLowerCase();
  const ifExists = base.endsWith('ifexists') && base !== 'ifexists';
  if (ifExists) { base = base.slice(0, -'ifexists'.length); }
  if (base === 'null') {
    if (value === 'unknown') { return note(notes, `whether ${key} is set is not known`); }
    const wanted = policyValues.map(item => item.toLowerCase());
    const absent = value === 'absent' || value.values.length === 0;
    return or(...wanted.map(item => item === 'true' ? absent : item === 'false' ? !absent : undefined));
  }
  const rule = OPERATORS[base];
  if (!rule) { return note(notes, `operator ${operator} is not one IAM documents`); }
  if (value === 'unknown') { return note(notes, `${key} is not known at synth`); }
  const absent = value === 'absent' || value.values.length === 0;
  if (absent) {
    if (set === 'forallvalues') { return true; }
    if (set === 'foranyvalue') { return false; }
    return ifExists || !!rule.negated;
  }
  const one = (requestValue: string): Truth => {
    const matched = or(...policyValues.map(policyValue => rule.test(policyValue, requestValue)));
    if (matched === undefined) { note(notes, `${key} ${describe(requestValue)} against ${policyValues.map(describe).join(', ')}`); }
    return rule.negated ? not(matched) : matched;
  };
  const values = (value as { values: string[] }).values;
  if (set === 'foranyvalue') { return or(...values.map(one)); }
  if (set === 'forallvalues') { return and(...values.map(one)); }
  if (values.length > 1) { return note(notes, `${key} has several values and ${operator} has no ForAnyValue/ForAllValues`); }
  return one(values[0]);
}
