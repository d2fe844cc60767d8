import { IConstruct } from 'constructs';
import { checkHasMember } from './validation';

/*
 * Checks of the library's own objects given as props or arguments: not `null`, nor an ID, an ARN or a string in their
 * place (a mistake JavaScript callers and other jsii languages can make). Each is recognized by a member it must have.
 */

/** A service network, like a `ServiceNetwork`; required unless `required` is false. */
export function checkServiceNetwork(scope: IConstruct, value: unknown, required = true) {
  checkHasMember(scope, 'serviceNetwork', value, 'associateService', { like: 'an IServiceNetwork, like a ServiceNetwork', required });
}

/** A service, like a `LatticeService`. */
export function checkService(scope: IConstruct, value: unknown, property = 'service') {
  checkHasMember(scope, property, value, 'registerServiceNetwork', { like: 'an ILatticeService, like a LatticeService', required: true });
}

/** A target group, like an `IpTargetGroup`. */
export function checkTargetGroup(scope: IConstruct, property: string, value: unknown) {
  checkHasMember(scope, property, value, 'targetGroupArn', { like: 'an ITargetGroup, like an IpTargetGroup', required: true });
}

/** An auth policy, optional: an `AuthPolicy`, not an `iam.PolicyDocument` or a string. */
export function checkAuthPolicy(scope: IConstruct, value: unknown) {
  checkHasMember(scope, 'authPolicy', value, '_statements', { like: 'an AuthPolicy, like AuthPolicy.authenticatedOnly()' });
}

/** A resource configuration, like a `ResourceConfiguration`. */
export function checkResourceConfiguration(scope: IConstruct, value: unknown) {
  checkHasMember(scope, 'resourceConfiguration', value, 'resourceConfigurationId', {
    like: 'an IResourceConfiguration, like a ResourceConfiguration or ResourceConfiguration.fromResourceConfigurationArn(this, id, arn)', required: true,
  });
}

/** A private-DNS preference, optional: a `PrivateDns`, not a string or a boolean. */
export function checkPrivateDns(scope: IConstruct, value: unknown) {
  checkHasMember(scope, 'privateDns', value, '_render', { like: 'a PrivateDns, like PrivateDns.verifiedDomainsOnly()' });
}

/** The resource gateway of a resource configuration, like a `ResourceGateway`. */
export function checkGateway(scope: IConstruct, value: unknown) {
  checkHasMember(scope, 'gateway', value, 'resourceGatewayId', { like: 'an IResourceGateway, like a ResourceGateway', required: true });
}

/** What a resource configuration makes reachable, a `ResourceDefinition`. */
export function checkDefinition(scope: IConstruct, value: unknown) {
  checkHasMember(scope, 'definition', value, '_render', { like: "a ResourceDefinition, like ResourceDefinition.dnsName('db.internal.example.com')", required: true });
}

/** A Route 53 hosted zone. */
export function checkHostedZone(scope: IConstruct, property: string, value: unknown, options: { readonly required?: boolean } = {}) {
  checkHasMember(scope, property, value, 'hostedZoneId', { like: 'a route53.IHostedZone, like route53.HostedZone.fromLookup(this, id, { domainName })', ...options });
}
