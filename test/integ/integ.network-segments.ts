import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { clientFunction, echoServerScript, expectAnswer, integApp, integTest, integVpc, serverInstance } from './common';
import { ECHO_PORT } from './resource-fixture';
import { ResourceConfigDnsResolution, ResourceConfiguration, ResourceDefinition, ResourceGateway } from '../../src';

/*
 * A network segment (a resource configuration of type CIDR) reached through a tunnel VPC endpoint, as far as an integ
 * test can drive one. The provider VPC (the segment) holds the TCP echo server and a resource gateway that resolves
 * names in the VPC (IN_VPC); the segment is the provider VPC's CIDR on the DNS and echo ports. In the consumer VPC,
 * `segment.addTunnelEndpoint(vpc)` with the library's default security group, and a "GENEVE appliance": an instance
 * whose probe (below) encapsulates the packets routed to the segment and to 169.254.168.253 in GENEVE (VNI 0, inner
 * IPv4), sends them to the endpoint on UDP 6081 and writes what comes back to a TUN device, so the kernel's own TCP and
 * the probe's DNS query go through the tunnel. A function in the consumer VPC asks the probe over plain HTTP.
 *
 * Asserted: DescribeVpcEndpoints reads the endpoint as VpcEndpointType Tunnel, available, IpAddressType ipv4 (none
 * written); GetResourceConfiguration reads type CIDR with the written range; a line sent to the echo server's private
 * address through the tunnel comes back ('ping from lattice'); a DNS query for the echo server's private name sent to
 * 169.254.168.253 through the tunnel answers its private address.
 * Settles (docs/lattice-facts.md, Verified on AWS): the default tunnel endpoint security group (the VPC's CIDR on UDP
 * 6081) is enough for GENEVE both ways; the gateway's egress to the range on the configuration's ports is enough; the
 * protocol the library writes (TCP) still carries the inner DNS queries over UDP; the endpoint address defaults.
 */

/** The provider VPC's CIDR: the whole segment. */
const SEGMENT = '10.70.0.0/16';
/** The consumer VPC's CIDR. */
const CONSUMER = '10.71.0.0/16';
/** Where the tunnel answers DNS queries as the segment's VPC would. */
const TUNNEL_DNS = '169.254.168.253';
/** The port of the probe's HTTP server on the appliance. */
const PROBE_PORT = 8080;
/** GENEVE's port, on the endpoint and on the appliance. */
const GENEVE_PORT = 6081;

/**
 * The appliance's probe, in Python (in the image; no internet needed), run as root at boot: a TUN device with routes
 * to the segment and to the tunnel's DNS address, a UDP socket on 6081, and an HTTP server on PROBE_PORT:
 * `GET /echo?endpoint=<endpoint DNS name>&host=<ip>&port=<port>` answers the echoed line, `GET /dns?endpoint=...&name=<name>`
 * the first A record the tunnel's DNS gives; 503 with the error until they work.
 */
function tunnelProbeScript(): string {
  return [
    "cat > /srv/probe.py <<'EOF'",
    'import fcntl, http.server, os, socket, struct, subprocess, threading, urllib.parse',
    `SEGMENT, DNS, GENEVE, PROBE = "${SEGMENT}", "${TUNNEL_DNS}", ${GENEVE_PORT}, ${PROBE_PORT}`,
    'state = {}',
    'udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
    'udp.bind(("", GENEVE))',
    'tun = os.open("/dev/net/tun", os.O_RDWR)',
    'fcntl.ioctl(tun, 0x400454ca, struct.pack("16sH", b"tun0", 0x1001))  # TUNSETIFF: IFF_TUN | IFF_NO_PI',
    'local = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
    'local.connect(("169.254.169.253", 53))',
    'address = local.getsockname()[0]',
    'for command in (["ip", "link", "set", "tun0", "mtu", "1400", "up"], ["ip", "route", "add", SEGMENT, "dev", "tun0", "src", address],',
    '                ["ip", "route", "add", DNS + "/32", "dev", "tun0", "src", address]):',
    '    subprocess.run(command, check=True)',
    'HEADER = struct.pack("!BBHI", 0, 0, 0x0800, 0)  # version 0, no options, inner IPv4, VNI 0',
    'def out():',
    '    while True:',
    '        packet = os.read(tun, 65535)',
    '        if packet[0] >> 4 == 4 and "remote" in state:',
    '            udp.sendto(HEADER + packet, (state["remote"], GENEVE))',
    'def back():',
    '    while True:',
    '        data, _ = udp.recvfrom(65535)',
    '        os.write(tun, data[8 + (data[0] & 0x3f) * 4:])',
    'for loop in (out, back):',
    '    threading.Thread(target=loop, daemon=True).start()',
    'def echo(host, port):',
    '    with socket.create_connection((host, int(port)), timeout=5) as connection:',
    '        connection.sendall(b"ping from lattice\\n")',
    '        return connection.makefile().readline().strip()',
    'def resolve(name):',
    '    query = struct.pack("!HHHHHH", 0x1a7e, 0x0100, 1, 0, 0, 0) + b"".join(bytes([len(p)]) + p.encode() for p in name.rstrip(".").split(".")) + b"\\0" + struct.pack("!HH", 1, 1)',
    '    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:',
    '        client.settimeout(3)',
    '        client.sendto(query, (DNS, 53))',
    '        data = client.recv(4096)',
    '    at = len(query)',
    '    for _ in range(struct.unpack("!H", data[6:8])[0]):',
    '        if data[at] & 0xc0 == 0xc0:',
    '            at += 2',
    '        else:',
    '            while data[at]:',
    '                at += data[at] + 1',
    '            at += 1',
    '        kind, _, _, length = struct.unpack("!HHIH", data[at:at + 10])',
    '        at += 10',
    '        if kind == 1:',
    '            return socket.inet_ntoa(data[at:at + 4])',
    '        at += length',
    '    raise Exception("no A record for " + name)',
    'class Probe(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        url = urllib.parse.urlparse(self.path)',
    '        query = dict(urllib.parse.parse_qsl(url.query))',
    '        try:',
    '            state["remote"] = socket.gethostbyname(query["endpoint"])',
    '            status, body = 200, echo(query["host"], query["port"]) if url.path == "/echo" else resolve(query["name"])',
    '        except Exception as error:',
    '            status, body = 503, type(error).__name__ + ": " + str(error)',
    '        self.send_response(status)',
    '        self.send_header("content-type", "text/plain")',
    '        self.send_header("content-length", str(len(body.encode())))',
    '        self.end_headers()',
    '        self.wfile.write(body.encode())',
    'http.server.ThreadingHTTPServer(("", PROBE), Probe).serve_forever()',
    'EOF',
    'nohup python3 /srv/probe.py > /srv/probe.log 2>&1 &',
  ].join('\n');
}

