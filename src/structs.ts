import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type { HttpMethod } from './matches';
import type { PrivateDns } from './resources/private-dns';

/*
 * The attributes and options of service networks and services: plain data that refers to none of the constructs, so
 * the interfaces (interfaces.ts) and the classes can both import it.
 */

/**
 * Attributes to import a service network defined elsewhere. Give at least one of them.
 */
export interface ServiceNetworkAttributes {
  /**
   * The ARN of the service network. Required when the network is in another account.
   *
   * @default - derived from `serviceNetworkId`, in this stack's account and region
   */
  readonly serviceNetworkArn?: string;

  /**
   * The ID of the service network (`sn-…`).
   *
   * @default - taken from `serviceNetworkArn`
   */
  readonly serviceNetworkId?: string;
}

/**
 * Options for associating a VPC with a service network.
 */
export interface VpcAssociationOptions {
  /**
   * Security groups that decide which clients in the VPC may send traffic to the service network: 1 to 5, used as
   * given.
   *
   * @default - a new security group that admits the VPC's own IPv4 CIDR on the listener ports of the services and the
   * ports of the resource configurations associated with the network in this app (80 and 443 when none is known)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Which private domain names (custom domain names of the network's resource configurations) the VPC resolves through
   * the association. Changing it replaces the association (CloudFormation marks it create-only).
   *
   * @default - not set: VPC Lattice's default applies
   */
  readonly privateDns?: PrivateDns;
}

/**
 * Attributes to import a service defined elsewhere. Give at least one of them.
 */
export interface LatticeServiceAttributes {
  /**
   * The ARN of the service. Required when the service is in another account.
   *
   * @default - derived from `serviceId`, in this stack's account and region
   */
  readonly serviceArn?: string;

  /**
   * The ID of the service (`svc-…`).
   *
   * @default - taken from `serviceArn`
   */
  readonly serviceId?: string;

  /**
   * The DNS name VPC Lattice generated for the service (`<name>-<id>.<id>.vpc-lattice-svcs.<region>.on.aws`), which a
   * `ServiceDnsRecord` points a custom domain name at.
   *
   * @default - not known: a `ServiceDnsRecord` cannot be made for the service
   */
  readonly dnsName?: string;
}

/**
 * What `grantInvoke` allows.
 */
export interface GrantInvokeOptions {
  /**
   * The HTTP methods the principal may use. They become an auth-policy condition, which takes any method name: in
   * TypeScript and JavaScript, methods rules cannot match (PATCH, custom methods) can be given as strings
   * (`'PATCH' as HttpMethod`).
   *
   * @default - every method
   */
  readonly methods?: HttpMethod[];

  /**
   * The request paths the principal may call, each starting with `/`; `*` matches any characters, e.g. `/api/*`.
   *
   * @default ['/*'] - every path
   */
  readonly paths?: string[];
}

/**
 * A name of your own for a service, instead of the one VPC Lattice generates. TLS_PASSTHROUGH listeners need one:
 * VPC Lattice routes their connections to the service by it (the server name of the TLS client hello).
 */
export interface CustomDomain {
  /**
   * The fully qualified name clients call, like `orders.internal.example.com`: 3 to 255 characters. Unique within a
   * service network; changing it replaces the service.
   */
  readonly domainName: string;

  /**
   * The ACM certificate VPC Lattice serves for `domainName` on HTTPS listeners. Its names must cover `domainName`,
   * exactly or through a wildcard one level deep (`*.internal.example.com`); this is checked when the certificate is
   * defined in this app with literal names. VPC Lattice has no fallback: without a certificate, HTTPS requests to the
   * custom name fail, so a service with an HTTPS listener needs one.
   *
   * @default - no certificate: only HTTP and TLS_PASSTHROUGH listeners can serve the custom name (TLS passthrough
   * never uses it: the targets hold their own)
   */
  readonly certificate?: acm.ICertificate;

  /**
   * A Route 53 hosted zone (usually private, associated with the client VPCs) in which to create a CNAME record that
   * points `domainName` at the service's generated DNS name.
   *
   * @default - no record: make `domainName` resolve to `service.dnsName` yourself
   */
  readonly hostedZone?: route53.IHostedZone;
}
