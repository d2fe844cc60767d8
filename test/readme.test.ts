import * as fs from 'fs';
import * as path from 'path';

/* What the README promises about the library as a whole, checked against src/. */

const ROOT = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

test('the warnings table lists every warning ID the library can emit, and no other', () => {
  const emitted = new Set(sourceFiles(path.join(ROOT, 'src'))
    .flatMap(file => [...fs.readFileSync(file, 'utf8').matchAll(/['"`](cdk-vpc-lattice:[a-zA-Z]+)['"`]/g)].map(match => match[1])));
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('\n| Warning ID | When |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').filter(line => line.startsWith('| `'));
  const listed = new Set(rows.flatMap(row => [...row.split(' | ')[0].matchAll(/`(cdk-vpc-lattice:[a-zA-Z]+)`/g)].map(match => match[1])));
  expect(emitted.size).toBeGreaterThan(10);
  expect([...listed].sort()).toEqual([...emitted].sort());
});
