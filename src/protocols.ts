/**
 * The protocol clients use to reach a listener.
 */
export enum ListenerProtocol {
  /** HTTP. Default port 80. */
  HTTP = 'HTTP',
  /** HTTPS, with a certificate VPC Lattice manages for the service's generated name. Default port 443. */
  HTTPS = 'HTTPS',
  /**
   * TLS passed through to TCP target groups undecrypted: the targets hold the certificate. No default port; the
   * service needs a custom domain name (VPC Lattice routes by the TLS server name); the default action forwards and
   * there are no rules; VPC Lattice cannot authenticate the callers, who are all anonymous.
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
   * TCP, only behind TLS_PASSTHROUGH listeners: the targets receive the callers' TLS connections and decrypt them. No
   * default port and no protocol version; health checks are off unless asked for, and then use HTTP or HTTPS. IP,
   * instance and ECS target groups take it; ALB target groups do not.
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
