import { CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { hop, resources } from './reachability-fixtures';
import { isolatedVpc, strictStack } from './util';
import {
  DomainVerification, PrivateDns, Reachability, ReachabilityVerdict, ResourceConfigDnsResolution, ResourceConfiguration, ResourceDefinition,
  ResourceGateway, ServiceNetwork,
} from 'cdk-vpc-lattice';

/*
 * Name resolution of a resource configuration's custom domain (docs/lattice-facts.md#reachability): VPC Lattice makes a
 * private hosted zone for it in the client's VPC when private DNS is on where the client comes in (the resource
 * endpoint, or the VPC association or service-network endpoint) and its preference takes the domain (all domains, the
 * ones it specifies, or verified ones); through a service network the resource association's own switch overrides
 * that, and with it off no zone is made in any VPC of the network (docs/lattice-facts.md#private-dns,
 * docs/lattice-facts.md#resource-associations). A verification's status is known at deploy time only. Each case changes
 * one setting and asserts the hop and its reason; the generated name is always left to the client.
 */

const DOMAIN = 'cache.data.example.com';
const NAME = 'Name resolution';
const GENERATED = /; the client can still call the name VPC Lattice generates$/;

/** A cache by IP address behind a gateway, with the custom domain DOMAIN (verified with a verification of data.example.com, or not). */
function cache(options: { verified?: boolean; dnsResolution?: ResourceConfigDnsResolution } = {}) {
  const stack = strictStack();
  const dataVpc = isolatedVpc(stack, 'DataVpc', '10.10.0.0/16');
  const consumerVpc = isolatedVpc(stack, 'ConsumerVpc', '10.20.0.0/16');
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: dataVpc, dnsResolution: options.dnsResolution });
  const verification = options.verified ? new DomainVerification(stack, 'Verification', { domainName: 'data.example.com' }) : undefined;
  const definition = options.dnsResolution ? ResourceDefinition.dnsName(DOMAIN) : ResourceDefinition.ipAddress('10.10.0.9');
  const configuration = new ResourceConfiguration(stack, 'Cache', { gateway, definition, portRanges: ['6379'], customDomain: { domainName: DOMAIN, verification } });
  const client = new ec2.SecurityGroup(stack, 'App', { vpc: consumerVpc });
  return { stack, dataVpc, consumerVpc, configuration, client, answer: (vpc: ec2.IVpc = consumerVpc) => configuration.canConnect(vpc, client) };
}

