import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { checkList, invalidValueError, isToken } from './validation';

const PORT_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/**
 * Checks the port ranges of a resource configuration (`'5432'`, `'8000-8100'`) and gives them as TCP ports; undefined
 * when they are not known at synth (the list or one of its ranges is a token).
 */
export function portRangesToPorts(scope: IConstruct, property: string, ranges: string[] | undefined): ec2.Port[] | undefined {
  if (!checkList(scope, property, ranges)) { return undefined; }
  if (ranges.length === 0) {
    throw invalidValueError(scope, property, ranges, "give at least one port ('5432') or range ('8000-8100')");
  }
  const ports = ranges.map((range, index) => {
    if (isToken(range)) { return undefined; }
    // A number is not taken for a string: CloudFormation wants strings.
    const match = typeof range === 'string' ? PORT_RANGE.exec(range) : null;
    const [from, to] = match ? [Number(match[1]), Number(match[2] ?? match[1])] : [NaN, NaN];
    if (!match || from < 1 || to > 65535 || from > to) {
      throw invalidValueError(scope, property, range, "each range is a port ('5432') or two ports joined by '-' ('8000-8100'), from 1 to 65535, the lower first");
    }
    if (ranges.indexOf(range) !== index) {
      throw invalidValueError(scope, property, range, 'each range may be listed once');
    }
    return from === to ? ec2.Port.tcp(from) : ec2.Port.tcpRange(from, to);
  });
  return ports.every(port => port !== undefined) ? ports as ec2.Port[] : undefined;
}
