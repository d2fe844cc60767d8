/*
 * `npm run bench -- --load`: what loading the library adds to loading aws-cdk-lib. Each measurement is a fresh
 * `node` process that loads `aws-cdk-lib` alone, or `aws-cdk-lib` and then the compiled library (lib/index.js, as a
 * user's app loads it), and reports the wall time and the CPU time of those `require` calls; the two kinds are
 * interleaved and the medians compared. Options: `--reps 15`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const LIBRARY = path.join(ROOT, 'lib', 'index.js');

type LoadKind = 'aws-cdk-lib' | 'aws-cdk-lib + library';

interface LoadResult {
  /** Wall time of the `require` calls, in milliseconds. */
  readonly ms: number;
  /** CPU time (user + system) of the `require` calls, in milliseconds. */
  readonly cpuMs: number;
  /** Modules loaded by the `require` calls. */
  readonly modules: number;
}

/** The child's program: the `require` calls measured, then one line of JSON. */
function childProgram(kind: LoadKind): string {
  const requires = kind === 'aws-cdk-lib' ? ['aws-cdk-lib'] : ['aws-cdk-lib', LIBRARY];
  return [
    'const start = process.hrtime.bigint(), cpu = process.cpuUsage();',
    ...requires.map(name => `require(${JSON.stringify(name)});`),
    'const used = process.cpuUsage(cpu), ms = Number(process.hrtime.bigint() - start) / 1e6;',
    'console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, modules: Object.keys(require.cache).length }));',
  ].join('\n');
}

function measure(kind: LoadKind): LoadResult {
  // From the project's folder, so that `aws-cdk-lib` resolves to the copy the library itself loads.
  const result = spawnSync(process.execPath, ['-e', childProgram(kind)], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`loading ${kind} failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Measures and prints the load times; returns the median wall time the library adds, in milliseconds. */
export function measureLoadTime(reps: number): number {
  if (!fs.existsSync(LIBRARY)) {
    throw new Error('lib/ is missing: run `npx projen compile` first (the bench task does)');
  }
  const kinds: LoadKind[] = ['aws-cdk-lib', 'aws-cdk-lib + library'];
  const results = new Map<LoadKind, LoadResult[]>(kinds.map(kind => [kind, []]));
  // One warm-up of each (the file system cache), then the measured runs, alternating which kind goes first.
  kinds.forEach(measure);
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of rep % 2 ? [...kinds].reverse() : kinds) {
      results.get(kind)!.push(measure(kind));
    }
  }
  const stat = (kind: LoadKind, key: keyof LoadResult) => median(results.get(kind)!.map(result => result[key]));
  console.log(`Node ${process.version}; ${reps} fresh processes of each, interleaved; medians of the time spent in require().\n`);
  console.log('| loads | wall (ms) | CPU (ms) | modules |');
  console.log('|---|---:|---:|---:|');
  for (const kind of kinds) {
    console.log(`| ${kind} | ${stat(kind, 'ms').toFixed(0)} | ${stat(kind, 'cpuMs').toFixed(0)} | ${stat(kind, 'modules')} |`);
  }
  const added = stat(kinds[1], 'ms') - stat(kinds[0], 'ms');
  console.log(`\nThe library adds ${added.toFixed(0)} ms wall (${(stat(kinds[1], 'cpuMs') - stat(kinds[0], 'cpuMs')).toFixed(0)} ms CPU) `
    + `and ${stat(kinds[1], 'modules') - stat(kinds[0], 'modules')} modules to require('aws-cdk-lib').`);
  return added;
}
