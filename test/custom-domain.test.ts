import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { named, strictStack, wrong } from './util';
import { CustomDomain, LatticeService, ListenerProtocol, ServiceDnsRecord, ServiceNetwork } from 'cdk-vpc-lattice';

const DOMAIN = 'orders.internal.example.com';
const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666';

/** A service on a custom domain, associated and callable so that only the custom domain can make synth fail. */
function serviceOn(stack: Stack, customDomain: CustomDomain, protocol = ListenerProtocol.HTTPS): LatticeService {
  const service = new LatticeService(stack, 'Service', { customDomain, serviceNetwork: new ServiceNetwork(stack, 'Network') });
  service.addListener('Listener', { protocol });
  return service;
}

function certificate(stack: Stack, domainName: string, subjectAlternativeNames?: string[]): acm.ICertificate {
  return new acm.Certificate(stack, 'Certificate', { domainName, subjectAlternativeNames });
}

describe('custom domains', () => {
  test('the service gets the name and certificate, a CNAME to the generated name, and domainName is the custom name', () => {
    const stack = strictStack();
    const hostedZone = new route53.HostedZone(stack, 'Zone', { zoneName: 'internal.example.com' });
    const service = serviceOn(stack, { domainName: DOMAIN, certificate: certificate(stack, DOMAIN), hostedZone });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Service', {
      CustomDomainName: DOMAIN,
      CertificateArn: { Ref: Match.stringLikeRegexp('^Certificate') },
    });
    template.resourceCountIs('AWS::Route53::RecordSet', 1);
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') },
      Name: `${DOMAIN}.`,
      Type: 'CNAME',
      TTL: '300',
      ResourceRecords: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'DnsEntry.DomainName'] }],
    });
    expect(service.domainName).toBe(DOMAIN);
    expect(stack.resolve(service.generatedDomainName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Service/), 'DnsEntry.DomainName'] });
  });

  test('without a custom domain, domainName is the generated name and there is no record', () => {
    const stack = strictStack();
    const service = new LatticeService(stack, 'Service');

    expect(stack.resolve(service.domainName)).toEqual(stack.resolve(service.generatedDomainName));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Service', { CustomDomainName: Match.absent(), CertificateArn: Match.absent() });
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('a zone imported by ID alone gets the record under the absolute name', () => {
    const stack = strictStack();
    const hostedZone = route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z0123456789ABCDEFGHIJ');
    serviceOn(stack, { domainName: DOMAIN, hostedZone }, ListenerProtocol.HTTP);

    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', { HostedZoneId: 'Z0123456789ABCDEFGHIJ', Name: `${DOMAIN}.`, Type: 'CNAME' });
  });

  test('HTTP listeners need no certificate; without a zone no record is made', () => {
    const stack = strictStack();
    serviceOn(stack, { domainName: DOMAIN }, ListenerProtocol.HTTP);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::VpcLattice::Service', { CustomDomainName: DOMAIN, CertificateArn: Match.absent() });
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test.each([
    ['the exact name', DOMAIN, undefined],
    ['a wildcard one level up', '*.internal.example.com', undefined],
    ['a subject alternative name', 'www.example.com', ['*.internal.example.com']],
    ['a name in other letter case', 'ORDERS.Internal.Example.com', undefined],
  ])('a certificate of the app covering the domain with %s is accepted', (_what, domainName, subjectAlternativeNames) => {
    const stack = strictStack();
    serviceOn(stack, { domainName: DOMAIN, certificate: certificate(stack, domainName, subjectAlternativeNames) });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a private certificate of the app is checked too', () => {
    const stack = strictStack();
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
      'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-1111-2222-3333-444455556666');
    serviceOn(stack, { domainName: DOMAIN, certificate: new acm.PrivateCertificate(stack, 'Certificate', { domainName: 'billing.internal.example.com', certificateAuthority }) });
    expect(() => Template.fromStack(stack)).toThrow(/invalid customDomain.certificate Stack\/Certificate: its names \(billing.internal.example.com\) do not cover/);
  });

  test.each<[string, (stack: Stack) => acm.ICertificate]>([
    ['imported', stack => acm.Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN)],
    ['named by a token', stack => new acm.Certificate(stack, 'Certificate', {
      domainName: 'billing.internal.example.com',
      subjectAlternativeNames: [new CfnParameter(stack, 'CertificateDomain').valueAsString],
      validation: acm.CertificateValidation.fromDns(),
    })],
    ['whose list of names is a token', stack => {
      const made = certificate(stack, 'billing.internal.example.com');
      (made.node.defaultChild as acm.CfnCertificate).subjectAlternativeNames = new CfnParameter(stack, 'Names', { type: 'CommaDelimitedList' }).valueAsList;
      return made;
    }],
  ])('a certificate %s is not checked', (_what, make) => {
    const stack = strictStack();
    serviceOn(stack, { domainName: DOMAIN, certificate: make(stack) });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a domain name that is a token passes', () => {
    const stack = strictStack();
    const domainName = new CfnParameter(stack, 'Domain').valueAsString;
    const hostedZone = new route53.HostedZone(stack, 'Zone', { zoneName: 'internal.example.com' });
    serviceOn(stack, { domainName, certificate: certificate(stack, DOMAIN), hostedZone });
    Template.fromStack(stack).hasResourceProperties('AWS::VpcLattice::Service', { CustomDomainName: { Ref: 'Domain' } });
  });
});

