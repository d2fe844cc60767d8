import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';

/*
 * The npm package as a user gets it. The tarball is packed here from the compiled lib/ and the bundled handler in
 * assets/ (what `npx projen build` has made by the time tests run), with npm's own file selection (.npmignore), into
 * a temporary folder, and then opened: the deploy-time lookup handler is in it and runs, every run-time require of lib/
 * is a declared dependency, nothing is shipped that nothing loads, and an app that uses a lookup synthesizes from it.
 */

const ROOT = path.join(__dirname, '..');
const HANDLER = 'assets/lookup/lookup.lambda/index.js';
/** The project's limit on the tarball (CONTRIBUTING.md): a construct library's tarball should not cost its users more. */
const MAX_TARBALL_BYTES = 250 * 1024;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-vpc-lattice-package-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function pack() {
  for (const built of ['lib/index.js', HANDLER]) {
    if (!fs.existsSync(path.join(ROOT, built))) {
      throw new Error(`${built} is missing: run 'npx projen build' (or 'npx projen compile && npx projen bundle') before this test`);
    }
  }
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const tarball = path.join(work, result.filename);
  execFileSync('tar', ['xzf', tarball, '-C', work]);
  const dir = path.join(work, 'package');
  const files: string[] = (result.files as Array<{ path: string }>).map(file => file.path).sort();
  return { tarball, dir, files, manifest: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) };
}

const pkg = pack();
const libJs = pkg.files.filter(file => file.startsWith('lib/') && file.endsWith('.js'));
const requiresOf = (file: string) =>
  [...fs.readFileSync(path.join(pkg.dir, file), 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map(match => match[1]);
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

test(`the tarball is at most ${MAX_TARBALL_BYTES / 1024} KB`, () => {
  expect(fs.statSync(pkg.tarball).size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
});

test('its version is the release\'s (bumped from the last tag), with release notes for it; 0.0.0 outside a release', () => {
  // `npx projen release` (the release workflow) bumps package.json and writes the version and its notes into dist/
  // before building; `unbump` puts projen's 0.0.0 placeholder back afterwards.
  const bumped = path.join(ROOT, 'dist', 'version.txt');
  if (process.env.RELEASE === 'true' && fs.existsSync(bumped)) {
    const version = fs.readFileSync(bumped, 'utf8').trim();
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.manifest.version).toEqual(version);
    expect(fs.readFileSync(path.join(ROOT, 'dist', 'changelog.md'), 'utf8')).toMatch(new RegExp(`^##+ \\[?${version.replace(/\./g, '\\.')}\\b`, 'm'));
  } else {
    expect(pkg.manifest.version).toEqual('0.0.0');
  }
  // The history before the first release, written by hand, ships with the package.
  expect(fs.readFileSync(path.join(pkg.dir, 'CHANGELOG.md'), 'utf8')).toContain('## 0.1.0');
});

test('it holds only what a user app loads (lib/, the handler bundle), what jsii tools load, and the documentation', () => {
  const documentation = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
  // The assembly, and the README examples translated by jsii-rosetta (written by the build's rosetta step), which
  // jsii-pacmak and Construct Hub read for the other languages' documentation.
  const jsii = ['.jsii', '.jsii.tabl.json'];
  const unexpected = pkg.files.filter(file =>
    ![...documentation, ...jsii, HANDLER].includes(file) && !/^lib\/.+\.(js|d\.ts)$/.test(file));
  expect(unexpected).toEqual([]);
  // The handler's own compiled source needs the AWS SDK, which is not a dependency: only its bundle in assets/ runs.
  expect(pkg.files.filter(file => file.includes('.lambda.') && file !== HANDLER)).toEqual([]);
});

test('declarations no public one imports are shipped without comments; the public ones keep their docs', () => {
  const read = (file: string) => fs.readFileSync(path.join(pkg.dir, file), 'utf8');
  expect(read('lib/private/validation.d.ts')).not.toContain('/*');
  expect(read('lib/reachability/hops.d.ts')).not.toContain('/*');
  expect(read('lib/reachability/reachability.d.ts')).toContain('/**');
  expect(read('lib/service.d.ts')).toContain('/**');
});

test('every lib/ file is loaded from lib/index.js, and every run-time require is relative, built in or a declared dependency', () => {
  const declared = Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies });
  const loaded = new Set<string>();
  const undeclared: string[] = [];
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const specifier of requiresOf(file)) {
      if (specifier.startsWith('.')) {
        const target = path.posix.join(path.posix.dirname(file), specifier);
        visit(pkg.files.includes(`${target}.js`) ? `${target}.js` : `${target}/index.js`);
      } else if (!isBuiltin(specifier) && !declared.includes(packageName(specifier))) {
        undeclared.push(`${file}: ${specifier}`);
      }
    }
  };
  visit(pkg.manifest.main);
  expect(undeclared).toEqual([]);
  expect(libJs.filter(file => !loaded.has(file))).toEqual([]);
  expect(libJs.filter(file => !pkg.files.includes(file.replace(/\.js$/, '.d.ts')))).toEqual([]);
});

