import { spawnSync } from 'child_process';
import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { createOnlyPattern } from './integ/common';
import { call, handler as httpCaller, requestHeaders, withinTolerance } from './integ/handlers/http-caller';
import { handler as connect } from './integ/handlers/tcp-client';

/*
 * The integ tests' caller and client functions (test/integ/handlers), run here against servers on 127.0.0.1: SigV4
 * signing for VPC Lattice (checked against a signature computed independently here), tries and timeouts, counting
 * answers, and the TCP and TLS clients.
 */

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', AWS_SESSION_TOKEN: 'session-token' };
const noSleep = async () => undefined;

/** A server on 127.0.0.1 whose answers `answer` chooses; it records what each request carried. */
async function server(answer: (request: http.IncomingMessage, n: number) => { status: number; body: string } | undefined) {
  const received: http.IncomingMessage[] = [];
  const s = http.createServer((request, response) => {
    received.push(request);
    const a = answer(request, received.length);
    if (a) {
      response.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body);
    }
  });
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(s.address() as net.AddressInfo).port}`;
  return { url, received, close: () => { s.closeAllConnections(); s.close(); } };
}

describe('SigV4 signing for VPC Lattice', () => {
  test('a signed request carries a VPC Lattice signature over an unsigned payload, with the session token', async () => {
    const url = new URL('https://orders-0123456789abcdef0.7d67968.vpc-lattice-svcs.eu-west-1.on.aws/api/x?b=2&a=1');
    const headers = await requestHeaders(url, 'POST', { 'x-canary': 'true' }, true, 'eu-west-1', CREDENTIALS);
    expect(headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(headers['x-amz-security-token']).toBe('session-token');
    expect(headers.host).toBe(url.host);
    const date = headers['x-amz-date'];
    expect(date).toMatch(/^\d{8}T\d{6}Z$/);
    const match = /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/(\d{8})\/eu-west-1\/vpc-lattice-svcs\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/
      .exec(headers.authorization);
    expect(match).not.toBeNull();
    const [, day, signedHeaders, signature] = match!;
    expect(day).toBe(date.slice(0, 8));
    expect(signedHeaders.split(';')).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token', 'x-canary']));

    // The signature, computed here from the SigV4 specification.
    const canonicalHeaders = signedHeaders.split(';').map(name => `${name}:${headers[name].trim()}\n`).join('');
    const canonicalRequest = ['POST', '/api/x', 'a=1&b=2', canonicalHeaders, signedHeaders, 'UNSIGNED-PAYLOAD'].join('\n');
    const scope = `${day}/eu-west-1/vpc-lattice-svcs/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    const key = ['eu-west-1', 'vpc-lattice-svcs', 'aws4_request'].reduce(
      (k, part) => createHmac('sha256', k).update(part).digest(), createHmac('sha256', `AWS4${CREDENTIALS.AWS_SECRET_ACCESS_KEY}`).update(day).digest());
    expect(signature).toBe(createHmac('sha256', key).update(toSign).digest('hex'));
  });

  test('an unsigned request has no signature headers', async () => {
    const headers = await requestHeaders(new URL('https://svc.example/api/x'), 'GET', {}, false, 'eu-west-1', CREDENTIALS);
    expect(headers).toEqual({ host: 'svc.example' });
  });

  test('signing without credentials in the environment is an error that says so', async () => {
    await expect(requestHeaders(new URL('https://svc.example/'), 'GET', {}, true, 'eu-west-1', {})).rejects.toThrow(/no credentials in the environment/);
  });
});

