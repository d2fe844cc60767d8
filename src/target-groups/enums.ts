/**
 * The protocol VPC Lattice uses to reach the targets of a target group.
 */
export enum TargetProtocol {
  /** HTTP. Default port 80. */
  HTTP = 'HTTP',
  /**
   * HTTPS. Default port 443. VPC Lattice does not validate the targets' certificates.
   */
  HTTPS = 'HTTPS',
  /**
   * TCP, behind TLS passthrough listeners. Not supported by this version of the library: it comes with TCP support.
   */
  TCP = 'TCP',
}

/**
 * The HTTP version VPC Lattice uses to send requests to the targets of a target group.
 */
export enum ProtocolVersion {
  /** HTTP/1.1. Requests made with HTTP/2 are downgraded. */
  HTTP1 = 'HTTP1',
  /**
   * HTTP/2. Only behind HTTPS listeners; HTTP/1.1 requests are rejected, and only forward and fixed-response rules apply.
   */
  HTTP2 = 'HTTP2',
  /** gRPC. Only behind HTTPS listeners, for clients that call with gRPC. */
  GRPC = 'GRPC',
}

/**
 * The address family of the targets of an IP target group.
 */
export enum IpAddressType {
  /** IPv4 addresses. */
  IPV4 = 'IPV4',
  /** IPv6 addresses. */
  IPV6 = 'IPV6',
}

/**
 * The shape of the event a Lambda target receives.
 */
export enum LambdaEventStructureVersion {
  /** The first event structure (`raw_path`, `query_string_parameters`, `is_base64_encoded`). */
  V1 = 'V1',
  /**
   * The second event structure: camel-case fields, multi-value headers, and a `requestContext` with the caller's
   * identity, the service and the target group.
   */
  V2 = 'V2',
}
