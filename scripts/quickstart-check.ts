/*
 * The README's quick start, done the way a new user does it: in an empty temporary folder, the README's install lines
 * (with the packed tarball, dist/js/*.tgz, for `cdk-vpc-lattice`, and the real CDK CLI from the npm registry), the
 * files the quick start gives, word for word, and `npx cdk synth`. Fails when any step fails or the template it prints
 * has no VPC Lattice service. Run by `build` after `package`; npm's cache and the CLI's files (HOME) are kept inside the
 * temporary folder, which is removed afterwards. Only the npm registry is reached.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The text of the README section that starts with this heading, up to the next `## ` heading. */
export function readmeSection(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no '## ${heading}' section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The install commands: the `npm install` lines of the Install section's shell block. */
export function installCommands(readme: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readmeSection(readme, 'Install'))?.[1];
  const lines = (block ?? '').split('\n').map(line => line.trim()).filter(line => line.startsWith('npm install'));
  if (lines.length === 0) throw new Error('the README\'s Install section has no `npm install` line');
  return lines;
}

/**
 * The quick start's files: each code block that the text since the block before it names a file for (the last
 * `file.ext` in backticks). The imports shown for the rest of the guide name none.
 */
export function quickStartFiles(readme: string): Record<string, string> {
  const section = readmeSection(readme, 'Quick start');
  const files: Record<string, string> = {};
  let prose = 0;
  for (const block of section.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) {
    const before = section.slice(prose, block.index);
    const names = [...before.matchAll(/`([\w.-]+\.(?:ts|json))`/g)].map(match => match[1]);
    if (names.length > 0) files[names[names.length - 1]] = block[1];
    prose = block.index! + block[0].length;
  }
  return files;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const started = Date.now();
  const result = spawnSync(command, { cwd, env, shell: true, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    throw new Error(`'${command}' failed (exit ${result.status ?? result.signal}) after ${seconds} s:\n${result.stdout}\n${result.stderr}`);
  }
  console.log(`ok: ${command} (${seconds} s)`);
  return result.stdout;
}

function main() {
  const dist = path.join(ROOT, 'dist', 'js');
  const tarballs = fs.existsSync(dist) ? fs.readdirSync(dist).filter(file => file.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected one tarball in dist/js, found ${tarballs.length}: run 'npx projen package' first`);
  }
  const tarball = path.join(dist, tarballs[0]);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readmeSection(readme, 'Quick start');
  if (!section.includes('`npx cdk synth`')) throw new Error('the quick start no longer says to run `npx cdk synth`');
  const files = quickStartFiles(readme);
  for (const name of ['app.ts', 'cdk.json']) {
    if (!files[name]) throw new Error(`the quick start gives no ${name}`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-vpc-lattice-quickstart-'));
  const folder = path.join(work, 'app');
  fs.mkdirSync(folder);
  // The user's own configuration (~/.npmrc, ~/.cdk) stays out of it, and nothing is cached outside `work`.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: work,
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  for (const key of Object.keys(env)) {
    // projen's and jest's own settings of the build that runs this are not the user's.
    if (/^(npm_package_|npm_lifecycle_|PROJEN_|TS_NODE_|INIT_CWD$|JSII_)/.test(key)) delete env[key];
  }
  const started = Date.now();
  try {
    for (const command of installCommands(readme)) {
      run(command.replace(/(?<=\s)cdk-vpc-lattice(?=\s|$)/, JSON.stringify(tarball)), folder, env);
    }
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
    const template = run('npx cdk synth', folder, env);
    for (const type of ['AWS::VpcLattice::ServiceNetwork', 'AWS::VpcLattice::Service', 'AWS::VpcLattice::Listener', 'AWS::VpcLattice::AuthPolicy']) {
      if (!template.includes(`Type: ${type}\n`)) throw new Error(`the quick start's template has no ${type}:\n${template}`);
    }
    const installed = JSON.parse(fs.readFileSync(path.join(folder, 'node_modules', 'aws-cdk', 'package.json'), 'utf8')).version;
    console.log(`The quick start synthesizes from ${path.relative(ROOT, tarball)} with aws-cdk ${installed} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
