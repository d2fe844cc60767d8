/* eslint-disable @typescript-eslint/no-require-imports */
import type * as net from 'net';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as cr from 'aws-cdk-lib/custom-resources';
import type * as metrics from './metrics';
import type * as lookup from '../lookup/lookup';

/*
 * What only some apps use is loaded when it is first used, not with the library, so that loading the library stays
 * cheap (`npm run bench -- --load` measures it). A module imported with `import` is loaded when the library is; the
 * modules below are imported with `import type` where their types are named, and reached through these functions where
 * their classes are used, which loads them then.
 */

/** `load`, called once, when the value is first asked for. */
export function lazy<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/** aws-cdk-lib modules of targets, custom domains and deploy-time lookups. */
export const awsCertificateManager = lazy(() => require('aws-cdk-lib/aws-certificatemanager') as typeof acm);
export const awsEcs = lazy(() => require('aws-cdk-lib/aws-ecs') as typeof ecs);
export const awsElasticLoadBalancingV2 = lazy(() => require('aws-cdk-lib/aws-elasticloadbalancingv2') as typeof elbv2);
export const awsLambda = lazy(() => require('aws-cdk-lib/aws-lambda') as typeof lambda);
export const awsLogs = lazy(() => require('aws-cdk-lib/aws-logs') as typeof logs);
export const awsRds = lazy(() => require('aws-cdk-lib/aws-rds') as typeof rds);
export const awsRoute53 = lazy(() => require('aws-cdk-lib/aws-route53') as typeof route53);
export const customResources = lazy(() => require('aws-cdk-lib/custom-resources') as typeof cr);

/** Node's `net.isIPv4` and `net.isIPv6`, for the addresses of targets and resources. */
const nodeNet = lazy(() => require('net') as typeof net);
export const isIPv4 = (address: string) => nodeNet().isIPv4(address);
export const isIPv6 = (address: string) => nodeNet().isIPv6(address);

/** The metrics of services and target groups, made when one is first asked for. */
export const latticeMetrics = lazy(() => require('./metrics') as typeof metrics);

/** The deploy-time lookups by name: a Lambda function, its provider and their roles, made by the first lookup of a stack. */
export const deployTimeLookups = lazy(() => require('../lookup/lookup') as typeof lookup);