describe('the HTTP caller', () => {
  const saved = { ...process.env };
  beforeAll(() => Object.assign(process.env, CREDENTIALS, { AWS_REGION: 'eu-west-1' }));
  afterAll(() => { process.env = saved; });

  test('the request reaches the server signed (or not), with its method, path and headers', async () => {
    const s = await server(() => ({ status: 200, body: 'blue' }));
    try {
      await expect(httpCaller({ url: `${s.url}/api/x`, method: 'POST', headers: { 'x-canary': 'true' } }))
        .resolves.toEqual({ status: 200, body: 'blue', attempts: 1, counts: { blue: 1 } });
      await httpCaller({ url: `${s.url}/api/x`, signed: false });
      const [signed, unsigned] = s.received;
      expect([signed.method, signed.url, signed.headers['x-canary'], signed.headers['x-amz-content-sha256']]).toEqual(['POST', '/api/x', 'true', 'UNSIGNED-PAYLOAD']);
      expect(signed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/vpc-lattice-svcs\/aws4_request, /);
      expect(unsigned.headers.authorization).toBeUndefined();
      expect(unsigned.headers['x-amz-content-sha256']).toBeUndefined();
    } finally {
      s.close();
    }
  });

  test('502, 503 and 504 are tried again, each try signed; 403 is an answer', async () => {
    const s = await server((request, n) => request.url === '/denied' ? { status: 403, body: 'AccessDeniedException' } : n <= 3 ? { status: [502, 503, 504][n - 1], body: 'not yet' } : { status: 200, body: 'green' });
    try {
      await expect(call({ url: `${s.url}/` }, noSleep)).resolves.toEqual({ status: 200, body: 'green', attempts: 4 });
      expect(s.received).toHaveLength(4);
      expect(s.received.map(r => r.headers.authorization)).toEqual(Array(4).fill(expect.stringMatching(/^AWS4-HMAC-SHA256 /)));
      await expect(call({ url: `${s.url}/denied` }, noSleep)).resolves.toEqual({ status: 403, body: 'AccessDeniedException', attempts: 1 });
    } finally {
      s.close();
    }
  });

  test('a try that gets no answer times out, and the last error is the answer when every try fails', async () => {
    const s = await server(() => undefined);
    try {
      await expect(call({ url: `${s.url}/`, attempts: 2, timeoutMs: 100 }, noSleep)).resolves.toEqual({ status: 0, body: 'timeout after 100 ms', attempts: 2 });
      expect(s.received).toHaveLength(2);
    } finally {
      s.close();
    }
  });

  test('answers are counted by body, and a split is judged against the expected shares', async () => {
    const s = await server((_request, n) => ({ status: 200, body: n % 5 === 0 ? 'green' : 'blue' }));
    try {
      await expect(httpCaller({ url: `${s.url}/`, count: 10, expectShares: { blue: 0.8, green: 0.2 }, tolerance: 0.1 }))
        .resolves.toEqual({ status: 200, body: 'green', attempts: 1, counts: { blue: 8, green: 2 }, withinTolerance: true });
    } finally {
      s.close();
    }
    expect(withinTolerance({ blue: 50, green: 50 }, { blue: 0.8, green: 0.2 }, 0.1)).toBe(false);
    expect(withinTolerance({ 'blue': 75, 'green': 20, 'status 500': 5 }, { blue: 0.8, green: 0.2 }, 0.1)).toBe(true);
    expect(withinTolerance({ blue: 70, legacy: 30 }, { blue: 0.7, green: 0.3 }, 0.1)).toBe(false);
    expect(withinTolerance({}, { blue: 1 }, 0.1)).toBe(false);
  });
});