describe('custom-domain rules', () => {
  test.each([
    ['a single label', 'orders'],
    ['an empty label', 'orders..example.com'],
    ['a label starting with a hyphen', '-orders.example.com'],
    ['a wildcard', '*.internal.example.com'],
    ['a trailing dot', 'orders.example.com.'],
    ['a label over 63 characters', `${'a'.repeat(64)}.example.com`],
    ['over 255 characters', `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.ee.example.com`],
  ])('rejects a domain name with %s', (_what, domainName) => {
    const stack = strictStack();
    expect(() => new LatticeService(stack, 'Service', { customDomain: { domainName } })).toThrow(
      named(`Stack/Service: invalid customDomain.domainName '${domainName}'`));
  });

  test('a custom domain without its name is rejected (it was taken for no custom domain)', () => {
    expect(() => new LatticeService(strictStack(), 'Service', { customDomain: wrong({}) })).toThrow(named('Stack/Service: invalid customDomain.domainName undefined'));
  });

  test('an HTTPS listener on a custom domain without a certificate is an error at synth', () => {
    const stack = strictStack();
    serviceOn(stack, { domainName: DOMAIN });
    expect(() => Template.fromStack(stack)).toThrow(
      named(`[Stack/Service] invalid customDomain '${DOMAIN}'`));
  });

  test.each([
    ['another name', 'billing.internal.example.com'],
    ['a wildcard two levels up', '*.example.com'],
    ['the parent name', 'internal.example.com'],
    ['a wildcard below the name', `*.${DOMAIN}`],
  ])('a certificate whose only name is %s is an error at synth', (_what, domainName) => {
    const stack = strictStack();
    serviceOn(stack, { domainName: DOMAIN, certificate: certificate(stack, domainName) });
    expect(() => Template.fromStack(stack)).toThrow(
      named('[Stack/Service] invalid customDomain.certificate Stack/Certificate'));
  });

  test.each([
    ['an uppercase certificate ID', 'arn:aws:acm:eu-west-1:111122223333:certificate/0A1B2C3D-1111-2222-3333-444455556666'],
    ['a partition that does not exist', 'arn:aws-iso-abc:acm:eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666'],
    ['a region starting with a hyphen', 'arn:aws:acm:-eu-west-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666'],
  ])('an imported certificate ARN CloudFormation rejects (%s) is named with its property and value', (_what, arn) => {
    const stack = strictStack();
    expect(() => serviceOn(stack, { domainName: DOMAIN, certificate: acm.Certificate.fromCertificateArn(stack, 'Imported', arn) })).toThrow(
      `Stack/Service: invalid customDomain.certificate certificateArn '${arn}': must be the ARN of an ACM certificate, like ` +
      "'arn:aws:acm:us-east-1:111122223333:certificate/<certificate ID>': at most 2048 characters, the partition one of aws, aws-cn, " +
      'aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc, a region like us-east-1, a 12-digit account, and an ID of 0-9, a-z ' +
      "and '-' (CloudFormation takes no uppercase letters there)");
  });

  test('a name at the apex of the hosted zone is rejected: a CNAME cannot be there', () => {
    const stack = strictStack();
    const hostedZone = new route53.HostedZone(stack, 'Zone', { zoneName: 'internal.example.com' });
    expect(() => new LatticeService(stack, 'Service', { customDomain: { domainName: 'internal.example.com', hostedZone } })).toThrow(
      named("Stack/Service: invalid customDomain.domainName 'internal.example.com'"));
  });

  test('a name outside the hosted zone is rejected', () => {
    const stack = strictStack();
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.org' });
    expect(() => new LatticeService(stack, 'Service', { customDomain: { domainName: DOMAIN, hostedZone } })).toThrow(
      named(`Stack/Service: invalid customDomain.domainName '${DOMAIN}'`));
  });
});

