/*
 * Part of `compile`, after jsii: prints each compiled lib/**\/*.js again, without its comments and minified the way
 * aws-cdk-lib ships its own JavaScript (whitespace and syntax only: every name stays, so classes, functions and stack
 * traces read as in the source). The doc comments stay where readers find them, in the .d.ts files of the public
 * modules (editors) and the jsii assembly (API.md, Construct Hub, other languages); in the JavaScript nothing reads
 * them. The .d.ts files of modules that src/index.ts does not export (private/, the access evaluator, the topology
 * builder ...) are printed without comments too: no user's editor shows them. Declarations are printed from their
 * syntax tree by TypeScript's own printer, so only comments and whitespace change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { transformSync } from 'esbuild';
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

/**
 * A public declaration's doc comment as editors show it: its summary (the first paragraph) and the tags a caller
 * needs at hand (`@default`, `@deprecated`, `@param`, `@returns`); the rest of the docs is in the assembly, API.md and
 * Construct Hub.
 */
const HOVER_TAGS = new Set(['default', 'deprecated', 'param', 'returns']);
function hoverDocs(text: string): string {
  return text.replace(/^([ \t]*)\/\*\*([\s\S]*?)\*\//gm, (_all, indent: string, body: string) => {
    const lines = body.split('\n').map(line => line.replace(/^\s*\* ?/, '').trimEnd());
    while (lines.length > 0 && lines[0].trim() === '') { lines.shift(); }
    const kept: string[] = [];
    let i = 0;
    for (; i < lines.length && !lines[i].startsWith('@') && lines[i].trim() !== ''; i++) { kept.push(lines[i]); }
    let keep = false;
    for (; i < lines.length; i++) {
      const tag = /^@(\w+)/.exec(lines[i]);
      if (tag) { keep = HOVER_TAGS.has(tag[1]); }
      if (keep && lines[i].trim() !== '') { kept.push(lines[i]); }
    }
    if (kept.length === 0) { return ''; }
    return `${indent}/**\n${kept.map(line => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */`;
  });
}

// The index keeps the marker by which scripts/lazy-index.ts knows it has rewritten it; it holds no doc comments.
for (const file of compiledFiles(LIB).filter(name => name !== path.join(LIB, 'index.js'))) {
  const text = fs.readFileSync(file, 'utf8');
  if (publicDeclarations.has(file)) {
    fs.writeFileSync(file, hoverDocs(text));
    continue;
  }
  if (file.endsWith('.js')) {
    // `legalComments: 'none'`: the licence is the package's LICENSE file; no source file carries one of its own.
    const { code } = transformSync(text, { loader: 'js', format: 'cjs', target: 'node18', minifyWhitespace: true, minifySyntax: true, legalComments: 'none' });
    fs.writeFileSync(file, code);
  } else {
    fs.writeFileSync(file, printer.printFile(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS)));
  }
}
