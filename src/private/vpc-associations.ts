import { Stack, Stage, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { invalidValueError } from './validation';

/** A VPC association as the registry knows it. */
interface VpcAssociation extends IConstruct {
  readonly vpc: ec2.IVpc;
}

/** Which association holds each VPC construct: a construct is one VPC wherever it is used. */
const associationOfVpc = new WeakMap<ec2.IVpc, VpcAssociation>();

/**
 * Which association holds each literal VPC ID, per stage (an app is one): the same ID imported twice is one VPC within
 * a stage, while two stages usually deploy to different accounts, where the same ID would be two VPCs.
 */
const associationOfVpcId = new WeakMap<IConstruct, Map<string, VpcAssociation>>();

/**
 * Records that `association` associates its VPC with a service network, after checking that no other association of
 * the app holds the VPC: a VPC can be associated with only one service network (VPC Lattice answers a second
 * association with a ConflictException at deploy time; docs/lattice-facts.md). The same VPC is the same construct, or
 * the same literal VPC ID imported twice. The registry is the owner of this fact, so no scan of the app is needed.
 */
export function claimVpc(association: VpcAssociation): void {
  const vpc = association.vpc;
  const literalId = Token.isUnresolved(vpc.vpcId) ? undefined : vpc.vpcId;
  const byId = literalId === undefined ? undefined : idsOfStage(association);
  const earlier = associationOfVpc.get(vpc) ?? byId?.get(literalId!);
  if (earlier) {
    throw invalidValueError(association, 'vpc', literalId ?? vpc.node.path,
      `this VPC is already associated with a service network by ${earlier.node.path}, and a VPC can be associated with only one service network. ` +
      'To reach more networks from this VPC, give it a service-network VPC endpoint instead: network.addVpcEndpoint(vpc) (a VPC may have ' +
      'endpoints to several networks besides its one association).');
  }
  associationOfVpc.set(vpc, association);
  byId?.set(literalId!, association);
}

function idsOfStage(association: IConstruct): Map<string, VpcAssociation> {
  const stage: IConstruct = Stage.of(association) ?? Stack.of(association);
  let ids = associationOfVpcId.get(stage);
  if (!ids) {
    ids = new Map();
    associationOfVpcId.set(stage, ids);
  }
  return ids;
}