export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegNetworkSegments');

  // The provider: the segment's VPC, its echo server, and a gateway resolving names in the VPC.
  const providerVpc = integVpc(stack, 'ProviderVpc', SEGMENT);
  const server = serverInstance(stack, 'EchoServer', providerVpc, echoServerScript(ECHO_PORT));
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: providerVpc, dnsResolution: ResourceConfigDnsResolution.IN_VPC });
  server.connections.allowFrom(gateway, ec2.Port.tcp(ECHO_PORT), 'The resource gateway to the echo server');
  const segment = new ResourceConfiguration(stack, 'Segment', {
    gateway, definition: ResourceDefinition.cidr([SEGMENT]), portRanges: ['53', String(ECHO_PORT)],
  });

  // The consumer: a tunnel endpoint with the library's default security group, the appliance, and the asking function.
  const consumerVpc = integVpc(stack, 'ConsumerVpc', CONSUMER);
  const tunnel = segment.addTunnelEndpoint(consumerVpc);
  const appliance = serverInstance(stack, 'GeneveAppliance', consumerVpc, tunnelProbeScript());
  // Only the appliance's own group is opened here, to and from the VPC's CIDR on UDP 6081: the endpoint's group is the
  // library's, so that the test shows it admits the appliance.
  const applianceGroup = appliance.connections.securityGroups[0];
  applianceGroup.addEgressRule(ec2.Peer.ipv4(CONSUMER), ec2.Port.udp(GENEVE_PORT), 'GENEVE to the tunnel endpoint');
  applianceGroup.addIngressRule(ec2.Peer.ipv4(CONSUMER), ec2.Port.udp(GENEVE_PORT), 'GENEVE from the tunnel endpoint');
  const asker = clientFunction(stack, 'Asker', consumerVpc, 'http-caller');
  appliance.connections.allowFrom(asker, ec2.Port.tcp(PROBE_PORT), 'The integ test asks the probe');

  const test = integTest(app, 'NetworkSegments', [stack]);
  const { assertions } = test.integ;
  assertions.awsApiCall('EC2', 'describeVpcEndpoints', { VpcEndpointIds: [tunnel.vpcEndpointId] })
    .expect(ExpectedResult.objectLike({
      VpcEndpoints: [Match.objectLike({ VpcEndpointType: 'Tunnel', State: 'available', IpAddressType: 'ipv4' })],
    }));
  assertions.awsApiCall('VPCLattice', 'getResourceConfiguration', { resourceConfigurationIdentifier: segment.resourceConfigurationId })
    .expect(ExpectedResult.objectLike({ type: 'CIDR', status: 'ACTIVE' }));
  const endpointName = assertions.awsApiCall('EC2', 'describeVpcEndpoints', { VpcEndpointIds: [tunnel.vpcEndpointId] })
    .getAttString('VpcEndpoints.0.DnsEntries.0.DnsName');
  const probe = `http://${appliance.instancePrivateIp}:${PROBE_PORT}`;
  expectAnswer(test, asker, {
    url: `${probe}/echo?endpoint=${endpointName}&host=${server.instancePrivateIp}&port=${ECHO_PORT}`, signed: false,
  }, 'body', 'ping from lattice');
  expectAnswer(test, asker, {
    url: `${probe}/dns?endpoint=${endpointName}&name=${server.instancePrivateDnsName}`, signed: false,
  }, 'body', server.instancePrivateIp);
  return { stack, test, segment, tunnel };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
