import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { clientFunction, expectAnswer, integApp, integTest, integVpc, serverInstance, tlsServerScript } from './common';
import {
  AuthPolicy, AuthType, HealthCheck, InstanceTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork, TargetProtocol,
} from '../../src';

const ZONE = 'lattice-integ.internal';
const CONNECT = 'vpc-lattice-svcs:Connect';
const INVOKE = 'vpc-lattice-svcs:Invoke';

/*
 * TLS passthrough, and which action VPC Lattice checks for a passthrough connection: Connect or Invoke. One EC2
 * instance holds its own certificate (OpenSSL, CN=tls-target, port 8443) behind four TLS_PASSTHROUGH services, each on
 * 443 with a custom domain in a private hosted zone of the client VPC:
 * - service-connect / service-invoke: AWS_IAM services whose auth policy lets anonymous callers do only Connect / only
 *   Invoke; the network's policy lets anonymous callers do both on them, so the service's policy decides;
 * - network-connect / network-invoke: AuthType.NONE services; the network's policy lets anonymous callers do only
 *   Connect / only Invoke on them, so the network's policy decides.
 *
 * Asserted, from a TLS client in the client VPC (SNI = the custom domain): the handshake through each Connect-only
 * service completes and reaches the target (its certificate's CN is tls-target); through each Invoke-only service it
 * does not. The refusals are checked after the successes, so that DNS and the target are known to be ready. The
 * ServiceConnect group has its health check turned on in HTTPS (OpenSSL's -www answers 200 to GET /), with the
 * library's defaults for the rest (path /, the traffic port, HTTP1, no matcher): ListTargets reports it HEALTHY.
 * Settles (docs/lattice-facts.md, Verified on AWS): the action of a passthrough connection, at the service and at the
 * network; that the callers are anonymous at the network too; the health-check defaults of a TCP group turned on.
 */
export function build(app: App) {
  const stack = new Stack(app, 'LatticeIntegTlsPassthrough');
  const clientVpc = integVpc(stack, 'ClientVpc', '10.40.0.0/16');
  const providerVpc = integVpc(stack, 'ProviderVpc', '10.41.0.0/16');
  const hostedZone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: ZONE, vpc: clientVpc });
  const server = serverInstance(stack, 'TlsServer', providerVpc, tlsServerScript('tls-target', 8443));

  const network = new ServiceNetwork(stack, 'Network', { authPolicy: AuthPolicy.fromPolicyDocument(new iam.PolicyDocument()) });
  network.associateVpc(clientVpc);
  const anonymous = (actions: string[], resources: string[]) => new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions, resources });

  const groups = new Map<string, InstanceTargetGroup>();
  const tlsService = (name: string, auth: { authType: AuthType; serviceAllows?: string }, healthCheck?: HealthCheck) => {
    const group = new InstanceTargetGroup(stack, `${name}Targets`, {
      vpc: providerVpc, port: 8443, protocol: TargetProtocol.TCP, instances: [server], healthCheck,
    });
    groups.set(name, group);
    const service = new LatticeService(stack, name, {
      authType: auth.authType,
      authPolicy: auth.serviceAllows ? AuthPolicy.fromPolicyDocument(new iam.PolicyDocument({ statements: [anonymous([auth.serviceAllows], ['*'])] })) : undefined,
      customDomain: { domainName: `${name.toLowerCase()}.${ZONE}`, hostedZone },
      serviceNetwork: network,
    });
    service.addListener('Tls', {
      protocol: ListenerProtocol.TLS_PASSTHROUGH,
      port: 443,
      defaultAction: ListenerAction.forward(group),
    });
    return service;
  };
  const serviceConnect = tlsService('ServiceConnect', { authType: AuthType.AWS_IAM, serviceAllows: CONNECT }, { enabled: true, protocol: TargetProtocol.HTTPS });
  const serviceInvoke = tlsService('ServiceInvoke', { authType: AuthType.AWS_IAM, serviceAllows: INVOKE });
  const networkConnect = tlsService('NetworkConnect', { authType: AuthType.NONE });
  const networkInvoke = tlsService('NetworkInvoke', { authType: AuthType.NONE });
  network.addToAuthPolicy(anonymous([CONNECT, INVOKE], [serviceConnect.serviceArn, serviceInvoke.serviceArn]));
  network.addToAuthPolicy(anonymous([CONNECT], [networkConnect.serviceArn]));
  network.addToAuthPolicy(anonymous([INVOKE], [networkInvoke.serviceArn]));

  // The library warns where it reads a policy as refusing every passthrough connection: here that is the point.
  Annotations.of(serviceInvoke).acknowledgeWarning('cdk-vpc-lattice:serviceRefusesAnonymousCallers', 'the integ test checks that Invoke alone refuses TLS passthrough connections');
  Annotations.of(network).acknowledgeWarning('cdk-vpc-lattice:networkRefusesAnonymousCallers', 'the integ test checks that Invoke alone refuses TLS passthrough connections');
  for (const service of [networkConnect, networkInvoke]) {
    Annotations.of(service).acknowledgeWarning('cdk-vpc-lattice:serviceAuthNone', 'the network\'s auth policy alone decides for this service, which is what the integ test checks');
  }

  const client = clientFunction(stack, 'TlsClient', clientVpc, 'tcp-client');
  const test = integTest(app, 'TlsPassthrough', [stack]);
  const handshake = (service: LatticeService, connected: boolean) =>
    expectAnswer(test, client, { host: service.domainName, port: 443, mode: 'tls' }, 'connected', connected);
  const connects = [handshake(serviceConnect, true), handshake(networkConnect, true)];
  const refused = [handshake(serviceInvoke, false), handshake(networkInvoke, false)];
  connects.forEach(success => refused.forEach(refusal => success.next(refusal)));
  expectAnswer(test, client, { host: serviceConnect.domainName, port: 443, mode: 'tls' }, 'detail', 'tls-target');
  test.integ.assertions.awsApiCall('VPCLattice', 'listTargets', { targetGroupIdentifier: groups.get('ServiceConnect')!.targetGroupId })
    .expect(ExpectedResult.objectLike({ items: [Match.objectLike({ status: 'HEALTHY' })] }))
    .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) });
  return { stack, test };
}

if (require.main === module) {
  const app = integApp();
  build(app);
  app.synth();
}
