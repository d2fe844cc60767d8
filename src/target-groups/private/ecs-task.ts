import { Token } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { awsEcs } from '../../private/lazy';
import { checkString, invalidValueError } from '../../private/validation';

/** The port mapping of a container that VPC Lattice sends requests to, and the name ECS knows it by. */
export interface SelectedPortMapping {
  readonly container: ecs.ContainerDefinition;
  readonly containerPort: number;
  readonly portName: string;
}

/**
 * The port-mapping names ECS accepts (the `name` of `portMappings` in the CloudFormation documentation of
 * AWS::ECS::TaskDefinition): up to 64 lowercase letters, digits, `_` and `-`, not starting with `-`.
 */
const PORT_NAME = {
  min: 1,
  max: 64,
  pattern: /^[a-z0-9_][a-z0-9_-]*$/,
  what: "ECS takes port-mapping names of up to 64 characters of a-z, 0-9, '_' and '-', not starting with '-'",
};

/**
 * ECS registers each task's own IP address in the target group; only tasks in the awsvpc network mode have one (in
 * the bridge and host modes tasks share their instance's address).
 */
export function checkAwsVpcNetworkMode(scope: IConstruct, service: ecs.BaseService) {
  const mode = service.taskDefinition.networkMode;
  if (mode !== awsEcs().NetworkMode.AWS_VPC && !Token.isUnresolved(mode)) {
    throw invalidValueError(scope, 'service', service.node.path,
      `its task definition ${service.taskDefinition.node.path} uses the '${mode}' network mode, but ECS registers each task's own IP address ` +
      "in a VPC Lattice target group, which only tasks in the 'awsvpc' network mode have. Use NetworkMode.AWS_VPC (Fargate tasks always do)");
  }
}

/**
 * Finds the container and the port mapping VPC Lattice sends requests to: the given ones, or the task definition's
 * default container and its first port mapping. ECS names the port in the service's VPC Lattice configuration, so a
 * mapping without a name gets one (in the L2 model, so that the task definition renders it).
 */
export function selectPortMapping(
  scope: IConstruct,
  taskDefinition: ecs.TaskDefinition,
  containerName?: string,
  containerPort?: number,
): SelectedPortMapping {
  const container = findContainer(scope, taskDefinition, containerName);
  const mappings = container.portMappings;
  const index = containerPort === undefined ? 0 : mappings.findIndex(mapping => mapping.containerPort === containerPort && isTcp(mapping));
  if (mappings.length === 0) {
    throw invalidValueError(scope, 'containerPort', containerPort, `the container '${container.containerName}' has no port mappings; ` +
      `add the port it serves on with addPortMappings({ containerPort }) (${container.node.path})`);
  }
  if (index < 0) {
    throw invalidValueError(scope, 'containerPort', containerPort, `is not a TCP port mapping of the container '${container.containerName}'; ` +
      `its port mappings are ${mappings.map(describe).join(', ')}. Give one of its TCP ports, or add the port with addPortMappings`);
  }
  const mapping = mappings[index];
  if (!isTcp(mapping) || mapping.containerPort === awsEcs().ContainerDefinition.CONTAINER_PORT_USE_RANGE) {
    throw invalidValueError(scope, 'containerPort', containerPort, `the first port mapping of the container '${container.containerName}' is ` +
      `${describe(mapping)}, but VPC Lattice sends requests over TCP to one port. Give containerPort, one of ${mappings.map(describe).join(', ')}`);
  }
  let portName = mapping.name;
  if (portName === undefined) {
    portName = freePortName(taskDefinition, container, mapping.containerPort);
    mappings[index] = { ...mapping, name: portName };
    if (container.portMappings[index]?.name !== portName) {
      throw invalidValueError(scope, 'containerPort', mapping.containerPort, 'this version of aws-cdk-lib does not let the library name the port mapping of ' +
        `the container '${container.containerName}', which ECS needs; give the mapping a name yourself (portMappings: [{ containerPort, name }])`);
    }
  }
  checkString(scope, `port-mapping name of container '${container.containerName}'`, portName, PORT_NAME);
  return { container, containerPort: mapping.containerPort, portName };
}

function findContainer(scope: IConstruct, taskDefinition: ecs.TaskDefinition, containerName?: string): ecs.ContainerDefinition {
  const container = containerName === undefined ? taskDefinition.defaultContainer : taskDefinition.findContainer(containerName);
  if (container) { return container; }
  const names = containersOf(taskDefinition).map(c => `'${c.containerName}'`);
  const known = names.length > 0 ? `its containers are ${names.join(', ')}` : 'it has no containers yet (add them before the target group)';
  if (containerName === undefined) {
    throw invalidValueError(scope, 'containerName', containerName,
      `give the container: the task definition ${taskDefinition.node.path} has no essential container to default to; ${known}`);
  }
  throw invalidValueError(scope, 'containerName', containerName, `is not a container of the task definition ${taskDefinition.node.path}; ${known}`);
}

/**
 * The containers of a task definition, in the order they were added, for messages: its own children
 * (`taskDefinition.addContainer` makes them there; aws-cdk-lib keeps its list of containers to itself).
 */
function containersOf(taskDefinition: ecs.TaskDefinition): ecs.ContainerDefinition[] {
  return taskDefinition.node.children
    .filter((c): c is ecs.ContainerDefinition => c instanceof awsEcs().ContainerDefinition && c.taskDefinition === taskDefinition);
}

/** `<container>-<port>-tcp` in the characters ECS allows, unique among the port names of the task definition. */
function freePortName(taskDefinition: ecs.TaskDefinition, container: ecs.ContainerDefinition, port: number): string {
  // The task definition answers for the port names of all its containers, wherever they were made.
  const taken = { has: (name: string) => taskDefinition.findPortMappingByName(name) !== undefined };
  const base = Token.isUnresolved(container.containerName) ? 'container'
    : container.containerName.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^-+/, '') || 'container';
  const portPart = Token.isUnresolved(port) ? 'port' : String(port);
  for (let n = 1; ; n++) {
    const suffix = `-${portPart}-tcp${n === 1 ? '' : `-${n}`}`;
    const name = `${base.slice(0, PORT_NAME.max - suffix.length)}${suffix}`;
    if (!taken.has(name)) { return name; }
  }
}

function isTcp(mapping: ecs.PortMapping): boolean {
  return (mapping.protocol ?? awsEcs().Protocol.TCP) === awsEcs().Protocol.TCP;
}

function describe(mapping: ecs.PortMapping): string {
  const port = mapping.containerPort === awsEcs().ContainerDefinition.CONTAINER_PORT_USE_RANGE ? mapping.containerPortRange : mapping.containerPort;
  return `${port}/${mapping.protocol ?? awsEcs().Protocol.TCP}`;
}
