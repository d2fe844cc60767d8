import { CfnRule } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import { checkCount, checkGiven, checkHasMember, checkOneOf, checkString, checkStruct, invalidValueError } from './private/validation';

/**
 * The HTTP methods a rule can match, as CloudFormation accepts them. CloudFormation rejects PATCH and custom methods.
 */
export enum HttpMethod {
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** DELETE */
  DELETE = 'DELETE',
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** TRACE */
  TRACE = 'TRACE',
}

/**
 * Options of a path or header match.
 */
export interface MatchOptions {
  /**
   * Whether the match is case sensitive.
   *
   * @default false
   */
  readonly caseSensitive?: boolean;
}

/** Rule paths: a `/` first, then letters, digits and `@:%_+.~#?&/=-`, as CloudFormation accepts them. */
const PATH = { min: 1, max: 128, pattern: /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/, what: "must start with '/' and contain only letters, digits and @:%_+.~#?&/=- (no wildcards), 128 characters at most" };

/**
 * Matches the request path.
 */
export class PathMatch {
  /**
   * Matches the path exactly.
   *
   * @param path for example `/orders`
   */
  public static exact(path: string, options: MatchOptions = {}): PathMatch {
    return new PathMatch('exact', path, options);
  }

  /**
   * Matches paths that start with the given prefix. `PathMatch.prefix('/')` matches every request.
   *
   * @param path for example `/api`
   */
  public static prefix(path: string, options: MatchOptions = {}): PathMatch {
    return new PathMatch('prefix', path, options);
  }

  private constructor(
    /** `exact` or `prefix`. */
    public readonly kind: string,
    /** The path or path prefix. */
    public readonly path: string,
    private readonly options: MatchOptions,
  ) {}

  /** @internal */
  public _render(scope: IConstruct): CfnRule.PathMatchProperty {
    checkGiven(scope, 'match.path', this.path, "the path, like PathMatch.prefix('/api')");
    checkString(scope, 'match.path', this.path, PATH);
    checkOptions(scope, 'match.path', this.options);
    return { match: { [this.kind]: this.path }, caseSensitive: this.options.caseSensitive };
  }
}

/** Header names and values, with CloudFormation's lengths (stricter than the API's). */
const HEADER_NAME = { min: 1, max: 40 };
const HEADER_VALUE = { min: 1, max: 128 };

/**
 * Matches a request header.
 */
export class HeaderMatch {
  /** The header's value equals `value`. */
  public static exact(name: string, value: string, options: MatchOptions = {}): HeaderMatch {
    return new HeaderMatch('exact', name, value, options);
  }

  /** The header's value starts with `value`. */
  public static prefix(name: string, value: string, options: MatchOptions = {}): HeaderMatch {
    return new HeaderMatch('prefix', name, value, options);
  }

  /** The header's value contains `value`. */
  public static contains(name: string, value: string, options: MatchOptions = {}): HeaderMatch {
    return new HeaderMatch('contains', name, value, options);
  }

  private constructor(
    /** `exact`, `prefix` or `contains`. */
    public readonly kind: string,
    /** The header name. */
    public readonly name: string,
    /** The value to compare with. */
    public readonly value: string,
    private readonly options: MatchOptions,
  ) {}

  /** @internal */
  public _render(scope: IConstruct): CfnRule.HeaderMatchProperty {
    checkGiven(scope, 'match.headers name', this.name, "the header name, like HeaderMatch.exact('x-canary', 'true')");
    checkString(scope, 'match.headers name', this.name, HEADER_NAME);
    const valueProperty = `match.headers '${this.name}' value`;
    checkGiven(scope, valueProperty, this.value, "the value to compare with, like HeaderMatch.exact('x-canary', 'true')");
    checkString(scope, valueProperty, this.value, HEADER_VALUE);
    checkOptions(scope, 'match.headers', this.options);
    return { name: this.name, match: { [this.kind]: this.value }, caseSensitive: this.options.caseSensitive };
  }
}

/**
 * What a rule matches: every condition given must hold. Give at least one.
 */
export interface RuleMatch {
  /**
   * The request path. To match every request, use `PathMatch.prefix('/')`.
   *
   * @default - any path
   */
  readonly path?: PathMatch;

  /**
   * The request method.
   *
   * @default - any method
   */
  readonly method?: HttpMethod;

  /**
   * Request headers, at most 5.
   *
   * @default - no header conditions
   */
  readonly headers?: HeaderMatch[];
}

/** @internal */
export function renderRuleMatch(scope: IConstruct, match: RuleMatch): CfnRule.MatchProperty {
  checkStruct(scope, 'match', match, { like: "{ path: PathMatch.prefix('/api') }", required: true });
  checkHasMember(scope, 'match.path', match.path, '_render', { like: "a PathMatch, like PathMatch.prefix('/api')" });
  checkCount(scope, 'match.headers', match.headers, 0, 5);
  match.headers?.forEach(header => checkHasMember(scope, 'match.headers', header, '_render', {
    like: "a list of HeaderMatch, like [HeaderMatch.exact('x-canary', 'true')]",
    required: true,
  }));
  if (match.path === undefined && match.method === undefined && !(match.headers && match.headers.length > 0)) {
    throw invalidValueError(scope, 'match', match, "a rule must match something: give a path, a method or headers (PathMatch.prefix('/') matches every request)");
  }
  checkOneOf(scope, 'match.method', match.method, Object.values(HttpMethod), 'CloudFormation rejects PATCH and custom methods');
  return {
    httpMatch: {
      method: match.method,
      pathMatch: match.path?._render(scope),
      headerMatches: match.headers?.map(header => header._render(scope)),
    },
  };
}

function checkOptions(scope: IConstruct, property: string, options: MatchOptions) {
  checkStruct(scope, `${property} options`, options, { like: '{ caseSensitive: true }' });
  checkOneOf(scope, `${property} caseSensitive`, options?.caseSensitive, [true, false]);
}
