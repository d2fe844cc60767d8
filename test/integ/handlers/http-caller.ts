import { createHash, createHmac } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import { SignatureV4 } from '@smithy/signature-v4';

/*
 * The caller of the integ tests' HTTP services: a Lambda function in a client VPC that sends requests to a VPC Lattice
 * service, signed with SigV4 as the function's own role (signing name `vpc-lattice-svcs`, payload not signed) or
 * unsigned, and answers with what came back. Network errors, timeouts and VPC Lattice's 502/503/504 (targets still
 * registering) are retried; any other status is an answer.
 * @see https://docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html
 */

/** What the integ test asks for. */
export interface CallerEvent {
  /** `https://<service DNS name>/<path>` (or `http://`). */
  readonly url: string;
  /** @default 'GET' */
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Sign the request as the function's role. @default true */
  readonly signed?: boolean;
  /** How many requests to send (their answers are counted by body). @default 1 */
  readonly count?: number;
  /** Tries per request. @default 4 */
  readonly attempts?: number;
  /** Per try, in milliseconds. @default 5000 */
  readonly timeoutMs?: number;
  /** Pause between tries, in milliseconds (doubled each time). @default 500 */
  readonly backoffMs?: number;
  /** Expected share of each body among the answers (bodies are the targets' names), e.g. { blue: 0.8, green: 0.2 }. */
  readonly expectShares?: Record<string, number>;
  /** How far a share may be from the expected one. @default 0.1 */
  readonly tolerance?: number;
}

/** What the function answers: the integ test asserts on its fields. */
export interface CallerResult {
  /** The status of the last answer; 0 when every try failed without one. */
  readonly status: number;
  /** The body of the last answer (at most 200 characters), or the last error. */
  readonly body: string;
  /** The number of tries the last request took. */
  readonly attempts: number;
  /** Answers by body. */
  readonly counts: Record<string, number>;
  /** With expectShares: whether every share is within the tolerance. */
  readonly withinTolerance?: boolean;
}

/** A raw answer. */
export interface Answer { readonly status: number; readonly body: string }

/** The credentials of the function's role, as Lambda sets them in its environment. */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('no credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  }
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') {
    return data;
  }
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** SHA-256 (and its HMAC) for the signer, from Node's crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** The headers of a request to `url`, signed with SigV4 for VPC Lattice when `signed`. */
export async function requestHeaders(url: URL, method: string, headers: Record<string, string>, signed: boolean,
  region = process.env.AWS_REGION ?? 'us-east-1', env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  const base: Record<string, string> = { ...headers, host: url.host };
  if (!signed) {
    return base;
  }
  const signer = new SignatureV4({ service: 'vpc-lattice-svcs', region, credentials: environmentCredentials(env), sha256: Sha256 });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => { query[key] = value; });
  const request = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { ...base, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  return request.headers;
}

/** One try: the answer, or an error (network, timeout). */
export function send(url: URL, method: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const client = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method, headers, timeout: timeoutMs }, response => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', chunk => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.trim().slice(0, 200) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

const RETRIED = new Set([502, 503, 504]);

/** A request with its tries: signed afresh each time (a signature is valid for minutes only). */
export async function call(event: CallerEvent, sleep = (ms: number) => new Promise(r => setTimeout(r, ms))): Promise<Answer & { attempts: number }> {
  const url = new URL(event.url);
  const method = event.method ?? 'GET';
  const attempts = event.attempts ?? 4;
  let last: Answer = { status: 0, body: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const headers = await requestHeaders(url, method, event.headers ?? {}, event.signed ?? true);
      last = await send(url, method, headers, event.timeoutMs ?? 5000);
      if (!RETRIED.has(last.status)) {
        return { ...last, attempts: attempt };
      }
    } catch (error) {
      last = { status: 0, body: String((error as Error).message ?? error) };
    }
    if (attempt < attempts) {
      await sleep((event.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }
  return { ...last, attempts };
}

/** Whether each body's share of `counts` is within `tolerance` of the expected share. */
export function withinTolerance(counts: Record<string, number>, expected: Record<string, number>, tolerance: number): boolean {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const names = new Set([...Object.keys(counts), ...Object.keys(expected)]);
  return total > 0 && [...names].every(name => Math.abs((counts[name] ?? 0) / total - (expected[name] ?? 0)) <= tolerance);
}

export async function handler(event: CallerEvent): Promise<CallerResult> {
  const counts: Record<string, number> = {};
  let last: Answer & { attempts: number } = { status: 0, body: 'not sent', attempts: 0 };
  for (let i = 0; i < (event.count ?? 1); i++) {
    last = await call(event);
    const key = last.status === 200 ? last.body : `status ${last.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const result: CallerResult = { status: last.status, body: last.body, attempts: last.attempts, counts };
  return event.expectShares ? { ...result, withinTolerance: withinTolerance(counts, event.expectShares, event.tolerance ?? 0.1) } : result;
}
