import { App, AppProps, CfnParameter, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { HealthCheck } from 'cdk-vpc-lattice';

/**
 * An app that fails synthesis on any template CloudFormation's registry schemas would reject.
 */
export function strictApp(props: AppProps = {}): App {
  return new App({ ...WITHOUT_STACK_TRACES, ...props, context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...WITHOUT_STACK_TRACES.context, ...props.context } });
}

/**
 * What a test app records of stack traces: none. aws-cdk-lib captures one for every CloudFormation resource, metadata
 * entry and message, and under jest each one is mapped through the test files' source maps: with them, the property
 * and protocol-table tests took 23.3 s instead of 16.0 s in one process. No test reads them, and aws-cdk's own
 * integration tests turn creation stack traces off too.
 */
export const WITHOUT_STACK_TRACES = { stackTraces: false, context: { 'aws:cdk:disable-creation-stack-traces': true } } as const;

/** A stack in a strict app. */
export function strictStack(props: StackProps = {}): Stack {
  return new Stack(strictApp(), 'Stack', props);
}

/** A bad input: what it is, how a test builds it on a fixture, and the message it must be rejected with. */
export type BadInput<F> = [string, (fixture: F) => unknown, RegExp];

/**
 * One test per bad input: building it and synthesizing the fixture's stack throws the expected message (construct
 * path, property, value and what is allowed), whether the check runs at construction or at synth.
 */
export function rejectsEachBadInput<F extends { readonly stack: Stack }>(badInputs: Array<BadInput<F>>, fixture: () => F) {
  describe('bad input is rejected at synth with a message that says what is allowed', () => {
    test.each(badInputs)('%s', (_name, build, message) => {
      const f = fixture();
      expect(() => {
        build(f);
        Template.fromStack(f.stack);
      }).toThrow(message);
    });
  });
}

/**
 * A pattern matching `text` anywhere in a message, with its regular-expression characters escaped: used for the part
 * that names the construct path, the property and the value given, like `Stack/N: invalid serviceNetworkName
 * 'Platform'`, so that what is allowed, after it, may be worded differently.
 */
export function named(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** What a JavaScript caller (or a jsii language) may pass where the types say otherwise. */
export function wrong(value: unknown): any {
  return value;
}

/** Values only known at deploy time: CloudFormation parameters of the stack, as tokens. */
export function deployTimeValues(stack: Stack) {
  const text = (name: string) => new CfnParameter(stack, name, { type: 'String' }).valueAsString;
  const number = (name: string) => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
  /** A health check whose every setting is a deploy-time value. */
  const healthCheck = (): HealthCheck => ({
    interval: Duration.seconds(number('Interval')),
    timeout: Duration.seconds(number('Timeout')),
    healthyThresholdCount: number('Healthy'),
    unhealthyThresholdCount: number('Unhealthy'),
    path: text('Path'),
    port: number('HealthPort'),
    healthyHttpCodes: text('Codes'),
  });
  return { text, number, healthCheck };
}

/** A VPC of two Availability Zones with isolated subnets only (no NAT gateway), in `cidr`; `props` override. */
export function isolatedVpc(scope: Construct, id: string, cidr: string, props: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(scope, id, {
    ipAddresses: ec2.IpAddresses.cidr(cidr),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    ...props,
  });
}
