/*
 * The two apps `npm run bench` compares, and the child process that builds one of them (bundled by scripts/bench.ts
 * and run with plain `node`, so no TypeScript compiler sits in the measured process).
 *
 * Both apps make the same template: one service network with a VPC association, and per service a listener with two
 * rules forwarding to two IP target groups (one target each), an IAM grant to a caller role (its IAM policy and the
 * service's auth policy) and access logs to a shared log group. The `library` app uses cdk-vpc-lattice (its compiled
 * lib/, the way a user's app loads it); the `l1` app writes the same resources with aws-cdk-lib's L1 classes, in
 * scopes named like the library's constructs, so that both templates have the same logical IDs and can be compared.
 */
import { App, Arn, ArnFormat, cx_api as cxapi, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as vpclattice from 'aws-cdk-lib/aws-vpclattice';
import { Construct } from 'constructs';
import type * as Lattice from 'cdk-vpc-lattice';

export type BenchKind = 'library' | 'l1';

/**
 * What each service of an app has. `rich`: a listener with two rules forwarding to two IP target groups, an IAM
 * grant to a caller role, and access logs (11 resources per service). `lean`: the same without access logs (10
 * resources per service: the service, its association with the network, the listener, two rules, two target groups,
 * the auth policy, the caller role and its policy), so that the library's own work is a larger share of the whole.
 * The service stays associated with the network in both: without it the library warns, which the L1 app cannot match.
 */
export type BenchMix = 'rich' | 'lean';
export const BENCH_MIXES: BenchMix[] = ['rich', 'lean'];

/** What a child process measured while it built and synthesized one app. */
export interface BenchResult {
  readonly kind: BenchKind;
  readonly mix: BenchMix;
  readonly services: number;
  /** CPU time (user + system) of building the app and `app.synth()`, in milliseconds. */
  readonly cpuMs: number;
  /** The part of `cpuMs` spent building the app, before `app.synth()`. */
  readonly constructCpuMs: number;
  /** CPU time of the whole process, module loading included, in milliseconds. */
  readonly processCpuMs: number;
  /** Peak resident set size of the process, in MiB. */
  readonly peakRssMiB: number;
  readonly resources: number;
}

/**
 * The context the CDK CLI (2.1148) gives an app on `cdk synth`, so that both apps synthesize as a user's would:
 * path and asset metadata, version reporting (the CDKMetadata resource), and template validation against the
 * CloudFormation registry schemas in its default, warning-only mode. Only the 500-resource limit of a stack is lifted,
 * because 400 services make 4,400 resources in one stack.
 */
export const CLI_CONTEXT = {
  [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
  [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
  [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
  [cxapi.BUNDLING_STACKS]: ['**'],
  [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
  '@aws-cdk/core:stackResourceLimit': 0,
};

interface Shared {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly logGroup: logs.LogGroup;
}

/** What both apps build the same way: the stack, the VPC the targets and clients are in, the access-log group. */
function shared(app: App): Shared {
  const stack = new Stack(app, 'Bench');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const logGroup = new logs.LogGroup(stack, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
  return { stack, vpc, logGroup };
}

const callerRole = (stack: Stack, i: number) =>
  new iam.Role(stack, `Caller${i}`, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
const targetAddress = (i: number, blue: boolean) => `10.0.${blue ? 1 : 2}.${(i % 250) + 1}`;

export function libraryApp(app: App, services: number, lattice: typeof Lattice, mix: BenchMix = 'rich'): void {
  const { stack, vpc, logGroup } = shared(app);
  const network = new lattice.ServiceNetwork(stack, 'Network', { serviceNetworkName: 'bench' });
  network.associateVpc(vpc);
  for (let i = 0; i < services; i++) {
    const service = new lattice.LatticeService(stack, `Service${i}`, { serviceName: `service-${i}`, serviceNetwork: network });
    const group = (id: string, blue: boolean) => new lattice.IpTargetGroup(service, id, {
      vpc, port: 8080, protocol: lattice.TargetProtocol.HTTP, targets: [targetAddress(i, blue)],
    });
    const blue = group('Blue', true);
    const green = group('Green', false);
    const listener = service.addListener('Http', { protocol: lattice.ListenerProtocol.HTTP, defaultAction: lattice.ListenerAction.fixedResponse(404) });
    listener.addRule('Blue', { priority: 10, match: { path: lattice.PathMatch.prefix('/blue') }, action: lattice.ListenerAction.forward(blue) });
    listener.addRule('Green', { priority: 20, match: { path: lattice.PathMatch.prefix('/green') }, action: lattice.ListenerAction.forward(green) });
    if (mix === 'rich') {
      service.addAccessLogs(lattice.AccessLogDestination.cloudWatchLogs(logGroup));
    }
    service.grantInvoke(callerRole(stack, i));
  }
}

export function l1App(app: App, services: number, mix: BenchMix = 'rich'): void {
  const { stack, vpc, logGroup } = shared(app);
  const network = new Construct(stack, 'Network');
  const networkResource = new vpclattice.CfnServiceNetwork(network, 'Resource', { name: 'bench', authType: 'AWS_IAM' });
  new vpclattice.CfnAuthPolicy(network, 'AuthPolicy', {
    resourceIdentifier: networkResource.attrId,
    policy: {
      Statement: [{
        Action: 'vpc-lattice-svcs:Invoke',
        Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } },
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Resource: '*',
        Sid: 'AllowAuthenticatedCallers',
      }],
      Version: '2012-10-17',
    },
  });
  const vpcAssociation = new Construct(network, 'VpcAssociation');
  const securityGroup = new ec2.CfnSecurityGroup(new Construct(vpcAssociation, 'SecurityGroup'), 'Resource', {
    groupDescription: 'Clients in this VPC that may reach the VPC Lattice service network',
    vpcId: vpc.vpcId,
    securityGroupIngress: [{
      cidrIp: vpc.vpcCidrBlock, description: 'From the VPC to VPC Lattice listeners on port 80', fromPort: 80, toPort: 80, ipProtocol: 'tcp',
    }],
    securityGroupEgress: [{ cidrIp: '255.255.255.255/32', description: 'Disallow all traffic', fromPort: 252, toPort: 86, ipProtocol: 'icmp' }],
  });
  new vpclattice.CfnServiceNetworkVpcAssociation(vpcAssociation, 'Resource', {
    serviceNetworkIdentifier: networkResource.attrArn, vpcIdentifier: vpc.vpcId, securityGroupIds: [securityGroup.attrGroupId],
  });
  const logGroupArn = Arn.format({
    service: 'logs', resource: 'log-group', resourceName: logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  }, stack);

  for (let i = 0; i < services; i++) {
    const scope = new Construct(stack, `Service${i}`);
    const service = new vpclattice.CfnService(scope, 'Resource', { name: `service-${i}`, authType: 'AWS_IAM' });
    new vpclattice.CfnServiceNetworkServiceAssociation(new Construct(network, `Service${i}Association`), 'Resource', {
      serviceIdentifier: service.attrArn, serviceNetworkIdentifier: networkResource.attrArn,
    });
    const group = (id: string, blue: boolean) => new vpclattice.CfnTargetGroup(new Construct(scope, id), 'Resource', {
      type: 'IP',
      config: {
        healthCheck: {
          enabled: true,
          healthCheckIntervalSeconds: 30,
          healthCheckTimeoutSeconds: 5,
          healthyThresholdCount: 5,
          path: '/',
          protocol: 'HTTP',
          protocolVersion: 'HTTP1',
          unhealthyThresholdCount: 2,
        },
        ipAddressType: 'IPV4',
        port: 8080,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        vpcIdentifier: vpc.vpcId,
      },
      targets: [{ id: targetAddress(i, blue) }],
    });
    const blue = group('Blue', true);
    const green = group('Green', false);
    const listenerScope = new Construct(scope, 'Http');
    const listener = new vpclattice.CfnListener(listenerScope, 'Resource', {
      serviceIdentifier: service.attrId, protocol: 'HTTP', port: 80, defaultAction: { fixedResponse: { statusCode: 404 } },
    });
    const rule = (id: string, priority: number, prefix: string, targetGroup: vpclattice.CfnTargetGroup) =>
      new vpclattice.CfnRule(new Construct(listenerScope, id), 'Resource', {
        serviceIdentifier: service.attrId,
        listenerIdentifier: listener.attrId,
        priority,
        match: { httpMatch: { pathMatch: { match: { prefix } } } },
        action: { forward: { targetGroups: [{ targetGroupIdentifier: targetGroup.attrArn }] } },
      });
    rule('Blue', 10, '/blue', blue);
    rule('Green', 20, '/green', green);
    if (mix === 'rich') {
      new vpclattice.CfnAccessLogSubscription(scope, 'AccessLogsCloudWatchLogs', { resourceIdentifier: service.attrArn, destinationArn: logGroupArn });
    }

    const caller = callerRole(stack, i);
    const requests = `${service.attrArn}/*`;
    caller.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['vpc-lattice-svcs:Invoke'], resources: [requests] }));
    new vpclattice.CfnAuthPolicy(scope, 'AuthPolicy', {
      resourceIdentifier: service.attrId,
      policy: {
        Statement: [{ Action: 'vpc-lattice-svcs:Invoke', Effect: 'Allow', Principal: { AWS: caller.roleArn }, Resource: requests }],
        Version: '2012-10-17',
      },
    });
  }
}

/** Builds and synthesizes one app in this process, measured. */
export function runBench(kind: BenchKind, mix: BenchMix, services: number, outdir: string, lattice: typeof Lattice | undefined): BenchResult {
  const start = process.cpuUsage();
  const app = new App({ outdir, context: CLI_CONTEXT });
  if (kind === 'library') {
    libraryApp(app, services, lattice!, mix);
  } else {
    l1App(app, services, mix);
  }
  const built = process.cpuUsage(start);
  const template = app.synth().getStackByName('Bench').template;
  const cpu = process.cpuUsage(start);
  const total = process.cpuUsage();
  return {
    kind,
    mix,
    services,
    cpuMs: (cpu.user + cpu.system) / 1000,
    constructCpuMs: (built.user + built.system) / 1000,
    processCpuMs: (total.user + total.system) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    resources: Object.keys(template.Resources).length,
  };
}

// As a child process: `node bench-apps.js <library|l1> <rich|lean> <services> <outdir>` prints one BenchResult as JSON.
if (require.main === module) {
  const [kind, mix, services, outdir] = process.argv.slice(2);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lattice: typeof Lattice | undefined = kind === 'library' ? require('cdk-vpc-lattice') : undefined;
  // The library's index loads each of its modules on first use: all are loaded here, before the clock starts, so that
  // the CPU time compares building and synthesizing only (process CPU includes loading either way).
  Object.values(lattice ?? {});
  console.log(JSON.stringify(runBench(kind as BenchKind, mix as BenchMix, Number(services), outdir, lattice)));
}
