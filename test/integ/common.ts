import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, AppProps, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';

/*
 * What the integ tests share: the app (strict template validation and cdk-nag, as CI synthesizes it), VPCs, the caller
 * and client Lambda functions, small servers on EC2 instances, and the assertion that invokes a function until it
 * answers as expected. Everything is destroyed with its stacks: log groups have RemovalPolicy.DESTROY and nothing is
 * protected against termination.
 */

/** An integ app as CI and a deployment synthesize it: schema violations and unacknowledged cdk-nag findings fail it. */
export function integApp(props: AppProps = {}): App {
  const app = new App({
    ...props,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      // The assertion stack reads the test stack's outputs; the runner destroys it first.
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      ...props.context,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

/** A log group that goes with its stack. */
export function logGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
}

/**
 * A VPC in two Availability Zones with flow logs. Isolated subnets (no internet) unless `natGateway`, which gives
 * public subnets and private ones behind one NAT gateway (for ECS tasks that pull images).
 */
export function integVpc(scope: Construct, id: string, cidr: string, options: { readonly natGateway?: boolean } = {}): ec2.Vpc {
  const flowLogs = logGroup(scope, `${id}FlowLogs`);
  return new ec2.Vpc(scope, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: options.natGateway ? 1 : 0,
    subnetConfiguration: options.natGateway
      ? [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }, { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }]
      : [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL, destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) } },
  });
}

/** The Lambda functions of test/integ/handlers: the HTTP caller, and the TCP and TLS client. */
export type ClientHandler = 'http-caller' | 'tcp-client';

const bundles = new Map<ClientHandler, string>();

/**
 * The handler bundled by esbuild (the project's own, in this process: no Docker, no network), once per process, into a
 * folder named after the bundle's hash, so that its asset hash depends on the code alone. The AWS SDK is left to the
 * Lambda runtime; @smithy/signature-v4 is bundled.
 */
function handlerBundle(handler: ClientHandler): string {
  const cached = bundles.get(handler);
  if (cached) {
    return cached;
  }
  const root = path.join(__dirname, '..', '..');
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'handlers', `${handler}.ts`)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    write: false,
    outfile: 'index.js',
  });
  const code = result.outputFiles[0].contents;
  const dir = path.join(os.tmpdir(), 'cdk-vpc-lattice-integ', createHash('sha256').update(code).digest('hex'));
  if (!fs.existsSync(path.join(dir, 'index.js'))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.js'), code);
  }
  bundles.set(handler, dir);
  return dir;
}

/** A function in `vpc` running one of test/integ/handlers (see handlerBundle). Its role is its identity as a caller. */
export function clientFunction(scope: Construct, id: string, vpc: ec2.IVpc, handler: ClientHandler,
  options: { readonly securityGroups?: ec2.ISecurityGroup[] } = {}): lambda.Function {
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
  });
  acknowledgeTestOnly(role, 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
    'the managed policy a function in a VPC needs for its network interfaces and logs; this test caller lives for one test run');
  return new lambda.Function(scope, id, {
    code: lambda.Code.fromAsset(handlerBundle(handler)),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    vpc,
    vpcSubnets: { subnets: vpc.isolatedSubnets.length ? vpc.isolatedSubnets : vpc.privateSubnets },
    securityGroups: options.securityGroups,
    role,
    timeout: Duration.minutes(3),
    logGroup: logGroup(scope, `${id}Logs`),
  });
}

/**
 * A Lambda function, target of a LAMBDA target group, that answers every request with 200 and `name` as its body, so
 * that a caller sees which target answered.
 */
export function answeringFunction(scope: Construct, id: string, name: string): lambda.Function {
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  acknowledgeTestOnly(role, 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'the managed policy that lets a function write its logs; this test target lives for one test run');
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      `exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "text/plain" }, body: ${JSON.stringify(name)} });`),
    role,
    logGroup: logGroup(scope, `${id}Logs`),
  });
}

/** A Python HTTP server answering 200 and `name` to every GET, whatever the path, on `port`. */
export function httpServerScript(name: string, port: number): string {
  return [
    "cat > /srv/web.py <<'EOF'",
    'import http.server',
    'class Name(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    `        body = b"${name}"`,
    '        self.send_response(200)',
    '        self.send_header("content-type", "text/plain")',
    '        self.send_header("content-length", str(len(body)))',
    '        self.end_headers()',
    '        self.wfile.write(body)',
    `http.server.ThreadingHTTPServer(("", ${port}), Name).serve_forever()`,
    'EOF',
    'nohup python3 /srv/web.py &',
  ].join('\n');
}

