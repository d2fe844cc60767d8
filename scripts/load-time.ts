/*
 * `npm run bench -- --load`: what loading the library adds to loading aws-cdk-lib. Each measurement is a fresh
 * `node` process that loads `aws-cdk-lib` alone, or `aws-cdk-lib` and then the compiled library (lib/index.js, as a
 * user's app loads it), and reports the wall time and the CPU time of those `require` calls; the kinds are interleaved
 * and the medians compared. The library's index loads a module on first use of one of its exports, so two more rows
 * show what using the classes costs: those of the bench app (a network, services, listeners, IP target groups,
 * access logs), and every export. Options: `--reps 15`, `--library <dir>` (another build of it, to compare).
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** What a child loads: aws-cdk-lib, then the library, then the library's exports it names (`*` for all of them). */
interface LoadKind {
  readonly label: string;
  readonly library: boolean;
  readonly uses?: string[] | '*';
}

const KINDS: LoadKind[] = [
  { label: 'aws-cdk-lib', library: false },
  { label: 'aws-cdk-lib + library', library: true },
  {
    label: '... + the classes of the bench app',
    library: true,
    uses: ['ServiceNetwork', 'LatticeService', 'IpTargetGroup', 'TargetProtocol', 'ListenerProtocol', 'ListenerAction', 'PathMatch', 'AccessLogDestination'],
  },
  { label: '... + every export', library: true, uses: '*' },
];

interface LoadResult {
  /** Wall time of the `require` calls, in milliseconds. */
  readonly ms: number;
  /** CPU time (user + system) of the `require` calls, in milliseconds. */
  readonly cpuMs: number;
  /** Modules loaded by the `require` calls. */
  readonly modules: number;
}

/** The child's program: the `require` calls measured, then one line of JSON. */
function childProgram(kind: LoadKind, library: string): string {
  const uses = kind.uses === '*' ? 'Object.keys(lattice)' : JSON.stringify(kind.uses ?? []);
  return [
    'const start = process.hrtime.bigint(), cpu = process.cpuUsage();',
    'require("aws-cdk-lib");',
    ...kind.library ? [`const lattice = require(${JSON.stringify(library)});`, `for (const name of ${uses}) lattice[name];`] : [],
    'const used = process.cpuUsage(cpu), ms = Number(process.hrtime.bigint() - start) / 1e6;',
    'console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, modules: Object.keys(require.cache).length }));',
  ].join('\n');
}

function measure(kind: LoadKind, library: string): LoadResult {
  // From the library's project folder, so that `aws-cdk-lib` resolves to the copy the library itself loads.
  return runJsonChild(`loading ${kind.label}`, ['-e', childProgram(kind, library)], { cwd: path.dirname(path.dirname(library)) });
}

/**
 * Runs a child `node` with `args` and returns the JSON of the last line it printed; throws, with its stderr, when it
 * fails. `what` names the run in that error.
 */
export function runJsonChild<T>(what: string, args: string[], options: Omit<SpawnSyncOptions, 'encoding'>): T {
  const result = spawnSync(process.execPath, args, { ...options, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${what} failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/** The compiled library's entry point (lib/index.js) in the project folder `dir`; throws when it was not compiled. */
export function requireCompiledLib(dir = ROOT): string {
  const library = path.join(path.resolve(dir), 'lib', 'index.js');
  if (!fs.existsSync(library)) {
    throw new Error('lib/ is missing: run `npx projen compile` first (the bench task does)');
  }
  return library;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** What loading the library adds to loading aws-cdk-lib alone (medians), in milliseconds. */
export interface LoadTimeAdded {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Measures and prints the load times of the library in the project folder `libraryDir`; returns what it adds. */
export function measureLoadTime(reps: number, libraryDir = ROOT): LoadTimeAdded {
  const library = requireCompiledLib(libraryDir);
  const results = new Map<LoadKind, LoadResult[]>(KINDS.map(kind => [kind, []]));
  // One warm-up of each (the file system cache), then the measured runs, alternating which kind goes first.
  KINDS.forEach(kind => measure(kind, library));
  for (let rep = 0; rep < reps; rep++) {
    for (const kind of rep % 2 ? [...KINDS].reverse() : KINDS) {
      results.get(kind)!.push(measure(kind, library));
    }
  }
  const stat = (kind: LoadKind, key: keyof LoadResult) => median(results.get(kind)!.map(result => result[key]));
  console.log(`${library}; Node ${process.version}; ${reps} fresh processes of each, interleaved; medians of the time spent in require() and in first uses.\n`);
  console.log('| loads | wall (ms) | CPU (ms) | modules |');
  console.log('|---|---:|---:|---:|');
  const [alone, loaded] = KINDS;
  for (const kind of KINDS) {
    const added = kind === alone ? '' : ` (+${(stat(kind, 'ms') - stat(alone, 'ms')).toFixed(0)})`;
    console.log(`| ${kind.label} | ${stat(kind, 'ms').toFixed(0)}${added} | ${stat(kind, 'cpuMs').toFixed(0)} | ${stat(kind, 'modules')} |`);
  }
  const added = stat(loaded, 'ms') - stat(alone, 'ms');
  const addedCpu = stat(loaded, 'cpuMs') - stat(alone, 'cpuMs');
  console.log(`\nThe library adds ${added.toFixed(0)} ms wall (${addedCpu.toFixed(0)} ms CPU) `
    + `and ${stat(loaded, 'modules') - stat(alone, 'modules')} modules to require('aws-cdk-lib').`);
  return { wallMs: added, cpuMs: addedCpu };
}
