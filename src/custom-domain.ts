import { Duration } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IConstruct } from 'constructs';
import { ILatticeService } from './interfaces';
import { PARTITION_PATTERN, PARTITIONS } from './private/arns';
import { awsCertificateManager, awsRoute53 } from './private/lazy';
import { listenerProtocolRules } from './private/protocol-table';
import { checkHostedZone, checkService } from './private/references';
import { characters, checkDomainName, checkGiven, checkHasMember, checkStruct, invalidValueError, isToken, isWithinDomain } from './private/validation';
import { CustomDomain } from './structs';

/**
 * The `CustomDomainName` and `CertificateArn` of a service, after checking the literal domain name.
 *
 * @internal
 */
export function customDomainProperties(service: IConstruct, domain?: CustomDomain): { customDomainName?: string; certificateArn?: string } {
  checkStruct(service, 'customDomain', domain, { like: "{ domainName: 'orders.internal.example.com', certificate, hostedZone }" });
  if (!domain) { return {}; }
  checkGiven(service, 'customDomain.domainName', domain.domainName, "the name clients call, like 'orders.internal.example.com'");
  checkDomainName(service, 'customDomain.domainName', domain.domainName);
  checkHasMember(service, 'customDomain.certificate', domain.certificate, 'certificateArn', { like: 'an acm.ICertificate, like acm.Certificate.fromCertificateArn(...)' });
  checkHostedZone(service, 'customDomain.hostedZone', domain.hostedZone);
  const certificateArn = domain.certificate?.certificateArn;
  if (certificateArn !== undefined && !isToken(certificateArn) && !(typeof certificateArn === 'string' && CERTIFICATE_ARN.test(certificateArn))) {
    throw invalidValueError(service, 'customDomain.certificate certificateArn', certificateArn,
      "must be the ARN of an ACM certificate, like 'arn:aws:acm:us-east-1:111122223333:certificate/<certificate ID>': " +
      `at most 2048 characters, the partition one of ${PARTITIONS.join(', ')}, a region like us-east-1, a 12-digit account, and an ID of ` +
      "0-9, a-z and '-' (CloudFormation takes no uppercase letters there)");
  }
  return { customDomainName: domain.domainName, certificateArn };
}

/**
 * ACM certificate ARNs as `AWS::VpcLattice::Service.CertificateArn` takes them (up to 2048 characters, lowercase):
 * `arn:<partition>:acm:<region>:<account>:certificate/<id>`.
 */
const CERTIFICATE_ARN = new RegExp(`^(?=.{1,2048}$)arn:${PARTITION_PATTERN}:acm:[a-z0-9]+(?:-[a-z0-9]+)*:\\d{12}:certificate/[0-9a-z-]+$`);

/**
 * The Route 53 record of a custom domain and the check that HTTPS listeners have a certificate covering it.
 *
 * @internal
 */
export function wireCustomDomain(service: ILatticeService, domain: CustomDomain, generatedDomainName: string) {
  service.node.addValidation({ validate: () => validateCertificate(service, domain) });
  if (!domain.hostedZone) { return; }
  cnameToService(service, 'CustomDomainRecord', {
    property: 'customDomain.domainName', domainName: domain.domainName, zone: domain.hostedZone, generatedDomainName, service,
  });
}

function validateCertificate(service: ILatticeService, domain: CustomDomain): string[] {
  const tls = service.listeners.filter(listener => listenerProtocolRules(listener.protocol)?.terminatesTls);
  if (tls.length === 0) { return []; }
  if (!domain.certificate) {
    return [`invalid customDomain '${domain.domainName}': it has no certificate, but the ${tls[0].protocol} listener ${tls[0].node.path} serves it, ` +
      'and VPC Lattice has no certificate of its own for custom names (HTTPS requests to it would fail); give customDomain.certificate, ' +
      'an ACM certificate whose names cover the domain'];
  }
  const names = literalCertificateNames(domain.certificate);
  if (!names || isToken(domain.domainName) || names.some(name => coversDomain(name, domain.domainName))) { return []; }
  return [`invalid customDomain.certificate ${domain.certificate.node.path}: its names (${names.join(', ')}) do not cover the custom domain ` +
    `'${domain.domainName}'; VPC Lattice needs the domain itself or a wildcard one level above it (e.g. '*.${parentDomain(domain.domainName)}')`];
}

/**
 * The names of a certificate defined in this app (`acm.Certificate`, `acm.PrivateCertificate`), read from its
 * `AWS::CertificateManager::Certificate`. Unknown (not checked) for imported certificates and when any name is a token.
 */
function literalCertificateNames(certificate: acm.ICertificate): string[] | undefined {
  const resource = certificate.node.defaultChild;
  if (!(resource instanceof awsCertificateManager().CfnCertificate)) { return undefined; }
  const sans = resource.subjectAlternativeNames ?? [];
  if (isToken(sans)) { return undefined; }
  const names = [resource.domainName, ...sans];
  return names.some(name => isToken(name)) ? undefined : names;
}

/** Whether a certificate name covers a domain, as VPC Lattice matches: exactly, or through a one-level wildcard. */
function coversDomain(certificateName: string, domainName: string): boolean {
  const name = certificateName.toLowerCase();
  const domain = domainName.toLowerCase();
  if (name === domain) { return true; }
  return name.startsWith('*.') && name.slice(2) === parentDomain(domain);
}