/** A Python TCP server echoing each line it receives, on `port`. */
export function echoServerScript(port: number): string {
  return [
    "cat > /srv/echo.py <<'EOF'",
    'import socketserver',
    'class Echo(socketserver.StreamRequestHandler):',
    '    def handle(self):',
    '        self.wfile.write(self.rfile.readline())',
    'socketserver.ThreadingTCPServer.allow_reuse_address = True',
    `socketserver.ThreadingTCPServer(("", ${port}), Echo).serve_forever()`,
    'EOF',
    'nohup python3 /srv/echo.py &',
  ].join('\n');
}

/** An OpenSSL TLS server on `port` whose self-signed certificate has the common name `name`. */
export function tlsServerScript(name: string, port: number): string {
  return [
    `openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=${name} -keyout /srv/key.pem -out /srv/cert.pem`,
    `nohup openssl s_server -accept ${port} -cert /srv/cert.pem -key /srv/key.pem -www &`,
  ].join('\n');
}

/**
 * A small Amazon Linux 2023 instance in `vpc` that runs `script` at boot (python3 and openssl are in the image: no
 * internet needed). Its security group lets nothing in or out until a target group or a resource gateway opens it.
 */
export function serverInstance(scope: Construct, id: string, vpc: ec2.IVpc, script: string): ec2.Instance {
  const instance = new ec2.Instance(scope, id, {
    vpc,
    vpcSubnets: { subnets: vpc.isolatedSubnets.length ? vpc.isolatedSubnets : vpc.privateSubnets },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    allowAllOutbound: false,
    detailedMonitoring: true,
    requireImdsv2: true,
    blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
    userData: ec2.UserData.custom(`#!/bin/bash\nmkdir -p /srv\n${script}\n`),
  });
  acknowledgeTestOnly(instance, 'AwsSolutions::AwsSolutions-EC29',
    'an integ test instance is destroyed with its stack at the end of the run, which termination protection would prevent');
  return instance;
}

/** A cdk-nag acknowledgment for something that exists only for the length of an integ test run. */
export function acknowledgeTestOnly(scope: Construct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason: `Integ test only: ${reason}.` });
}

/**
 * An integ test of `stacks` with its assertions in a stack of its own (`<name>Assertions`). The assertion providers
 * (integ-tests-alpha's Lambda functions and, for waitForAssertions, its Step Functions state machine) carry the
 * acknowledgments cdk-nag needs, with their reasons.
 */
export function integTest(app: App, name: string, stacks: Stack[]): { readonly integ: IntegTest; readonly assertions: Stack } {
  const assertions = new Stack(app, `${name}Assertions`);
  const integ = new IntegTest(app, name, {
    testCases: stacks,
    assertionStack: assertions,
    diffAssets: true,
    // Each test deploys once from nothing: an update from the previous snapshot would double the time and the cost.
    stackUpdateWorkflow: false,
    cdkCommandOptions: { destroy: { args: { force: true } } },
  });
  return { integ, assertions };
}

/**
 * Invokes `fn` with `payload` until its answer has `expected` at `field` (of the function's JSON result), for up to
 * `totalTimeout`: DNS, security groups, health checks and IAM take a little while to settle after a deployment.
 */
export function expectAnswer(test: { readonly integ: IntegTest; readonly assertions: Stack }, fn: lambda.IFunction, payload: object,
  field: string, expected: unknown, totalTimeout = Duration.minutes(10)): IApiCall {
  const call = test.integ.assertions.invokeFunction({ functionName: fn.functionName, payload: test.assertions.toJsonString(payload) });
  call.assertAtPath(`Payload.${field}`, ExpectedResult.exact(expected)).waitForAssertions({ totalTimeout, interval: Duration.seconds(30) });
  return call;
}

/**
 * The pattern that matches a CloudFormation resource schema (JSON text) when each of `properties` is create-only (true)
 * or not (false, nor any of its sub-properties) in its `createOnlyProperties`: one lookahead per property.
 */
export function createOnlyPattern(properties: Record<string, boolean>): string {
  const list = '[\\s\\S]*"createOnlyProperties"\\s*:\\s*\\[';
  return '^' + Object.entries(properties).map(([property, createOnly]) => createOnly
    ? `(?=${list}[^\\]]*"/properties/${property}")`
    : `(?=${list}(?![^\\]]*"/properties/${property}[/"]))`).join('');
}

/**
 * Asserts, for each of `properties` of the CloudFormation resource type `typeName`, whether it is create-only (a change
 * replaces the resource: true) or not (a change updates it in place: false) in the schema CloudFormation uses in the
 * Region of the run (DescribeType `Schema`). This settles what a change would do without an update of a deployed stack.
 */
export function expectCreateOnly(test: { readonly integ: IntegTest }, typeName: string, properties: Record<string, boolean>): IApiCall {
  return test.integ.assertions.awsApiCall('CloudFormation', 'describeType', { Type: 'RESOURCE', TypeName: typeName })
    .expect(ExpectedResult.objectLike({ Schema: Match.stringLikeRegexp(createOnlyPattern(properties)) }));
}
