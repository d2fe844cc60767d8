/*
 * Part of `compile`, after jsii: prints each compiled lib/**\/*.js again without its comments. The doc comments stay
 * where readers find them, in lib/**\/*.d.ts (editors) and the jsii assembly (API.md, Construct Hub, other languages);
 * in the JavaScript nothing reads them, and they were a tenth of the npm tarball. The code is printed from its syntax
 * tree by TypeScript's own printer, so only comments and whitespace change. Declarations that no public one imports
 * lose their comments too (below).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', 'lib');
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function javascriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { return javascriptFiles(file); }
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

// The index keeps the marker by which scripts/lazy-index.ts knows it has rewritten it; it holds no doc comments.
for (const file of javascriptFiles(LIB).filter(name => name !== path.join(LIB, 'index.js'))) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  fs.writeFileSync(file, printer.printFile(source));
}

/*
 * Declarations no public one imports (helpers, lazily loaded internals) are read by no user's editor: printed without
 * comments too. Public ones are those lib/index.d.ts leads to through relative imports.
 */
const publicDeclarations = new Set<string>();
const visit = (file: string) => {
  if (publicDeclarations.has(file) || !fs.existsSync(file)) { return; }
  publicDeclarations.add(file);
  for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*["'](\.[^"']+)["']/g)) {
    const target = path.join(path.dirname(file), match[1]);
    visit(fs.existsSync(`${target}.d.ts`) ? `${target}.d.ts` : path.join(target, 'index.d.ts'));
  }
};
visit(path.join(LIB, 'index.d.ts'));
const declarations = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
  const file = path.join(dir, entry.name);
  if (entry.isDirectory()) { return declarations(file); }
  return entry.name.endsWith('.d.ts') ? [file] : [];
});
for (const file of declarations(LIB).filter(name => !publicDeclarations.has(name))) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  fs.writeFileSync(file, printer.printFile(source));
}
