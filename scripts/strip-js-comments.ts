/*
 * Part of `compile`, after jsii: prints each compiled lib/**\/*.js again without its comments. The doc comments stay
 * where readers find them, in the .d.ts files of the public modules (editors) and the jsii assembly (API.md, Construct
 * Hub, other languages); in the JavaScript nothing reads them, and they were a tenth of the npm tarball. The .d.ts files
 * of modules that src/index.ts does not export (private/, the access evaluator, the topology builder ...) are printed
 * without comments too: no user's editor shows them. The code is printed from its syntax tree by TypeScript's own
 * printer, so only comments and whitespace change.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const LIB = path.join(ROOT, 'lib');
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function compiledFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { return compiledFiles(file); }
    return entry.name.endsWith('.js') || entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

// The public modules: the index and each module it exports (`export * from './module'`).
const index = fs.readFileSync(path.join(ROOT, 'src', 'index.ts'), 'utf8');
const publicDeclarations = new Set(['index', ...[...index.matchAll(/from '\.\/([^']+)'/g)].map(match => match[1])]
  .map(module => path.join(LIB, `${module}.d.ts`)));

// The index keeps the marker by which scripts/lazy-index.ts knows it has rewritten it; it holds no doc comments.
for (const file of compiledFiles(LIB).filter(name => name !== path.join(LIB, 'index.js') && !publicDeclarations.has(name))) {
  const kind = file.endsWith('.d.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, kind);
  fs.writeFileSync(file, printer.printFile(source));
}