describe('the TCP and TLS client', () => {
  test('TCP: a line sent to an echo server comes back', async () => {
    const echo = net.createServer(socket => socket.pipe(socket));
    await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
    try {
      await expect(connect({ host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port })).resolves
        .toEqual({ connected: true, detail: 'ping from lattice', attempts: 1 });
    } finally {
      echo.close();
    }
  });

  test('TCP: a refused or closed connection is tried again and reported as not connected', async () => {
    const closing = net.createServer(socket => socket.end());
    await new Promise<void>(resolve => closing.listen(0, '127.0.0.1', resolve));
    const port = (closing.address() as net.AddressInfo).port;
    try {
      await expect(connect({ host: '127.0.0.1', port, attempts: 2 }, noSleep)).resolves.toEqual({ connected: false, detail: 'closed by the peer', attempts: 2 });
    } finally {
      closing.close();
    }
    const result = await connect({ host: '127.0.0.1', port, attempts: 2, timeoutMs: 500 }, noSleep);
    expect(result).toEqual({ connected: false, detail: expect.stringMatching(/ECONNREFUSED/), attempts: 2 });
  });

  test('TLS: the handshake completes with the host as SNI and reports the target certificate\'s common name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=tls-target',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const names: string[] = [];
    const context = tls.createSecureContext({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) });
    // The name the client asks for (SNI) is seen during the handshake, before the client has its answer.
    const target = tls.createServer({ SNICallback: (name, done) => { names.push(name); done(null, context); } }, socket => socket.end());
    await new Promise<void>(resolve => target.listen(0, '127.0.0.1', resolve));
    try {
      await expect(connect({ host: 'localhost', port: (target.address() as net.AddressInfo).port, mode: 'tls' })).resolves
        .toEqual({ connected: true, detail: 'tls-target', attempts: 1 });
      expect(names).toEqual(['localhost']);
      // A plain TCP server is no TLS target: the handshake fails.
      const plain = net.createServer(socket => socket.end('not tls\n'));
      await new Promise<void>(resolve => plain.listen(0, '127.0.0.1', resolve));
      const refused = await connect({ host: 'localhost', port: (plain.address() as net.AddressInfo).port, mode: 'tls', attempts: 1 });
      plain.close();
      expect(refused.connected).toBe(false);
    } finally {
      target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the GENEVE probe (handlers/geneve-probe.py)', () => {
  /**
   * Runs `body` in Python with the probe loaded as `probe` (its boot-time set-up, which needs root and a TUN device,
   * runs only as a script) and returns what `body` leaves in `result`, as JSON.
   */
  function python(body: string): Record<string, unknown> {
    const harness = [
      'import importlib.util, json, socket, socketserver, struct, threading',
      `spec = importlib.util.spec_from_file_location("probe", ${JSON.stringify(path.join(__dirname, 'integ', 'handlers', 'geneve-probe.py'))})`,
      'probe = importlib.util.module_from_spec(spec)',
      'spec.loader.exec_module(probe)',
      'result = {}',
      body,
      'print(json.dumps(result))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', harness], { encoding: 'utf8', timeout: 20_000 });
    if (run.status !== 0) {
      throw new Error(`python3 failed (${run.status}): ${run.stderr}`);
    }
    return JSON.parse(run.stdout);
  }

  test('GENEVE: version 0, no options, inner IPv4, VNI 0; what comes back loses its header and options', () => {
    expect(python([
      'result["header"] = probe.encapsulate(b"\\x45inner").hex()',
      // A datagram with two 4-byte words of options.
      'result["inner"] = probe.decapsulate(bytes([2, 0, 8, 0, 0, 0, 0, 0]) + b"o" * 8 + b"\\x45inner").hex()',
      'result["plain"] = probe.decapsulate(bytes(8) + b"\\x45inner").hex()',
    ].join('\n'))).toEqual({ header: '0000080000000000' + Buffer.from('\x45inner').toString('hex'), inner: Buffer.from('\x45inner').toString('hex'), plain: Buffer.from('\x45inner').toString('hex') });
  });

  test('DNS: the query asks recursively for an A record; the answer\'s first A record is read past a CNAME', () => {
    const result = python([
      'query = probe.dns_query("echo.ec2.internal.")',
      'result["query"] = query.hex()',
      // An answer: the question repeated, a CNAME (compressed name) and an A record (name in full).
      'cname = b"\\xc0\\x0c" + struct.pack("!HHIH", 5, 1, 60, 5) + b"\\x03abc\\x00"',
      'a = b"\\x03abc\\x00" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton("10.70.1.9")',
      'answer = query[:2] + b"\\x81\\x80" + struct.pack("!HHHH", 1, 2, 0, 0) + query[12:] + cname + a',
      'result["address"] = probe.first_a_record(query, answer)',
      'errors = []',
      'for bad in (b"\\x00\\x00" + answer[2:], answer[:3] + b"\\x83" + answer[4:], answer[:6] + b"\\x00\\x01" + answer[8:len(query)] + cname):',
      '    try:',
      '        probe.first_a_record(query, bad)',
      '    except ValueError as error:',
      '        errors.append(str(error))',
      'result["errors"] = errors',
    ].join('\n'));
    const name = '04' + Buffer.from('echo').toString('hex') + '03' + Buffer.from('ec2').toString('hex') + '08' + Buffer.from('internal').toString('hex') + '00';
    expect(result.query).toBe('1a7e' + '0100' + '0001' + '0000' + '0000' + '0000' + name + '0001' + '0001');
    expect(result.address).toBe('10.70.1.9');
    expect(result.errors).toEqual(['the answer is for another query', 'DNS error code 3', 'no A record']);
  });

  test('the probe answers the echo and DNS questions through local servers, and 503 or 404 with the error otherwise', () => {
    const result = python([
      'class Echo(socketserver.StreamRequestHandler):',
      '    def handle(self):',
      '        self.wfile.write(self.rfile.readline())',
      'echo = socketserver.TCPServer(("127.0.0.1", 0), Echo)',
      'class Dns(socketserver.BaseRequestHandler):',
      '    def handle(self):',
      '        query, sock = self.request',
      '        sock.sendto(query[:2] + b"\\x81\\x80" + struct.pack("!HHHH", 1, 1, 0, 0) + query[12:] + b"\\xc0\\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton("10.70.1.9"), self.client_address)',
      'dns = socketserver.UDPServer(("127.0.0.1", 0), Dns)',
      'for server in (echo, dns):',
      '    threading.Thread(target=server.serve_forever, daemon=True).start()',
      'class FakeTunnel:',
      '    remote = None',
      'tunnel = FakeTunnel()',
      'result["echo"] = probe.answer(tunnel, "/echo?endpoint=localhost&host=127.0.0.1&port=%d" % echo.server_address[1])',
      'result["remote"] = tunnel.remote',
      'result["dns"] = probe.resolve("echo.ec2.internal", server=dns.server_address)',
      'result["missing"] = probe.answer(tunnel, "/echo?host=127.0.0.1&port=1")',
      'result["refused"] = probe.answer(tunnel, "/echo?endpoint=localhost&host=127.0.0.1&port=1")',
      'result["unknown"] = probe.answer(tunnel, "/nothing?endpoint=localhost")',
    ].join('\n'));
    expect(result).toEqual({
      echo: [200, 'ping from lattice'],
      remote: '127.0.0.1',
      dns: '10.70.1.9',
      missing: [503, "KeyError: 'endpoint'"],
      refused: [503, expect.stringMatching(/^ConnectionRefusedError: /)],
      unknown: [404, 'no such probe: /nothing'],
    });
  });
});

