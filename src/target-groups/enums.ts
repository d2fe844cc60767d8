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