test('the .d.ts files of public modules keep their docs; those of modules the index does not export have no comments', () => {
  const read = (file: string) => fs.readFileSync(path.join(pkg.dir, file), 'utf8');
  expect(read('lib/access/answer.d.ts')).toContain('/**');
  expect(['lib/private/validation.d.ts', 'lib/access/decision.d.ts'].filter(file => /\/\*|\/\//.test(read(file)))).toEqual([]);
});

test('the handler bundle is minified and requires only Node.js built-ins and the AWS SDK v3 that the Lambda runtime provides', () => {
  const source = fs.readFileSync(path.join(pkg.dir, HANDLER), 'utf8');
  expect(source.split('\n').length).toBeLessThan(10);
  expect(source.length).toBeLessThan(20 * 1024);
  expect(requiresOf(HANDLER).filter(specifier => !isBuiltin(specifier) && !specifier.startsWith('@aws-sdk/'))).toEqual([]);
});

test('the handler loads and answers, and an app using a lookup synthesizes from the package (no "Cannot find asset")', () => {
  // A child process loads the package the way a user app and the Lambda runtime would. NODE_PATH stands in for the
  // user's node_modules (aws-cdk-lib, constructs) and for the runtime's /var/runtime/node_modules (the AWS SDK v3).
  const outdir = path.join(work, 'cdk.out');
  const script = `
    const handler = require(${JSON.stringify(path.join(pkg.dir, HANDLER))}).handler;
    if (typeof handler !== 'function') throw new Error('the bundle exports no handler function');
    const { App, Stack } = require('aws-cdk-lib');
    const { ServiceNetwork } = require(${JSON.stringify(pkg.dir)});
    const app = new App({ outdir: ${JSON.stringify(outdir)} });
    ServiceNetwork.fromServiceNetworkName(new Stack(app, 'Consumer'), 'Shared', 'platform');
    app.synth();
    handler({ RequestType: 'Delete', PhysicalResourceId: 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0' })
      .then(response => console.log(JSON.stringify(response)));
  `;
  const output = execFileSync(process.execPath, ['-e', script], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' },
  });
  expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({
    PhysicalResourceId: 'arn:aws:vpc-lattice:us-east-1:111122223333:servicenetwork/sn-0123456789abcdef0',
  });
  // The cloud assembly staged the package's handler bundle as the lookup function's code.
  const handlerSource = fs.readFileSync(path.join(pkg.dir, HANDLER), 'utf8');
  const staged = fs.readdirSync(outdir).filter(entry => entry.startsWith('asset.'))
    .filter(entry => fs.existsSync(path.join(outdir, entry, 'index.js')) && fs.readFileSync(path.join(outdir, entry, 'index.js'), 'utf8') === handlerSource);
  expect(staged).toHaveLength(1);
});

test('loading the package loads each module of the library when one of its exports is first used, and exports what src/index.ts exports', () => {
  const run = (args: string[]) => execFileSync(process.execPath, args, {
    cwd: work, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), NODE_NO_WARNINGS: '1' },
  });
  const script = `
    const lib = ${JSON.stringify(path.join(pkg.dir, 'lib'))};
    const loaded = () => Object.keys(require.cache).filter(file => file.startsWith(lib)).map(file => file.slice(lib.length + 1)).sort();
    const lattice = require(${JSON.stringify(pkg.dir)});
    // Besides the index, only modules that declare nothing but types (nothing to defer) may be loaded with it.
    const onLoad = loaded().filter(file => file === 'index.js' || Object.keys(require(lib + '/' + file)).length > 0);
    const network = lattice.ServiceNetwork;
    const onFirstUse = loaded();
    const names = Object.keys(lattice).sort();
    console.log(JSON.stringify({ onLoad, onFirstUse, names, missing: names.filter(name => lattice[name] === undefined), same: network === lattice.ServiceNetwork }));
  `;
  const result = JSON.parse(run(['-e', script]).trim().split('\n').pop()!);
  expect(result.onLoad).toEqual(['index.js']);
  expect(result.onFirstUse).toContain('service-network.js');
  expect(result.onFirstUse).not.toContain('dashboard.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(result.names).toEqual(Object.keys(require('../src')).sort());
  expect(result.missing).toEqual([]);
  expect(result.same).toBe(true);
  // An ES module imports it by name too: Node.js finds the names in lib/index.js without running it.
  const esm = `import { ServiceNetwork, Topology } from ${JSON.stringify(path.join(pkg.dir, 'lib', 'index.js'))}; console.log(typeof ServiceNetwork, typeof Topology.of);`;
  expect(run(['--input-type=module', '-e', esm]).trim()).toBe('function function');
});

test('every path that packs the tarball (package:js, which package and build run) bundles the handler first', () => {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const steps = (name: string): Array<{ spawn?: string; exec?: string; execArgs?: string[] }> => tasks[name].steps;
  const packer = steps('package:js').findIndex(step => step.execArgs?.[0] === 'jsii-pacmak');
  expect(steps('package:js').slice(0, packer).map(step => step.spawn)).toContain('bundle');
  expect(steps('package-all').map(step => step.spawn)).toContain('package:js');
  expect(steps('package').map(step => step.spawn)).toContain('package:js');
  expect(steps('build').map(step => step.spawn)).toContain('package');
});

test('the README shows the imports its examples compile with (rosetta/default.ts-fixture)', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const shown = /these imports:\n\n```ts nofixture\n([\s\S]*?)```/.exec(readme)?.[1];
  const fixture = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf8');
  const compiledWith = fixture.slice(0, fixture.indexOf('\nclass ')).split('\n').filter(line => !line.startsWith('//')).join('\n');
  expect(shown?.trim()).toEqual(compiledWith.trim());
});
