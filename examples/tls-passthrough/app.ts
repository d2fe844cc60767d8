import { App, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { clientVpc, fargateService, vpcWithNatGateway } from '../shared/web-service';
import {
  AuthType, EcsTargetGroup, LatticeService, ListenerAction, ListenerProtocol, ServiceNetwork, TargetProtocol,
} from 'cdk-vpc-lattice';

/** The name clients call, in the private hosted zone below: VPC Lattice routes TLS passthrough by it (SNI). */
const DOMAIN_NAME = 'broker.internal.example.com';

/**
 * A stand-in for a product that keeps TLS end to end (a message broker, a file-transfer server): it makes its own
 * certificate for the domain name and answers TLS on 8443 itself (`openssl s_server -www` returns a status page).
 */
const TLS_SERVER = [
  'set -e',
  'dnf install -y -q openssl',
  `openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=${DOMAIN_NAME}" -addext "subjectAltName=DNS:${DOMAIN_NAME}" ` +
    '-keyout /tmp/broker.key -out /tmp/broker.crt',
  'exec openssl s_server -accept 8443 -www -cert /tmp/broker.crt -key /tmp/broker.key',
].join('\n');

/**
 * TLS passthrough: VPC Lattice carries the callers' TLS connections to the targets without decrypting them; the
 * targets hold the certificate. The provider VPC runs a Fargate service (see TLS_SERVER) whose tasks ECS registers in
 * a TCP target group; a VPC Lattice service with the custom domain `broker.internal.example.com` (a CNAME in a private
 * hosted zone of the consumer VPC) forwards its TLS_PASSTHROUGH listener on 443 to the group, and the consumer VPC is
 * associated with the network.
 *
 * Callers of a TLS passthrough listener are anonymous: VPC Lattice cannot read their connection to authenticate them.
 * The service therefore has AuthType.NONE (the synth warning says so), and the network, which keeps its default IAM
 * policy for HTTP services (signed callers only), gets a statement that lets anonymous connections from the consumer
 * VPC reach this one service. An alarm watches the connection errors of the target group.
 *
 * From an instance in the consumer VPC: `curl --insecure https://broker.internal.example.com/` (the certificate is
 * self-signed) or `openssl s_client -connect broker.internal.example.com:443 -servername broker.internal.example.com`.
 */
export function build(app: App): void {
  const stack = new Stack(app, 'TlsPassthrough');

  const providerVpc = vpcWithNatGateway(stack, 'ProviderVpc', '10.0.0.0/16');
  const consumerVpc = clientVpc(stack, 'ConsumerVpc', '10.1.0.0/16');

  // TCP to the tasks on 8443: no protocol version, no health checks (the tasks speak TLS, not HTTP).
  const brokerTasks = new EcsTargetGroup(stack, 'BrokerTasks', {
    service: fargateService(stack, 'Broker', providerVpc, {
      container: 'broker',
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
      command: TLS_SERVER,
      containerPort: 8443,
    }),
    protocol: TargetProtocol.TCP,
  });

  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'tls-passthrough' });
  network.associateVpc(consumerVpc);
  const service = new LatticeService(stack, 'Service', {
    serviceName: 'broker',
    authType: AuthType.NONE,
    serviceNetwork: network,
    customDomain: { domainName: DOMAIN_NAME, hostedZone: new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'internal.example.com', vpc: consumerVpc }) },
    listeners: [{ protocol: ListenerProtocol.TLS_PASSTHROUGH, port: 443, defaultAction: ListenerAction.forward(brokerTasks) }],
  });
  network.addToAuthPolicy(new iam.PolicyStatement({
    sid: 'AllowBrokerConnectionsFromConsumerVpc',
    principals: [new iam.AnyPrincipal()],
    actions: ['vpc-lattice-svcs:Connect'],
    resources: [service.serviceArn],
    conditions: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': consumerVpc.vpcId } },
  }));

  new cloudwatch.Alarm(stack, 'BrokerConnectionErrors', {
    metric: brokerTasks.metricConnectionErrorCount(),
    threshold: 1,
    evaluationPeriods: 3,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: 'VPC Lattice could not open connections to the broker tasks',
  });
}
