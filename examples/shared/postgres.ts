import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

/** The port the example database listens on: not PostgreSQL's default, which cdk-nag asks to avoid. */
export const POSTGRES_PORT = 5433;

/**
 * A PostgreSQL instance in the isolated subnets of `vpc` that cdk-nag finds nothing in: encrypted, Multi-AZ,
 * deletion-protected, backed up for a week, on a non-default port, with IAM authentication, its log exported, and a
 * master password that RDS keeps and rotates in Secrets Manager. Nothing here knows VPC Lattice.
 */
export function postgresDatabase(scope: Construct, id: string, vpc: ec2.IVpc): rds.DatabaseInstance {
  return new rds.DatabaseInstance(scope, id, {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    port: POSTGRES_PORT,
    multiAz: true,
    storageEncrypted: true,
    deletionProtection: true,
    backupRetention: Duration.days(7),
    manageMasterUserPassword: true,
    iamAuthentication: true,
    cloudwatchLogsExports: ['postgresql'],
  });
}