function parentDomain(domainName: string): string {
  return domainName.slice(domainName.indexOf('.') + 1);
}

/**
 * A CNAME record in `zone` that points `domainName` at a service's generated DNS name, after checking that the name
 * falls inside the zone, below its apex.
 *
 * A CNAME rather than alias A/AAAA records: the generated name is VPC Lattice's own, with both IPv4 (169.254.171.0/24)
 * and IPv6 addresses that VPC Lattice may change, and a CNAME follows whatever it answers without this library naming
 * record types or the generated name's hosted zone. A CNAME cannot sit at a zone apex, which is rejected.
 */
function cnameToService(scope: Construct, id: string, record: {
  property: string; domainName: string; zone: route53.IHostedZone; generatedDomainName: string; service: IConstruct;
}) {
  checkZone(scope, record.property, record.domainName, record.zone);
  new (awsRoute53()).CnameRecord(scope, id, {
    zone: record.zone,
    // The trailing dot makes the name absolute, so zones imported by ID alone (without a zone name) work too.
    recordName: `${record.domainName}.`,
    domainName: record.generatedDomainName,
    ttl: Duration.minutes(5),
    comment: recordComment('service', record.service.node.path),
  });
}

/** Route 53 takes comments of at most 256 characters (CloudFormation counts characters). */
const MAX_COMMENT = 256;

/**
 * The comment of a Route 53 record made for a construct: `VPC Lattice <what> <path>`; a path too long for Route 53
 * keeps its end (the construct's own name is last), after '…/'.
 *
 * @internal
 */
export function recordComment(what: string, path: string): string {
  const prefix = `VPC Lattice ${what} `;
  const full = `${prefix}${path}`;
  if (characters(full) <= MAX_COMMENT) { return full; }
  const tail = [...path].slice(-(MAX_COMMENT - characters(prefix) - 2)).join('');
  return `${prefix}…/${tail.slice(tail.indexOf('/') + 1)}`;
}

/** The record must fall inside the zone, below its apex (where a CNAME is not allowed); checked when both are literal. */
function checkZone(scope: IConstruct, property: string, domainName: string, zone: route53.IHostedZone) {
  const zoneName = literalZoneName(zone);
  if (zoneName === undefined || isToken(domainName)) { return; }
  const zoneLower = zoneName.toLowerCase().replace(/\.$/, '');
  if (domainName.toLowerCase() === zoneLower) {
    throw invalidValueError(scope, property, domainName,
      `is the apex of the hosted zone '${zoneName}', where a CNAME record is not allowed; use a name below it (e.g. 'orders.${zoneLower}') or create the record yourself`);
  }
  if (!isWithinDomain(domainName, zoneLower)) {
    throw invalidValueError(scope, property, domainName,
      `must be inside the hosted zone '${zoneName}' given as ${property.replace(/domainName$/, 'hostedZone')}, i.e. end with '.${zoneLower}'`);
  }
}

/**
 * The name of a hosted zone when it is known at synth: undefined for a zone imported by ID alone, or whose name is a token.
 *
 * @internal
 */
export function literalZoneName(zone: route53.IHostedZone): string | undefined {
  let zoneName: string;
  try {
    zoneName = zone.zoneName;
  } catch {
    return undefined; // imported by ID alone: the name is not known here
  }
  return isToken(zoneName) ? undefined : zoneName;
}

/**
 * Properties of a `ServiceDnsRecord`.
 */
export interface ServiceDnsRecordProps {
  /**
   * The service the name leads to: one defined in this app, or one imported with its generated DNS name
   * (`LatticeService.fromServiceAttributes(this, id, { serviceArn, dnsName })`).
   */
  readonly service: ILatticeService;

  /** The name clients call, like `billing.internal.example.com`: usually the service's custom domain name. */
  readonly domainName: string;

  /** The Route 53 hosted zone (usually private, associated with the client VPCs) that holds the record. */
  readonly hostedZone: route53.IHostedZone;
}

/**
 * A Route 53 CNAME record that points a name, usually a service's custom domain name, at the DNS name VPC Lattice
 * generated for the service. For a service defined in this app, `customDomain.hostedZone` does the same; this is for
 * services made elsewhere (another stack, account or tool), imported with their generated DNS name.
 */
export class ServiceDnsRecord extends Construct {
  /** The name clients call. */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: ServiceDnsRecordProps) {
    super(scope, id);
    checkStruct(this, 'props', props, { like: "{ service, domainName: 'billing.internal.example.com', hostedZone }", required: true });
    checkService(this, props.service);
    checkGiven(this, 'domainName', props.domainName, "the name clients call, like 'billing.internal.example.com'");
    checkDomainName(this, 'domainName', props.domainName);
    checkHostedZone(this, 'hostedZone', props.hostedZone, { required: true });
    const generatedDomainName = props.service.dnsName;
    if (generatedDomainName === undefined) {
      throw invalidValueError(this, 'service', props.service.node.path,
        "its generated DNS name is not known: import it with LatticeService.fromServiceAttributes(this, id, { serviceArn, dnsName: '<name>-<id>.<id>.vpc-lattice-svcs.<region>.on.aws' })");
    }
    this.domainName = props.domainName;
    cnameToService(this, 'Resource', {
      property: 'domainName', domainName: props.domainName, zone: props.hostedZone, generatedDomainName, service: props.service,
    });
  }
}