describe('through a resource endpoint, its private DNS decides', () => {
  test.each<[string, PrivateDns | undefined, boolean, ReachabilityVerdict, RegExp]>([
    ['left out: not documented', undefined, false, Reachability.UNKNOWN,
      /^the endpoint Stack\/Cache\/ConsumerVpcEndpoint leaves private DNS out: what VPC Lattice then does is not documented/],
    ['off: no zone', PrivateDns.disabled(), false, Reachability.BLOCKED,
      /^missing: private DNS is off on the endpoint Stack\/Cache\/ConsumerVpcEndpoint: no private hosted zone for cache.data.example.com;/],
    ['on for all domains: a zone', PrivateDns.allDomains(), false, Reachability.REACHABLE,
      /^VPC Lattice makes a private hosted zone for cache.data.example.com in Stack\/ConsumerVpc: private DNS on the endpoint .* takes all domains$/],
    ['on for verified domains, the domain has no verification: no zone', PrivateDns.verifiedDomainsOnly(), false, Reachability.BLOCKED,
      /takes verified domains, and cache.data.example.com has no domain verification: no private hosted zone for it/],
    ['on for verified domains, the domain has one: its status is known at deploy time', PrivateDns.verifiedDomainsOnly(), true, Reachability.UNKNOWN,
      /takes verified domains, and whether cache.data.example.com is verified is known only at deploy time/],
    ['on for specified domains, a wildcard one label above', PrivateDns.specifiedDomainsOnly(['*.data.example.com']), false, Reachability.REACHABLE,
      /takes cache.data.example.com among its specified domains$/],
    ['on for specified domains, others only: no zone', PrivateDns.specifiedDomainsOnly(['db.data.example.com', '*.other.example.com']), false, Reachability.BLOCKED,
      /takes only its specified domains, not cache.data.example.com: no private hosted zone for it/],
    ['on for verified domains and the name, unverified: a zone for the name', PrivateDns.verifiedDomainsAnd([DOMAIN]), false, Reachability.REACHABLE,
      /takes cache.data.example.com among its specified domains$/],
    ['on for verified and other specified domains, unverified: no zone', PrivateDns.verifiedDomainsAnd(['other.example.com']), false, Reachability.BLOCKED,
      /takes verified domains and its specified ones, and cache.data.example.com has no domain verification/],
  ])('%s', (_name, privateDns, verified, verdict, reason) => {
    const f = cache({ verified });
    f.configuration.addVpcEndpoint(f.consumerVpc, { privateDns });
    const answer = f.answer();
    const name = hop(answer, NAME);
    expect(name).toEqual(expect.objectContaining({ verdict, reason: expect.stringMatching(reason) }));
    if (verdict !== Reachability.REACHABLE) { expect(name.reason).toMatch(GENERATED); }
    // Only this hop changes: the others are as without a custom domain.
    expect(answer.hops.map(h => h.description)).toEqual(['The way in', NAME, 'Client egress', 'Endpoint ingress', 'Resource gateway egress', 'Resource ingress']);
    expect(answer.hops.filter(h => h.description !== NAME && h.description !== 'Resource ingress').map(h => h.verdict)).toEqual(Array(4).fill('REACHABLE'));
  });

  test('what the endpoint writes is what the hop reads', () => {
    const f = cache();
    f.configuration.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.disabled() });
    Template.fromStack(f.stack).hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Resource', PrivateDnsEnabled: false });
    expect(f.answer().decision).toBe(Reachability.BLOCKED);
  });

  test('a specified domain known at deploy time only is UNKNOWN, never REACHABLE or BLOCKED', () => {
    const f = cache();
    const domain = new CfnParameter(f.stack, 'Domain').valueAsString;
    f.configuration.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly([domain]) });
    expect(hop(f.answer(), NAME)).toEqual(expect.objectContaining({ verdict: Reachability.UNKNOWN, reason: expect.stringMatching(/known only at deploy time/) }));
  });

  test('a wildcard more than one label above the name is UNKNOWN: AWS does not say whether it holds it', () => {
    const f = cache();
    f.configuration.addVpcEndpoint(f.consumerVpc, { privateDns: PrivateDns.specifiedDomainsOnly(['*.example.com']) });
    expect(hop(f.answer(), NAME).verdict).toBe(Reachability.UNKNOWN);
  });
});

