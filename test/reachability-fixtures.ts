import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { isolatedVpc, strictStack } from './util';
import { ReachabilityAnswer, ResourceConfiguration, ResourceDefinition, ResourceGateway } from 'cdk-vpc-lattice';

/** The hop of `answer` with this description (a string, or a pattern for it); a test fails when there is none. */
export function hop(answer: ReachabilityAnswer, description: string | RegExp) {
  const found = answer.hops.find(candidate => (typeof description === 'string' ? candidate.description === description : description.test(candidate.description)));
  if (!found) { throw new Error(`no hop ${description} in ${JSON.stringify(answer.hops)}`); }
  return found;
}

/**
 * A PostgreSQL database on 5432 in a data VPC, behind a resource gateway and a resource configuration of type ARN (the
 * database admits the gateway), and a client security group in a consumer VPC that has no way in yet. The database is
 * defined in the app (its port is then known at deploy time only), or `imported` with the literal port and a security
 * group of the app; the configuration has a custom domain when given one.
 */
export function resources(options: { imported?: boolean; customDomain?: string } = {}) {
  const stack = strictStack();
  const dataVpc = isolatedVpc(stack, 'DataVpc', '10.10.0.0/16');
  const consumerVpc = isolatedVpc(stack, 'ConsumerVpc', '10.20.0.0/16');
  const database = options.imported ? rds.DatabaseInstance.fromDatabaseInstanceAttributes(stack, 'Db', {
    instanceIdentifier: 'orders',
    instanceEndpointAddress: 'orders.abcdefghijkl.eu-west-1.rds.amazonaws.com',
    port: 5432,
    securityGroups: [new ec2.SecurityGroup(stack, 'DbGroup', { vpc: dataVpc })],
  }) : new rds.DatabaseInstance(stack, 'Db', {
    vpc: dataVpc,
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    port: 5432,
  });
  const gateway = new ResourceGateway(stack, 'Gateway', { vpc: dataVpc });
  const customDomain = options.customDomain ? { domainName: options.customDomain } : undefined;
  const db = new ResourceConfiguration(stack, 'Database', { gateway, definition: ResourceDefinition.rds(database), customDomain });
  const client = new ec2.SecurityGroup(stack, 'App', { vpc: consumerVpc });
  return { stack, dataVpc, consumerVpc, db, client, gateway };
}
