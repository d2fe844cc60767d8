import { Annotations, App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { POSTGRES_PORT, postgresDatabase } from '../shared/postgres';
import { clientVpc } from '../shared/web-service';
import {
  AccessLogDestination, DomainVerification, PrivateDns, ResourceConfiguration, ResourceDefinition, ResourceGateway, ResourceShare, ServiceNetwork,
} from 'cdk-vpc-lattice';

const REGION = 'eu-west-1';
const DATA_ACCOUNT = '111111111111';
const ANALYTICS_ACCOUNT = '222222222222';
const BILLING_ACCOUNT = '333333333333';

/**
 * TCP access to a database in another VPC and account, without peering or transit gateways. The data account runs
 * PostgreSQL in its own VPC and exposes it through a resource gateway twice: as the RDS database itself (a resource
 * configuration of type ARN: its port comes from RDS, and the database admits the gateway) and by a DNS name with a
 * verified custom domain, `orders-db.data.example.com`. Both configurations are associated with the `orders-data`
 * service network, which is shared with two consumer accounts through AWS RAM.
 *
 * The analytics account associates its VPC with the shared network. The billing account's VPC is already associated
 * with a network of its own, and a VPC can be associated with only one: it reaches the shared network through a
 * service-network VPC endpoint instead. Both find the shared network by name at deploy time, and let only their
 * PostgreSQL clients' addresses through.
 */
export function build(app: App): void {
  buildDataAccount(app);
  buildAnalyticsAccount(app);
  buildBillingAccount(app);
}

function buildDataAccount(app: App) {
  const stack = new Stack(app, 'OrdersData', { env: { account: DATA_ACCOUNT, region: REGION } });
  const vpc = clientVpc(stack, 'DataVpc', '10.10.0.0/16', 'private');

  const postgres = postgresDatabase(stack, 'Orders', vpc);

  const gateway = new ResourceGateway(stack, 'Gateway', { vpc, resourceGatewayName: 'orders-data' });
  const accessLogs = new logs.LogGroup(stack, 'ResourceAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });

  // The database itself: clients call its RDS endpoint name, which private DNS resolves to VPC Lattice.
  const database = new ResourceConfiguration(stack, 'OrdersDatabase', {
    gateway,
    definition: ResourceDefinition.rds(postgres),
    resourceConfigurationName: 'orders-db',
    allowAssociationToSharableServiceNetwork: true,
    accessLogs: [AccessLogDestination.cloudWatchLogs(accessLogs)],
  });

  // The same database by DNS name, under a custom domain the data account proves it owns.
  const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'DataZone', {
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    zoneName: 'data.example.com',
  });
  const verification = new DomainVerification(stack, 'DataDomain', { domainName: 'data.example.com', hostedZone });
  // Reachability: UNKNOWN at the resource's ingress, since a DNS name is no construct whose security groups the app knows.
  const byName = new ResourceConfiguration(stack, 'OrdersDatabaseByName', {
    gateway,
    definition: ResourceDefinition.dnsName(postgres.dbInstanceEndpointAddress),
    portRanges: [String(POSTGRES_PORT)],
    resourceConfigurationName: 'orders-db-by-name',
    customDomain: { domainName: 'orders-db.data.example.com', verification },
    allowAssociationToSharableServiceNetwork: true,
    accessLogs: [AccessLogDestination.cloudWatchLogs(accessLogs)],
  });

  const network = new ServiceNetwork(stack, 'Network', { serviceNetworkName: 'orders-data', sharable: true });
  Annotations.of(network).acknowledgeWarning('cdk-vpc-lattice:authPolicyProtectsNothing',
    'The network serves the database only: who may connect is decided by the consumers\' security groups and by who the network is shared with.');
  network.associateResource(database, { privateDns: true });
  network.associateResource(byName, { privateDns: true });
  new ResourceShare(stack, 'Share', {
    name: 'orders-data',
    principals: [ANALYTICS_ACCOUNT, BILLING_ACCOUNT],
    resources: [network],
  });
}

/** A security group that admits the VPC's own CIDR on the PostgreSQL port only: the clients of the database. */
function postgresClients(stack: Stack, vpc: ec2.IVpc, cidr: string): ec2.SecurityGroup {
  const clients = new ec2.SecurityGroup(stack, 'PostgresClients', {
    vpc,
    description: 'Clients in this VPC that may reach the shared orders database',
    allowAllOutbound: false,
  });
  clients.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL clients in this VPC');
  return clients;
}

function buildAnalyticsAccount(app: App) {
  const stack = new Stack(app, 'Analytics', { env: { account: ANALYTICS_ACCOUNT, region: REGION } });
  const cidr = '10.20.0.0/16';
  const vpc = clientVpc(stack, 'AnalyticsVpc', cidr, 'private');

  // Reachability: UNKNOWN beyond the imported network, whose services and resources are another app's.
  const ordersData = ServiceNetwork.fromServiceNetworkName(stack, 'OrdersData', 'orders-data');
  ordersData.associateVpc(vpc, {
    securityGroups: [postgresClients(stack, vpc, cidr)],
    privateDns: PrivateDns.verifiedDomainsOnly(),
  });
}

function buildBillingAccount(app: App) {
  const stack = new Stack(app, 'Billing', { env: { account: BILLING_ACCOUNT, region: REGION } });
  const cidr = '10.30.0.0/16';
  const vpc = clientVpc(stack, 'BillingVpc', cidr, 'private');

  // The VPC's one association is with the billing team's own network.
  new ServiceNetwork(stack, 'BillingNetwork', { serviceNetworkName: 'billing' }).associateVpc(vpc);

  // Reachability: UNKNOWN beyond the imported network, whose services and resources are another app's.
  const ordersData = ServiceNetwork.fromServiceNetworkName(stack, 'OrdersData', 'orders-data');
  ordersData.addVpcEndpoint(vpc, {
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [postgresClients(stack, vpc, cidr)],
    privateDns: PrivateDns.verifiedDomainsOnly(),
  });
}
