// Lists every function in src/ (tests excluded) longer than 60 lines that has no reason given
// for it: a comment containing "long:" on the line(s) directly above it (issue 7). Prints
// nothing and exits 0 when there is none; otherwise prints "file:line name N lines" and exits 1.
//   node scripts/fn-length.mjs [file-or-dir ...]   (default: src)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const MAX_LINES = 60;
const MARK = "long:";

function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return sourceFiles(child);
      const scanned = entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts");
      return scanned ? [child] : [];
    });
}

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node);

// The node a comment about this function sits above: `export const f = () => ...` is commented
// above the statement, not above the arrow.
function anchorOf(node) {
  let anchor = node;
  while (anchor.parent && (ts.isVariableDeclaration(anchor.parent) || ts.isVariableDeclarationList(anchor.parent) ||
    ts.isVariableStatement(anchor.parent) || ts.isPropertyAssignment(anchor.parent) ||
    ts.isPropertyDeclaration(anchor.parent) || ts.isExportAssignment(anchor.parent))) {
    anchor = anchor.parent;
  }
  return anchor;
}

function ownName(node) {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

// "Class.method", "outer/inner", "outer/<arrow>" for a callback inside outer.
function nameOf(node) {
  let name = ownName(node) ?? (ts.isArrowFunction(node) ? "<arrow>" : "<function>");
  if ((ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isAccessor(node)) && ts.isClassLike(node.parent)) {
    name = `${node.parent.name?.text ?? "<class>"}.${name}`;
  }
  for (let up = node.parent; up; up = up.parent) {
    if (isFunction(up)) return `${nameOf(up)}/${name}`;
  }
  return name;
}

const isCommentLine = (line) => /^\s*(\/\/|\/\*|\*)/.test(line) || /\*\/\s*$/.test(line);

function hasReason(lines, startLine) {
  for (let i = startLine - 1; i >= 0 && isCommentLine(lines[i]); i--) {
    if (lines[i].includes(MARK)) return true;
  }
  return false;
}

function longFunctions(file) {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = text.split("\n");
  const lineOf = (pos) => source.getLineAndCharacterOfPosition(pos).line;
  const found = [];
  const visit = (node) => {
    if (isFunction(node) && node.body) {
      const length = lineOf(node.getEnd()) - lineOf(node.getStart()) + 1;
      const anchorLine = lineOf(anchorOf(node).getStart());
      if (length > MAX_LINES && !hasReason(lines, anchorLine)) found.push({ line: lineOf(node.getStart()) + 1, name: nameOf(node), length });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const roots = process.argv.slice(2);
let count = 0;
for (const file of (roots.length ? roots : ["src"]).flatMap(sourceFiles)) {
  for (const fn of longFunctions(file)) {
    console.log(`${relative(process.cwd(), file)}:${fn.line} ${fn.name} ${fn.length} lines`);
    count++;
  }
}
process.exitCode = count ? 1 : 0;
