import * as net from 'net';
import * as tls from 'tls';

/*
 * The integ tests' TCP and TLS clients: a Lambda function in a consumer VPC that opens a connection through VPC
 * Lattice (a resource configuration's DNS name, or a TLS passthrough service's custom domain), and answers with what
 * happened. TCP: a line is sent and its echo read. TLS: the handshake is made with the service's domain as SNI and
 * the target's certificate subject is returned (the targets hold self-signed certificates, which are not verified).
 * Failed connections are tried again, a few times, with a timeout each.
 */

export interface ConnectEvent {
  readonly host: string;
  readonly port: number;
  /** `tls`: a TLS handshake with `host` as SNI; `tcp`: a line echoed. @default 'tcp' */
  readonly mode?: 'tcp' | 'tls';
  /** @default 3 */
  readonly attempts?: number;
  /** Per try, in milliseconds. @default 5000 */
  readonly timeoutMs?: number;
  /** @default 1000 */
  readonly backoffMs?: number;
}

export interface ConnectResult {
  /** Whether a try connected (TCP: the line came back; TLS: the handshake completed). */
  readonly connected: boolean;
  /** TCP: the echoed line; TLS: the common name of the target's certificate; else the last error. */
  readonly detail: string;
  readonly attempts: number;
}

/** One try. */
export function connectOnce(event: ConnectEvent): Promise<string> {
  const timeoutMs = event.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, value?: string) => {
      socket.destroy();
      return error ? reject(error) : resolve(value!);
    };
    const socket: net.Socket = event.mode === 'tls'
      ? tls.connect({ host: event.host, port: event.port, servername: event.host, rejectUnauthorized: false }, () => {
        const subject = (socket as tls.TLSSocket).getPeerCertificate().subject;
        done(undefined, String(subject?.CN ?? ''));
      })
      : net.connect({ host: event.host, port: event.port }, () => socket.write('ping from lattice\n'));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', chunk => {
      received += chunk;
      if (event.mode !== 'tls' && received.includes('\n')) {
        done(undefined, received.trim());
      }
    });
    socket.setTimeout(timeoutMs, () => done(new Error(`timeout after ${timeoutMs} ms`)));
    socket.on('error', error => done(error));
    socket.on('end', () => done(new Error(`closed by the peer${received ? ` after '${received.trim()}'` : ''}`)));
  });
}

export async function handler(event: ConnectEvent, sleep = (ms: number) => new Promise(r => setTimeout(r, ms))): Promise<ConnectResult> {
  const attempts = event.attempts ?? 3;
  let detail = 'not tried';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return { connected: true, detail: await connectOnce(event), attempts: attempt };
    } catch (error) {
      detail = String((error as Error).message ?? error);
    }
    if (attempt < attempts) {
      await sleep((event.backoffMs ?? 1000) * 2 ** (attempt - 1));
    }
  }
  return { connected: false, detail, attempts };
}
