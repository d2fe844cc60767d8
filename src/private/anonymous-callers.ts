import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CONNECT_ACTION } from './constants';
import { listenerProtocolRules } from './protocol-table';
import type { IListener, ILatticeService } from '../interfaces';

/*
 * Callers of TLS passthrough listeners are anonymous (docs/lattice-facts.md#tls-passthrough: "auth policies are limited
 * to anonymous principals"), at the service and at the service network alike. Whether an auth policy lets them connect
 * is the access evaluator's answer (`src/access/decision.ts` policyReach, through `AuthPolicyHolder`): the keys of a
 * connection not known (it may come from any VPC, on any port, through any network), the keys it lacks absent, and the
 * action `vpc-lattice-svcs:Connect`. Open, settled by integ.tls-passthrough.ts (docs/lattice-facts.md#tls-passthrough):
 * which action VPC Lattice evaluates for a TLS passthrough connection is not confirmed by a deployment, so an
 * Invoke-only policy is taken to refuse them, the safer reading for a warning.
 */

/** The listeners of a service whose callers VPC Lattice cannot authenticate (TLS passthrough), with the reason. */
export function anonymousOnlyListeners(service: ILatticeService): Array<{ listener: IListener; reason: string }> {
  return service.listeners.flatMap(listener => {
    const reason = listenerProtocolRules(listener.protocol)?.anonymousCallers;
    return reason ? [{ listener, reason }] : [];
  });
}

/**
 * Warns on an AWS_IAM service network whose auth policy refuses anonymous connections when a service associated with
 * it in this app has listeners whose callers are all anonymous: the network refuses every connection to them,
 * whatever the service allows. The warning is the network's: its policy is what refuses, and what must change.
 */
export function warnIfNetworkRefusesAnonymousCallers(
  network: IConstruct & { readonly services: ILatticeService[] },
  authPolicy: { readonly admitsAnonymousConnections: boolean },
) {
  for (const service of network.services) {
    const listeners = anonymousOnlyListeners(service);
    if (listeners.length === 0 || authPolicy.admitsAnonymousConnections) { continue; }
    Annotations.of(network).addWarningV2('cdk-vpc-lattice:networkRefusesAnonymousCallers',
      `This service network has AuthType.AWS_IAM, and its auth policy lets no anonymous caller connect, but the service ${service.node.path} ` +
      `associated with it has the ${describeListeners(listeners)}: ${listeners[0].reason}. At run time the network refuses every connection to ` +
      `${listeners.length > 1 ? 'them' : 'it'}, whatever the service's own auth. Add a statement for it to the network's auth policy: ` +
      `network.addToAuthPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['${CONNECT_ACTION}'], ` +
      'resources: [service.serviceArn] })), narrowed with conditions such as vpc-lattice-svcs:SourceVpc if you like; or use AuthType.NONE on the network.');
  }
}

/** `TLS_PASSTHROUGH listener Stack/Broker/Tls`, or several. */
export function describeListeners(listeners: Array<{ listener: IListener }>): string {
  const protocols = [...new Set(listeners.map(({ listener }) => listener.protocol))].join(' and ');
  return `${protocols} listener${listeners.length > 1 ? 's' : ''} ${listeners.map(({ listener }) => listener.node.path).join(', ')}`;
}
