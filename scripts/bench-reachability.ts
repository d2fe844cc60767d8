/*
 * Part of `npm run bench`: how long `Reachability.of(app)` takes on the bench's library app (scripts/bench-apps.ts),
 * 200 services behind one network with a VPC association (`--sizes` and `--reps` as bench.ts takes them). It loads the
 * compiled lib/ as a user's app would; the app is built once per size, and the answer is timed alone, median of the reps.
 */
import { App } from 'aws-cdk-lib';
import { libraryApp } from './bench-apps';
import { median, requireCompiledLib } from './load-time';
import type * as Lattice from 'cdk-vpc-lattice';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lattice = require(requireCompiledLib()) as typeof Lattice;
const sizes = (option('sizes') ?? '200').split(',').map(Number);
const reps = Number(option('reps') ?? '5');
for (const services of sizes) {
  const app = new App({ context: { 'aws:cdk:disable-creation-stack-traces': true } });
  libraryApp(app, services, lattice);
  const times: number[] = [];
  let paths = 0;
  for (let rep = 0; rep < reps; rep++) {
    const start = process.hrtime.bigint();
    paths = (lattice.Reachability.of(app).toJson() as unknown[]).length;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(`Reachability.of(app), ${services} services: ${median(times).toFixed(0)} ms (median of ${reps}; ${paths} paths)`);
}