describe('ServiceDnsRecord', () => {
  const BILLING_ARN = 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-0123456789abcdef0';
  const BILLING_DNS = 'billing-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws';

  test('points the custom name of a service made elsewhere at its generated DNS name', () => {
    const stack = strictStack();
    const hostedZone = new route53.HostedZone(stack, 'Zone', { zoneName: 'internal.example.com' });
    const elsewhere = LatticeService.fromServiceAttributes(stack, 'Billing', { serviceArn: BILLING_ARN, dnsName: BILLING_DNS });
    const record = new ServiceDnsRecord(stack, 'BillingDns', { service: elsewhere, domainName: 'billing.internal.example.com', hostedZone });

    expect(record.domainName).toBe('billing.internal.example.com');
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') },
      Name: 'billing.internal.example.com.',
      Type: 'CNAME',
      TTL: '300',
      ResourceRecords: [BILLING_DNS],
      Comment: 'VPC Lattice service Stack/Billing',
    });
  });

  test('works for a service of the app too', () => {
    const stack = strictStack();
    const hostedZone = route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z0123456789ABCDEFGHIJ');
    new ServiceDnsRecord(stack, 'Dns', { service: new LatticeService(stack, 'Service'), domainName: DOMAIN, hostedZone });
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      ResourceRecords: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Service'), 'DnsEntry.DomainName'] }],
    });
  });

  test.each<[string, (stack: Stack, zone: route53.IHostedZone) => void, RegExp]>([
    ['a service imported without its DNS name', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', {
      service: LatticeService.fromServiceArn(stack, 'Billing', BILLING_ARN), domainName: DOMAIN, hostedZone,
    }), named("Stack/Dns: invalid service 'Stack/Billing': its generated DNS name is not known")],
    ['a name outside the zone', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', {
      service: new LatticeService(stack, 'Service'), domainName: 'billing.example.org', hostedZone,
    }), /Stack\/Dns: invalid domainName 'billing.example.org': must be inside the hosted zone 'internal.example.com' given as hostedZone/],
    ['the apex of the zone', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', {
      service: new LatticeService(stack, 'Service'), domainName: 'internal.example.com', hostedZone,
    }), named("Stack/Dns: invalid domainName 'internal.example.com'")],
    ['a wildcard name', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', {
      service: new LatticeService(stack, 'Service'), domainName: '*.internal.example.com', hostedZone,
    }), named("Stack/Dns: invalid domainName '*.internal.example.com'")],
    ['an imported DNS name that is not a DNS name', stack => LatticeService.fromServiceAttributes(stack, 'Billing', { serviceArn: BILLING_ARN, dnsName: 'billing' }),
      named("Stack/Billing: invalid dnsName 'billing'")],
    // Values of the wrong type: each used to escape as a TypeError, or to pass.
    ['an imported DNS name in a list', stack => LatticeService.fromServiceAttributes(stack, 'Billing', { serviceArn: BILLING_ARN, dnsName: wrong([BILLING_DNS]) }),
      named(`Stack/Billing: invalid dnsName ['${BILLING_DNS}']`)],
    ['record props of null', stack => new ServiceDnsRecord(stack, 'Dns', wrong(null)), named('Stack/Dns: invalid props null')],
    ['a service given by its ID', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', { service: wrong('svc-0123456789abcdef0'), domainName: DOMAIN, hostedZone }),
      named("Stack/Dns: invalid service 'svc-0123456789abcdef0'")],
    ['a hosted zone given by its ID', stack => new ServiceDnsRecord(stack, 'Dns', {
      service: new LatticeService(stack, 'Service'), domainName: DOMAIN, hostedZone: wrong('Z0123456789ABCDEFGHIJ'),
    }), named("Stack/Dns: invalid hostedZone 'Z0123456789ABCDEFGHIJ'")],
    ['a record name in a list', (stack, hostedZone) => new ServiceDnsRecord(stack, 'Dns', { service: new LatticeService(stack, 'Service'), domainName: wrong([DOMAIN]), hostedZone }),
      named(`Stack/Dns: invalid domainName ['${DOMAIN}']`)],
  ])('rejects %s', (_what, make, message) => {
    const stack = strictStack();
    const hostedZone = new route53.HostedZone(stack, 'Zone', { zoneName: 'internal.example.com' });
    expect(() => make(stack, hostedZone)).toThrow(message);
  });
});
