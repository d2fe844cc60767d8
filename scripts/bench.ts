/*
 * `npm run bench`: the cost of the library at synth time, against the same resources written with aws-cdk-lib's L1
 * classes (scripts/bench-apps.ts). Each measurement is a fresh child process (plain `node` on a bundle of
 * bench-apps.ts, loading the compiled lib/ as a user's app would), the two apps interleaved; the table gives the
 * median of the repetitions. Two mixes of resources per service (BenchMix in bench-apps.ts): `rich` (11 resources per
 * service) and `lean` (10, no access logs). After the tables come what loading the library adds to loading aws-cdk-lib
 * (scripts/load-time.ts, 9 fresh processes) and the size of the npm tarball, then one line `BENCH-SUMMARY {json}` with
 * the numbers to quote. Options: `--sizes 50,100,200,400` (services per app), `--mixes rich,lean`, `--reps 5`,
 * `--validation on`, `--no-load`. `--load` measures only the load time (`--reps 15`, `--library <dir>` for another
 * build).
 *
 * Validation: by default both apps synthesize with aws-cdk-lib's template validation against the CloudFormation
 * registry schemas turned off (CDK_VALIDATION=false, as `cdk synth --no-validation`). It costs the same for both
 * apps, since their templates are the same, but it is most of the time (about 3.5 s to start, then about 85% of the
 * time per resource) and noisy, so it hides what the library itself costs. `--validation on` measures with it on, in its
 * default warning-only mode.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { benchAnswers } from './bench-answers';
import type { BenchKind, BenchMix, BenchResult } from './bench-apps';
import { LoadTimeAdded, measureLoadTime, median, requireCompiledLib, runJsonChild } from './load-time';

const ROOT = path.join(__dirname, '..');
const WORK = path.join(ROOT, 'cdk.out', 'bench');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const load = process.argv.includes('--load');
const sizes = (option('sizes') ?? '50,100,200,400').split(',').map(Number);
const mixes = (option('mixes') ?? 'rich,lean').split(',') as BenchMix[];
const reps = Number(option('reps') ?? (load ? '15' : '5'));
const validation = option('validation') === 'on';

/**
 * The child: bench-apps.ts bundled without its packages, which resolve as in a user's app. The library is installed
 * as a package is, a copy of package.json, lib/ and assets/ in node_modules/cdk-vpc-lattice, whose own imports
 * (aws-cdk-lib, constructs) resolve to the project's, the same copies the L1 app uses. A symbolic link to the project
 * would not do: Node.js follows it, so the library's files are not under node_modules, and aws-cdk-lib renders the
 * stack traces it records for every resource (`aws:cdk:creationStack` and others) with each library frame written
 * out as if it were the app's own code, instead of one `...cdk-vpc-lattice...` as in a user's app (with the link, the
 * library app recorded 385 KB of creation stacks per 100 services, with the copy 271 KB; the L1 app 237 KB).
 */
