/*
 * The speed of the access answers: `AccessMatrix.of(app)` on the bench's library app (scripts/bench-apps.ts: per
 * service a listener, rules and a grant to a role of its own), built with the compiled lib/ as a user's app loads it.
 * Every role is answered for every listener: roles x services answers. `npm run bench` prints the line after its table;
 * `ts-node scripts/bench-answers.ts [services]` prints it alone.
 */
import { performance } from 'perf_hooks';
import { App } from 'aws-cdk-lib';
import { libraryApp } from './bench-apps';
import { median, requireCompiledLib } from './load-time';
import type * as Lattice from 'cdk-vpc-lattice';

export function benchAnswers(services = 200, reps = 3): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lattice = require(requireCompiledLib()) as typeof Lattice;
  const times: number[] = [];
  let answers = 0;
  let decisions = '';
  for (let rep = 0; rep < reps; rep++) {
    const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
    libraryApp(app, services, lattice);
    const started = performance.now();
    const matrix = lattice.AccessMatrix.of(app);
    times.push(performance.now() - started);
    answers = matrix.entries.length;
    const count = (decision: string) => matrix.entries.filter(entry => entry.decision === decision).length;
    decisions = `${count('ALLOW')} ALLOW, ${count('DENY')} DENY, ${count('UNKNOWN')} UNKNOWN`;
  }
  return `Access matrix of a ${services}-service app: ${answers} answers (${decisions}) in ${median(times).toFixed(0)} ms `
    + `(median of ${reps}; ${times.map(time => time.toFixed(0)).join(', ')} ms)`;
}

if (require.main === module) {
  console.log(benchAnswers(Number(process.argv[2] ?? 200)));
}
