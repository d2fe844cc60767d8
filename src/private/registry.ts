import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { invalid } from './validation';
import type { IListener, Listener } from '../listener';
import type { ListenerRule } from '../listener-rule';
import type { ILatticeService } from '../service';
import type { IServiceNetwork } from '../service-network';

/*
 * What the app has associated so far. Associations are recorded here rather than on the constructs themselves, so that
 * imported networks and services take part like the ones defined in the app.
 */
const servicesByNetwork = new WeakMap<IServiceNetwork, ILatticeService[]>();
const networksByService = new WeakMap<ILatticeService, IServiceNetwork[]>();
const vpcAssociationsByApp = new WeakMap<IConstruct, Map<string, string>>();
const listenersByService = new WeakMap<ILatticeService, Listener[]>();
const rulesByListener = new WeakMap<IListener, ListenerRule[]>();

export function recordListener(service: ILatticeService, listener: Listener) {
  listenersByService.set(service, [...listenersOf(service), listener]);
}

/** The listeners defined in this app for a service (imported services may have others, unknown here). */
export function listenersOf(service: ILatticeService): Listener[] {
  return listenersByService.get(service) ?? [];
}

export function recordRule(listener: IListener, rule: ListenerRule) {
  rulesByListener.set(listener, [...rulesOf(listener), rule]);
}

export function rulesOf(listener: IListener): ListenerRule[] {
  return rulesByListener.get(listener) ?? [];
}

export function recordServiceAssociation(network: IServiceNetwork, service: ILatticeService) {
  servicesByNetwork.set(network, [...servicesOf(network), service]);
  networksByService.set(service, [...networksOf(service), network]);
}

export function servicesOf(network: IServiceNetwork): ILatticeService[] {
  return servicesByNetwork.get(network) ?? [];
}

export function networksOf(service: ILatticeService): IServiceNetwork[] {
  return networksByService.get(service) ?? [];
}

/**
 * A VPC can be associated with only one service network (VPC Lattice answers a second association with a
 * ConflictException at deploy time), so a second association of the same VPC anywhere in the app is an error now.
 * The same VPC is the same construct, or the same literal VPC ID imported twice.
 */
export function recordVpcAssociation(association: IConstruct, vpc: ec2.IVpc) {
  const app = association.node.root;
  const seen = vpcAssociationsByApp.get(app) ?? new Map<string, string>();
  vpcAssociationsByApp.set(app, seen);
  const keys = [`construct:${vpc.node.path}`];
  if (!Token.isUnresolved(vpc.vpcId)) {
    keys.push(`id:${vpc.vpcId}`);
  }
  for (const key of keys) {
    const earlier = seen.get(key);
    if (earlier) {
      throw invalid(association, 'vpc', Token.isUnresolved(vpc.vpcId) ? `${vpc.node.path}` : vpc.vpcId,
        `this VPC is already associated with a service network by ${earlier}, and a VPC can be associated with only one service network. ` +
        'To reach several networks from one VPC, use a service-network VPC endpoint.');
    }
  }
  for (const key of keys) {
    seen.set(key, association.node.path);
  }
}