function prepareChild(): string {
  requireCompiledLib();
  fs.rmSync(WORK, { recursive: true, force: true });
  const installed = path.join(WORK, 'node_modules', 'cdk-vpc-lattice');
  fs.mkdirSync(installed, { recursive: true });
  for (const entry of ['package.json', 'lib', 'assets'].filter(name => fs.existsSync(path.join(ROOT, name)))) {
    fs.cpSync(path.join(ROOT, entry), path.join(installed, entry), { recursive: true });
  }
  const outfile = path.join(WORK, 'bench-apps.js');
  // 'cdk-vpc-lattice' is named as external too: the tsconfig's path mapping to src/ would otherwise bundle the sources.
  buildSync({
    entryPoints: [path.join(__dirname, 'bench-apps.ts')],
    bundle: true,
    packages: 'external',
    external: ['cdk-vpc-lattice'],
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

function run(child: string, kind: BenchKind, mix: BenchMix, services: number, outdir = path.join(WORK, 'out')): BenchResult {
  fs.rmSync(outdir, { recursive: true, force: true });
  const env = { ...process.env, CDK_VALIDATION: validation ? 'true' : 'false' };
  return runJsonChild(`the ${mix} ${kind} app with ${services} services`, [child, kind, mix, String(services), outdir],
    { cwd: WORK, env, maxBuffer: 64 * 1024 * 1024 });
}

/** The two apps must make the same template (the CDKMetadata resource, which names the constructs used, aside). */
function checkSameTemplates(child: string, mix: BenchMix) {
  const template = (kind: BenchKind) => {
    const outdir = path.join(WORK, `check-${mix}-${kind}`);
    run(child, kind, mix, 3, outdir);
    const parsed = JSON.parse(fs.readFileSync(path.join(outdir, 'Bench.template.json'), 'utf8'));
    delete parsed.Resources.CDKMetadata;
    return parsed;
  };
  const canonical = (value: unknown): unknown => Array.isArray(value) ? value.map(canonical)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;
  const library = template('library');
  const l1 = template('l1');
  const differing = [...new Set([...Object.keys(library.Resources), ...Object.keys(l1.Resources)])]
    .filter(id => JSON.stringify(canonical(library.Resources[id])) !== JSON.stringify(canonical(l1.Resources[id])));
  if (differing.length > 0 || JSON.stringify(canonical({ ...library, Resources: {} })) !== JSON.stringify(canonical({ ...l1, Resources: {} }))) {
    throw new Error(`the ${mix} library and L1 apps make different templates; resources that differ: ${differing.join(', ') || '(none: another section)'}`);
  }
  console.log(`Same template from both ${mix} apps (3 services: ${Object.keys(library.Resources).length} resources besides CDKMetadata).`);
}

/** The size of the npm tarball of the project as it is now (`npm pack --dry-run`: the files jsii-pacmak packs too). */
function tarballBytes(): { packed: number; unpacked: number } {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { packed: packed.size, unpacked: packed.unpackedSize };
}

const loadAverage = () => os.loadavg().map(value => value.toFixed(2)).join(' ');

function main() {
  const child = prepareChild();
  mixes.forEach(mix => checkSameTemplates(child, mix));
  const loadBefore = loadAverage();
  console.log(`Node ${process.version}; ${os.cpus().length} CPUs, load average ${loadBefore}; mixes ${mixes.join(', ')}; sizes ${sizes.join(', ')}; `
    + `${reps} repetitions, library and L1 interleaved; the CDK CLI's context (CLI_CONTEXT in bench-apps.ts); `
    + `template validation ${validation ? 'on (warnings only)' : 'off (CDK_VALIDATION=false)'}.`);
  const results: BenchResult[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const mix of mixes) {
      for (const services of sizes) {
        const order: BenchKind[] = (rep + services + mixes.indexOf(mix)) % 2 === 0 ? ['library', 'l1'] : ['l1', 'library'];
        for (const kind of order) {
          const result = run(child, kind, mix, services);
          results.push(result);
          process.stderr.write(`  rep ${rep + 1} ${mix} ${kind.padEnd(7)} ${String(services).padStart(4)} services: ${result.cpuMs.toFixed(0)} ms CPU, ${result.peakRssMiB.toFixed(0)} MiB\n`);
        }
      }
    }
  }
  const loadAfter = loadAverage();
  const summary: Record<string, unknown> = { node: process.version, reps, validation, loadAverage: { before: loadBefore, after: loadAfter } };
  for (const mix of mixes) {
    summary[mix] = table(mix, results.filter(result => result.mix === mix));
  }
  console.log(`\nLoad average after the runs: ${loadAfter}.`);
  if (!process.argv.includes('--no-load')) {
    console.log('\nLoading:');
    const added: LoadTimeAdded = measureLoadTime(9);
    summary.loadAddedMs = { wall: round(added.wallMs), cpu: round(added.cpuMs) };
  }
  const tarball = tarballBytes();
  console.log(`\nnpm tarball: ${(tarball.packed / 1024).toFixed(1)} KB (${tarball.packed} bytes; ${(tarball.unpacked / 1024).toFixed(0)} KB unpacked).`);
  summary.tarballBytes = tarball.packed;
  console.log(`\nBENCH-SUMMARY ${JSON.stringify(summary)}`);
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Prints the medians of one mix's runs; returns the ratios and growth for the summary line. */
function table(mix: BenchMix, results: BenchResult[]) {
  const stat = (kind: BenchKind, services: number, key: 'cpuMs' | 'processCpuMs' | 'peakRssMiB') =>
    median(results.filter(r => r.kind === kind && r.services === services).map(r => r[key]));
  const rows = sizes.map(services => ({
    services,
    resources: results.find(r => r.services === services)!.resources,
    cpuLibrary: stat('library', services, 'cpuMs'),
    cpuL1: stat('l1', services, 'cpuMs'),
    processLibrary: stat('library', services, 'processCpuMs'),
    processL1: stat('l1', services, 'processCpuMs'),
    memoryLibrary: stat('library', services, 'peakRssMiB'),
    memoryL1: stat('l1', services, 'peakRssMiB'),
  }));
  console.log(`\n${mix} mix. Medians. CPU: user + system time of building the app and app.synth(); process CPU adds module loading. Memory: peak RSS.\n`);
  console.log('| mix | services | resources | CPU library (ms) | CPU L1 (ms) | CPU ratio | process CPU ratio | peak RSS library (MiB) | peak RSS L1 (MiB) | memory ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${mix} | ${row.services} | ${row.resources} | ${row.cpuLibrary.toFixed(0)} | ${row.cpuL1.toFixed(0)} | ${(row.cpuLibrary / row.cpuL1).toFixed(2)} `
      + `| ${(row.processLibrary / row.processL1).toFixed(2)} | ${row.memoryLibrary.toFixed(0)} | ${row.memoryL1.toFixed(0)} | ${(row.memoryLibrary / row.memoryL1).toFixed(2)} |`);
  }
  const at = (services: number) => rows.find(row => row.services === services);
  const [from, to] = [at(200), at(400)];
  const growth = from && to ? { library: round(to.cpuLibrary / from.cpuLibrary), l1: round(to.cpuL1 / from.cpuL1) } : undefined;
  if (from && to) {
    console.log(`\nGrowth from 200 to 400 services, ${mix} mix (2.00 is linear): CPU library ${growth!.library.toFixed(2)}, `
      + `L1 ${growth!.l1.toFixed(2)}; peak RSS library ${(to.memoryLibrary / from.memoryLibrary).toFixed(2)}, L1 ${(to.memoryL1 / from.memoryL1).toFixed(2)}`);
  }
  return {
    cpuRatio: Object.fromEntries(rows.map(row => [row.services, round(row.cpuLibrary / row.cpuL1)])),
    cpuMs: Object.fromEntries(rows.map(row => [row.services, { library: round(row.cpuLibrary, 0), l1: round(row.cpuL1, 0) }])),
    growth,
  };
}

if (load) {
  measureLoadTime(reps, option('library'));
} else {
  main();
  console.log(`\n${benchAnswers()}`);
}
