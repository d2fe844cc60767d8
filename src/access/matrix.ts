import { Annotations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { AccessDecision } from './answer';
import type * as decision from './decision';
import type * as facts from './facts';
import type { ILatticeService } from '../interfaces';
import { lazy } from '../private/lazy';

/* eslint-disable @typescript-eslint/no-require-imports */
const accessDecision = lazy(() => require('./decision') as typeof decision);
const accessFacts = lazy(() => require('./facts') as typeof facts);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * One cell of the access matrix: what a principal of the app may do on one listener of a service.
 */
export interface AccessMatrixEntry {
  /** The principal's construct path, or `anonymous` for unsigned callers. */
  readonly principal: string;
  /** The service's construct path. */
  readonly service: string;
  /** The listener: its protocol and construct path. */
  readonly listener: string;
  /** What VPC Lattice would decide for a request whose method and path are not known. */
  readonly decision: AccessDecision;
  /** The methods and paths the service's auth policy restricts this principal to, when it names them. */
  readonly restrictions: string;
  /** How the decision was reached. */
  readonly reasons: string[];
}

/**
 * Every principal of the app that may call VPC Lattice services (IAM roles whose policies can allow
 * `vpc-lattice-svcs:` actions, and anonymous callers) by every listener of every service defined in the app, each
 * answered as `service.canInvoke` answers.
 *
 * Reading the matrix also warns (`cdk-vpc-lattice:noCallerInApp`) on each AWS_IAM service whose auth policy allows
 * someone but which no principal of the app may call.
 */
export class AccessMatrix {
  /**
   * The access matrix of every service and principal under `scope`, usually the app.
   */
  public static of(scope: IConstruct): AccessMatrix {
    return new AccessMatrix(scope);
  }

  /** Principal by listener, principals in the order of the app, anonymous callers last. */
  public readonly entries: AccessMatrixEntry[];

  private constructor(scope: IConstruct) {
    const constructs = scope.node.findAll();
    const services = constructs.filter((c): c is ILatticeService => 'canInvoke' in c && 'serviceArn' in c && (c as { authType?: string }).authType !== undefined);
    const { serviceFacts, callerFacts } = accessFacts();
    const { answer, mayUseLattice, restrictionsFor } = accessDecision();
    const principals = constructs.filter((c): c is iam.Role => c instanceof iam.Role).map(role => callerFacts(role, undefined)).filter(mayUseLattice);
    const callers = [...principals, undefined];
    this.entries = [];
    for (const service of services) {
      const known = serviceFacts(service);
      const rows = known.listeners.flatMap(listener => callers.map(caller => {
        const result = answer({ ...known, listeners: [listener] }, caller, {}, service);
        return {
          principal: caller?.label ?? 'anonymous',
          service: known.label,
          listener: listener.label,
          decision: result.decision,
          restrictions: result.decision === AccessDecision.DENY ? '' : restrictionsFor(known, listener, caller, service),
          reasons: result.reasons,
        };
      }));
      this.entries.push(...rows);
      if (known.service.authType === 'AWS_IAM' && known.service.statements.some(s => s.json.Effect === 'Allow')
        && rows.length > 0 && rows.every(row => row.decision === AccessDecision.DENY)) {
        Annotations.of(service).addWarningV2('cdk-vpc-lattice:noCallerInApp',
          'No principal of this app may call this service, and neither may anonymous callers: every request from them gets 403 ' +
          '(AccessDeniedException). If callers outside the app are meant, acknowledge this warning; otherwise grant a role of the app ' +
          'with service.grantInvoke(role), and check the service network\'s auth policy.');
      }
    }
  }

  /** The matrix as Markdown: one table per service, a row per principal and listener. */
  public toMarkdown(): string {
    const lines = ['# Access matrix', '', 'What VPC Lattice would decide for each principal of the app, as `service.canInvoke` answers ' +
      'for a request whose method and path are not known. UNKNOWN: a value known only at deploy time, or a fact the app cannot know, decides it.'];
    const bySevice = new Map<string, AccessMatrixEntry[]>();
    this.entries.forEach(entry => bySevice.set(entry.service, [...bySevice.get(entry.service) ?? [], entry]));
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    for (const [service, entries] of bySevice) {
      lines.push('', `## ${service}`, '', '| Principal | Listener | Decision | Methods and paths | Why |', '|---|---|---|---|---|');
      for (const entry of entries) {
        lines.push(`| ${cell(entry.principal)} | ${cell(entry.listener)} | ${entry.decision} | ${cell(entry.restrictions)} | ${cell(entry.reasons.join('; '))} |`);
      }
    }
    if (bySevice.size === 0) { lines.push('', 'No service is defined in this app.'); }
    return `${lines.join('\n')}\n`;
  }

  /** The matrix as JSON: the entries. */
  public toJson(): any {
    return { entries: this.entries };
  }
}