describe('through a service network, the resource association\'s switch overrides the way\'s', () => {
  function throughNetwork(association: { privateDns?: boolean }, way: { privateDns?: PrivateDns; endpoint?: boolean }) {
    const f = cache();
    const network = new ServiceNetwork(f.stack, 'Network');
    network.associateResource(f.configuration, association);
    if (way.endpoint) {
      network.addVpcEndpoint(f.consumerVpc, { privateDns: way.privateDns });
    } else {
      network.associateVpc(f.consumerVpc, { privateDns: way.privateDns });
    }
    return { ...f, network };
  }

  test('off on the resource association: no zone in any VPC of the network, whatever the VPC association says', () => {
    const f = throughNetwork({ privateDns: false }, { privateDns: PrivateDns.allDomains() });
    Template.fromStack(f.stack).hasResourceProperties('AWS::VpcLattice::ServiceNetworkResourceAssociation', { PrivateDnsEnabled: false });
    const answer = f.answer();
    expect(answer.decision).toBe(Reachability.BLOCKED);
    expect(answer.hops.filter(h => h.verdict === Reachability.BLOCKED).map(h => h.description)).toEqual([NAME]);
    expect(hop(answer, NAME).reason).toMatch(/^missing: private DNS is off on the resource association Stack\/Network\/CacheAssociation, which overrides the network's associations and endpoints: no private hosted zone for cache.data.example.com;/);
    expect(hop(answer, NAME).reason).toMatch(GENERATED);
  });

  test('left out on the resource association: not documented, UNKNOWN', () => {
    const answer = throughNetwork({}, { privateDns: PrivateDns.allDomains() }).answer();
    expect(hop(answer, NAME)).toEqual(expect.objectContaining({
      verdict: Reachability.UNKNOWN, reason: expect.stringMatching(/^the resource association Stack\/Network\/CacheAssociation leaves privateDns out: what VPC Lattice then does is not documented/),
    }));
  });

  test('on for the association, then the VPC association\'s preference: all domains REACHABLE, left out UNKNOWN', () => {
    const answer = throughNetwork({ privateDns: true }, { privateDns: PrivateDns.allDomains() }).answer();
    expect(hop(answer, NAME)).toEqual(expect.objectContaining({
      verdict: Reachability.REACHABLE, reason: expect.stringMatching(/private DNS on the association Stack\/Network\/ConsumerVpcAssociation takes all domains$/),
    }));
    expect(answer.decision).toBe(Reachability.UNKNOWN);
    expect(answer.hops.filter(h => h.verdict !== Reachability.REACHABLE).map(h => h.description)).toEqual(['Resource ingress']);
    const leftOut = hop(throughNetwork({ privateDns: true }, {}).answer(), NAME);
    expect(leftOut).toEqual(expect.objectContaining({ verdict: Reachability.UNKNOWN, reason: expect.stringMatching(/^the association Stack\/Network\/ConsumerVpcAssociation leaves private DNS out/) }));
  });

  test('on for the association, off on a service-network endpoint: BLOCKED at the endpoint', () => {
    const answer = throughNetwork({ privateDns: true }, { endpoint: true, privateDns: PrivateDns.disabled() }).answer();
    expect(hop(answer, NAME)).toEqual(expect.objectContaining({
      verdict: Reachability.BLOCKED, reason: expect.stringMatching(/^missing: private DNS is off on the endpoint Stack\/Network\/ConsumerVpcEndpoint/),
    }));
  });

  test('Reachability.of(app) judges the hop on the app\'s paths, without a client', () => {
    const f = throughNetwork({ privateDns: false }, {});
    type Path = { vpc?: string; to: string; hops: Array<{ description: string; verdict: string }> };
    const paths = Reachability.of(f.stack).toJson() as Path[];
    const path = paths.find(candidate => candidate.vpc === 'Stack/ConsumerVpc' && candidate.to === 'Stack/Cache');
    expect(path?.hops.find(h => h.description === NAME)?.verdict).toBe('BLOCKED');
  });
});

describe('where AWS leaves it open, or a custom domain is absent', () => {
  test('a client in the gateway\'s own VPC, the gateway resolving in it, a DNS-name resource: UNKNOWN even with a zone for all domains', () => {
    const f = cache({ dnsResolution: ResourceConfigDnsResolution.IN_VPC });
    f.configuration.addVpcEndpoint(f.dataVpc, { privateDns: PrivateDns.allDomains() });
    const name = hop(f.answer(f.dataVpc), NAME);
    expect(name).toEqual(expect.objectContaining({ verdict: Reachability.UNKNOWN, reason: expect.stringMatching(/^in the VPC of a gateway resolving in it, VPC Lattice makes no zone entry for cache.data.example.com/) }));
    expect(name.reason).toMatch(GENERATED);
  });

  test('an ARN configuration with a custom domain: UNKNOWN, AWS documents its zones for the database\'s own name', () => {
    const { db, consumerVpc, client } = resources({ customDomain: 'db.data.example.com' });
    db.addVpcEndpoint(consumerVpc, { privateDns: PrivateDns.allDomains() });
    expect(hop(db.canConnect(consumerVpc, client), NAME)).toEqual(expect.objectContaining({
      verdict: Reachability.UNKNOWN, reason: expect.stringMatching(/^AWS documents an ARN configuration's private hosted zones for the database's name, not for db.data.example.com/),
    }));
  });

  test('without a custom domain the client calls the generated name: no name-resolution hop', () => {
    const stack = strictStack();
    const vpc = isolatedVpc(stack, 'Vpc', '10.0.0.0/16');
    const configuration = new ResourceConfiguration(stack, 'Cache', {
      gateway: new ResourceGateway(stack, 'Gateway', { vpc }), definition: ResourceDefinition.ipAddress('10.0.0.9'), portRanges: ['6379'],
    });
    configuration.addVpcEndpoint(vpc, { privateDns: PrivateDns.disabled() });
    expect(configuration.canConnect(vpc, new ec2.SecurityGroup(stack, 'App', { vpc })).hops.map(h => h.description)).not.toContain(NAME);
  });
});