describe('the create-only assertion (expectCreateOnly)', () => {
  // A resource schema as DescribeType gives it (JSON text), with a top-level and a nested create-only property.
  const schema = JSON.stringify({
    typeName: 'AWS::VpcLattice::Example',
    properties: { Name: {}, DnsOptions: {}, SharingConfig: {} },
    createOnlyProperties: ['/properties/Name', '/properties/DnsOptions/PrivateDnsPreference'],
    readOnlyProperties: ['/properties/SharingConfig'],
  }, undefined, 2);
  // The assertion provider tests the pattern with the flags 'gm'.
  const matches = (properties: Record<string, boolean>) => new RegExp(createOnlyPattern(properties), 'gm').test(schema);

  test.each([
    [{ Name: true }, true],
    [{ Name: false }, false],
    [{ SharingConfig: false }, true],
    [{ SharingConfig: true }, false],
    [{ 'DnsOptions/PrivateDnsPreference': true }, true],
    [{ DnsOptions: false }, false],
    [{ 'Name': true, 'SharingConfig': false, 'DnsOptions/PrivateDnsPreference': true }, true],
    [{ Name: true, SharingConfig: true }, false],
  ])('%j matches: %s', (properties, expected) => {
    expect(matches(properties)).toBe(expected);
  });

  test('a schema without createOnlyProperties matches nothing', () => {
    expect(new RegExp(createOnlyPattern({ Name: false }), 'gm').test('{"typeName": "x"}')).toBe(false);
  });
});
