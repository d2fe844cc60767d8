import * as fs from 'fs';
import * as path from 'path';
import { App, cx_api as cxapi } from 'aws-cdk-lib';
import { CFN_LINT_RAN, cfnLint } from './cfn-lint';
import { integApp } from './integ/common';
import { WITHOUT_STACK_TRACES } from './util';

/*
 * CI without an AWS account for the integ tests (test/integ/integ.*.ts): every integ app synthesizes as a deployment
 * would (strict template validation, and cdk-nag's AwsSolutions checks with a reason for every acknowledgment: an
 * unacknowledged finding fails synthesis), declares its integ test to the runner (integ.json), and its templates match
 * the committed snapshots and pass cfn-lint. A changed template fails here until the snapshot is updated on purpose
 * (`npx projen test:update`). This stands in for integ-runner's own snapshot check, which cannot read the cloud
 * assemblies aws-cdk-lib 2.276 writes (README, Versions).
 */
const INTEG_DIR = path.join(__dirname, 'integ');
const integNames = fs.readdirSync(INTEG_DIR).filter(file => /^integ\..*\.ts$/.test(file)).map(file => file.replace(/\.ts$/, '')).sort();

function synthIntegApp(name: string): cxapi.CloudAssembly {
  const app = integApp(WITHOUT_STACK_TRACES);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const integ: { build: (app: App) => unknown } = require(path.join(INTEG_DIR, name));
  integ.build(app);
  return app.synth();
}

const assemblies = new Map(integNames.map(name => [name, synthIntegApp(name)]));

/**
 * A template as its snapshot holds it: integ-tests-alpha gives each assertion a `salt` property of `Date.now()` (so
 * that CloudFormation runs it on every deployment), which is replaced by a placeholder.
 */
function withoutSalt(template: { Resources?: Record<string, { Properties?: { salt?: string } }> }) {
  const copy = structuredClone(template);
  for (const resource of Object.values(copy.Resources ?? {})) {
    if (resource.Properties?.salt !== undefined) {
      resource.Properties.salt = '<Date.now() at synth>';
    }
  }
  return copy;
}

test('there is an integ test for each thing to verify on AWS', () => {
  expect(integNames).toEqual([
    'integ.access-logs', 'integ.http-iam', 'integ.network-segments', 'integ.routing', 'integ.secure-defaults', 'integ.target-health',
    'integ.tls-passthrough', 'integ.vpc-resources',
  ]);
});

describe.each(integNames)('%s', (name) => {
  const assembly = assemblies.get(name)!;

  test('declares one integ test case with its stacks and its assertion stack (integ.json)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'integ.json'), 'utf8'));
    const cases = Object.values(manifest.testCases) as Array<{ stacks: string[]; assertionStack: string; stackUpdateWorkflow: boolean }>;
    expect(cases).toHaveLength(1);
    expect(cases[0].stackUpdateWorkflow).toBe(false);
    expect(assembly.stacks.map(stack => stack.stackName)).toEqual(expect.arrayContaining([...cases[0].stacks, cases[0].assertionStack]));
  });

  test.each(assembly.stacks.map(stack => stack.stackName))('stack %s matches its snapshot', (stackName) => {
    expect(withoutSalt(assembly.getStackByName(stackName).template)).toMatchSnapshot();
  });

  test('has no warnings beyond the ones it shows on purpose', () => {
    const warnings = assembly.stacks.flatMap(stack => stack.messages.filter(m => m.level === 'warning').map(m => `${m.id}: ${m.entry.data}`));
    expect(warnings).toMatchSnapshot();
  });
});

test('cfn-lint finds no error in any integ template (all linted in one run)', () => {
  const lint = cfnLint([...assemblies.values()].flatMap(assembly => assembly.stacks));
  expect(lint.errors).toEqual([]);
  expect(CFN_LINT_RAN).toContain(lint.status);
  expect(lint.stderr).toBe('');
});

describe('the open facts and their integ tests', () => {
  const ROOT = path.join(__dirname, '..');
  const facts = fs.readFileSync(path.join(ROOT, 'docs', 'lattice-facts.md'), 'utf8');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  /** The rows of the table that follows `header`: its cells, trimmed. */
  const tableRows = (text: string, header: string) => {
    const table = text.slice(text.indexOf(header) + header.length);
    return table.slice(0, table.indexOf('\n\n')).split('\n').filter(line => line.startsWith('| [')).map(line => line.slice(2, -2).split(' | '));
  };
  const factRows = tableRows(facts, '| Open fact | Integ test | Assertion |');
  const readmeRows = tableRows(readme, '| Fact | Integ test | Status |');

  test('every Open entry of the facts page names an integ test that exists, or says why none can settle it', () => {
    // Entries start a paragraph with **Open** (the page's own definition of the word is a list item).
    const entries = facts.split('\n\n').filter(paragraph => paragraph.startsWith('**Open**'));
    expect(entries.length).toBeGreaterThan(15);
    for (const entry of entries) {
      for (const part of entry.split('**Open**').slice(1)) {
        const named = [...part.matchAll(/`(integ\.[a-z-]+)\.ts`/g)].map(match => match[1]);
        expect({ part, settled: named.length > 0 || /No integ test|has no integ test|have no integ test|has no assertion/.test(part) })
          .toEqual({ part, settled: true });
        named.forEach(name => expect(integNames).toContain(name));
      }
    }
  });

  test('the Verified on AWS tables of the facts page and the README list the same facts and integ tests, which exist', () => {
    expect(factRows.length).toBeGreaterThan(20);
    const key = (cells: string[]) => [cells[0].replace(/\]\(docs\/lattice-facts\.md#/g, '](#'), cells[1]];
    expect(readmeRows.map(key)).toEqual(factRows.map(key));
    for (const [, tests] of factRows) {
      for (const name of [...tests.matchAll(/`(integ\.[a-z-]+)\.ts`/g)].map(match => match[1])) {
        expect(integNames).toContain(name);
      }
    }
    // A status is 'unverified' until a run passes, then the date and Region of that run.
    readmeRows.forEach(cells => expect(cells[2]).toMatch(/^(unverified|passed \d{4}-\d{2}-\d{2} [a-z]{2}(-[a-z]+)+-\d)$/));
  });

  test('every anchor the tables cite exists on the facts page', () => {
    const anchors = new Set([...facts.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map(match => match[1]));
    const cited = factRows.flatMap(cells => [...cells[0].matchAll(/\]\(#([a-z0-9-]+)\)/g)].map(match => match[1]));
    expect(cited.filter(anchor => !anchors.has(anchor))).toEqual([]);
  });

  test('the README describes every integ test', () => {
    const described = [...readme.matchAll(/^\| `(integ\.[a-z-]+)\.ts` \|/gm)].map(match => match[1]).sort();
    expect(described).toEqual(integNames);
  });
});
