/*
 * Part of `compile`, after jsii: prints each compiled lib/**\/*.js again without its comments. The doc comments stay
 * where readers find them, in lib/**\/*.d.ts (editors) and the jsii assembly (API.md, Construct Hub, other languages);
 * in the JavaScript nothing reads them, and they were a tenth of the npm tarball. The code is printed from its syntax
 * tree by TypeScript's own printer, so only comments and whitespace change.
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
