import { Stage } from 'aws-cdk-lib';
import type { CfnResourceConfiguration } from 'aws-cdk-lib/aws-vpclattice';
import { IConstruct } from 'constructs';
import { literal, lookedUpName } from './names';

/**
 * What a resource configuration of this app wrote into its CloudFormation resource, recorded where it writes it, so
 * that the topology and the reachability answers need not read the resource back.
 */
export interface ConfigurationFacts {
  readonly type?: string;
  readonly definition?: CfnResourceConfiguration.ResourceConfigurationDefinitionProperty | unknown;
  readonly customDomain?: string;
  readonly domainVerificationId?: string;
  readonly groupDomain?: string;
  readonly portRanges?: string[];
}

const factsOfConfiguration = new WeakMap<IConstruct, ConfigurationFacts>();

/** Records what `configuration` wrote into its resource. */
export function recordConfigurationFacts(configuration: IConstruct, facts: ConfigurationFacts): void {
  factsOfConfiguration.set(configuration, facts);
}

/** What `configuration` wrote into its resource; undefined for an import. */
export function configurationFacts(configuration: IConstruct): ConfigurationFacts | undefined {
  return factsOfConfiguration.get(configuration);
}

/** The resource configurations defined in each stage (an app is one), by their literal name in VPC Lattice. */
const configurationsByName = new WeakMap<IConstruct, Map<string, IConstruct>>();

function stageOf(construct: IConstruct): IConstruct {
  return Stage.of(construct) ?? construct.node.root;
}

/**
 * Records a resource configuration this app defines under a literal name, so that the topology can link an import by
 * that name to the configuration it finds, without a scan.
 */
export function recordConfigurationName(configuration: IConstruct, name: string | undefined): void {
  if (!literal(name)) { return; }
  const stage = stageOf(configuration);
  let names = configurationsByName.get(stage);
  if (!names) {
    names = new Map();
    configurationsByName.set(stage, names);
  }
  if (!names.has(name)) { names.set(name, configuration); }
}

/** The configuration of the same stage that an import by name finds at deploy time, when this app defines it. */
export function configurationLookedUp(configuration: IConstruct): IConstruct | undefined {
  const name = lookedUpName(configuration);
  const found = !literal(name) ? undefined : configurationsByName.get(stageOf(configuration))?.get(name);
  return found === configuration ? undefined : found;
}
