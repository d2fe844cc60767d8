"""The GENEVE appliance of integ.network-segments.ts, run as root at an instance's boot (Python 3 standard library only).

A TUN device takes the packets the kernel routes to the segment and to the tunnel's DNS address; each is sent in GENEVE
(version 0, no options, inner IPv4, VNI 0) to the tunnel endpoint on UDP 6081, and what the endpoint sends back is
written to the device without its GENEVE header, so the kernel's own TCP and the probe's DNS queries go through the
tunnel. An HTTP server answers the integ test:
  GET /echo?endpoint=<endpoint DNS name>&host=<ip>&port=<port>  the line the echo server sends back;
  GET /dns?endpoint=<endpoint DNS name>&name=<name>             the first A record the tunnel's DNS answers;
503 with the error until they work.
@see https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-cidr-ranges.html

Usage: python3 geneve-probe.py <segment CIDR> <probe port>
"""
import fcntl
import http.server
import os
import socket
import struct
import subprocess
import sys
import threading
import urllib.parse

TUNNEL_DNS = "169.254.168.253"
GENEVE_PORT = 6081
HEADER = struct.pack("!BBHI", 0, 0, 0x0800, 0)
TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000


def encapsulate(packet):
    """The GENEVE datagram for an inner IPv4 packet."""
    return HEADER + packet


def decapsulate(datagram):
    """The inner packet of a GENEVE datagram: after the 8-byte header and its options (length in 4-byte words)."""
    return datagram[8 + (datagram[0] & 0x3F) * 4:]


def dns_query(name, query_id=0x1A7E):
    """A recursive DNS query for the A record of `name`."""
    labels = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split("."))
    return struct.pack("!HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + labels + b"\0" + struct.pack("!HH", 1, 1)


def first_a_record(query, answer):
    """The first A record of `answer` to `query` (which it repeats as its question section)."""
    if answer[:2] != query[:2]:
        raise ValueError("the answer is for another query")
    rcode = answer[3] & 0x0F
    if rcode:
        raise ValueError("DNS error code %d" % rcode)
    at = len(query)
    for _ in range(struct.unpack("!H", answer[6:8])[0]):
        if answer[at] & 0xC0 == 0xC0:
            at += 2
        else:
            while answer[at]:
                at += answer[at] + 1
            at += 1
        kind, _, _, length = struct.unpack("!HHIH", answer[at:at + 10])
        at += 10
        if kind == 1:
            return socket.inet_ntoa(answer[at:at + 4])
        at += length
    raise ValueError("no A record")


def resolve(name, server=(TUNNEL_DNS, 53), timeout=3):
    query = dns_query(name)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        client.settimeout(timeout)
        client.sendto(query, server)
        return first_a_record(query, client.recv(4096))


def echo(host, port, timeout=5):
    with socket.create_connection((host, int(port)), timeout=timeout) as connection:
        connection.sendall(b"ping from lattice\n")
        return connection.makefile().readline().strip()


class Tunnel:
    """The TUN device, its routes and the GENEVE socket; packets go out once the endpoint's address is known."""

    def __init__(self, segment):
        self.remote = None
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("", GENEVE_PORT))
        self.tun = os.open("/dev/net/tun", os.O_RDWR)
        fcntl.ioctl(self.tun, TUNSETIFF, struct.pack("16sH", b"tun0", IFF_TUN | IFF_NO_PI))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as local:
            local.connect(("169.254.169.253", 53))
            address = local.getsockname()[0]
        for command in (["ip", "link", "set", "tun0", "mtu", "1400", "up"],
                        ["ip", "route", "add", segment, "dev", "tun0", "src", address],
                        ["ip", "route", "add", TUNNEL_DNS + "/32", "dev", "tun0", "src", address]):
            subprocess.run(command, check=True)
        for loop in (self.out, self.back):
            threading.Thread(target=loop, daemon=True).start()

    def out(self):
        while True:
            packet = os.read(self.tun, 65535)
            if packet[0] >> 4 == 4 and self.remote:
                self.udp.sendto(encapsulate(packet), (self.remote, GENEVE_PORT))

    def back(self):
        while True:
            datagram, _ = self.udp.recvfrom(65535)
            os.write(self.tun, decapsulate(datagram))


def answer(tunnel, path):
    """The status and body for a request of the integ test."""
    url = urllib.parse.urlparse(path)
    query = dict(urllib.parse.parse_qsl(url.query))
    try:
        tunnel.remote = socket.gethostbyname(query["endpoint"])
        if url.path == "/echo":
            return 200, echo(query["host"], query["port"])
        if url.path == "/dns":
            return 200, resolve(query["name"])
        return 404, "no such probe: " + url.path
    except Exception as error:  # every failure is an answer: the integ test tries again
        return 503, type(error).__name__ + ": " + str(error)


def main(segment, probe_port):
    tunnel = Tunnel(segment)

    class Probe(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, body = answer(tunnel, self.path)
            data = body.encode()
            self.send_response(status)
            self.send_header("content-type", "text/plain")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    http.server.ThreadingHTTPServer(("", probe_port), Probe).serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
