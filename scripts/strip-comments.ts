/*
 * Part of `compile`, after jsii and scripts/lazy-index.ts: removes the comments from the compiled JavaScript in lib/
 * (not from the .d.ts files, whose doc comments are what editors show users, nor from the jsii assembly, which carries
 * the documentation for Construct Hub and the other languages). Nobody reads lib/*.js for its comments, and they are
 * about an eighth of the npm tarball (28 KB of 226 KB when this was written). TypeScript's printer writes each file again
 * from its syntax tree, and each file's tokens are checked to be the same before and after, so only comments and
 * spacing change. lib/index.js, which lazy-index.ts marks with a comment it looks for, is left as it is.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', 'lib');
const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function javascriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? javascriptFiles(file) : entry.name.endsWith('.js') ? [file] : [];
  });
}

/** The file's tokens, comments and white space left out: what must not change. */
function tokens(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const found: string[] = [];
  // What each open `{` or `${` of a template is, so that a `}` is read as the end of a block or the rest of a template.
  const open: Array<'{' | '${'> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      // A `/` after an operator or a keyword starts a regular expression.
      const previous = found[found.length - 1];
      if (previous === undefined || /^([(,=:[!&|?{};+\-*%<>~^]+|return|typeof|case|in|of|void|delete)$/.test(previous)) { kind = scanner.reScanSlashToken(); }
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      open.push('{');
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      open.push('${');
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (open.pop() === '${') {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateMiddle) { open.push('${'); }
      }
    }
    found.push(scanner.getTokenText());
  }
  return found;
}

let before = 0;
let after = 0;
for (const file of javascriptFiles(LIB).filter(name => name !== path.join(LIB, 'index.js'))) {
  const source = fs.readFileSync(file, 'utf8');
  const stripped = printer.printFile(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS));
  if (tokens(stripped).join('\n') !== tokens(source).join('\n')) {
    throw new Error(`${path.relative(LIB, file)}: the code changed when its comments were removed`);
  }
  before += source.length;
  after += stripped.length;
  if (stripped !== source) {
    fs.writeFileSync(file, stripped);
  }
}
console.log(`lib/**/*.js without comments: ${(after / 1024).toFixed(0)} KB (was ${(before / 1024).toFixed(0)} KB)`);
