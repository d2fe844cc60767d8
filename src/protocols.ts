/**
 * The protocol clients use to reach a listener.
 */
export enum ListenerProtocol {
  /** HTTP. Default port 80. */
  HTTP = 'HTTP',
  /** HTTPS, with a certificate VPC Lattice manages for the service's generated name. Default port 443. */
  HTTPS = 'HTTPS',
  /**
   * TLS passthrough to TCP target groups. Not supported by this version of the library: it comes with TCP support.
   */
  TLS_PASSTHROUGH = 'TLS_PASSTHROUGH',
}

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
   * HTTP/2. Clients reach it over HTTP/2, which HTTPS listeners negotiate; behind an HTTP listener requests are
   * HTTP/1.1 and fail. Only forward and fixed-response rules apply.
   */
  HTTP2 = 'HTTP2',
  /** gRPC, for clients that call with gRPC over HTTP/2 (HTTPS listeners). */
  GRPC = 'GRPC',
}
