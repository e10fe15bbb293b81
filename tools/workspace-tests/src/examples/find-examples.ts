/**
 * Finds the `@example` blocks in the TSDoc of every declaration of a source file and extracts their code.
 */
import ts from 'typescript';

/** One `@example` block of one declaration. */
export interface ExampleBlock {
  /** Absolute path of the source file. */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  /** The documented declaration, e.g. `ApiError.toJSON`. */
  declaration: string;
  /** The top-level declaration the example belongs to (decides which names are in scope). */
  topLevel: ts.Node;
  /** The code to check (inside the ```ts fences, or the whole block when it has none); empty when there is no TypeScript. */
  code: string;
  /** 1-based source line of each line of `code`. */
  codeLines: number[];
}

const CODE_FENCE_LANGUAGES = new Set(['', 'ts', 'typescript', 'tsx', 'js', 'javascript']);

/** The JSDoc comments TypeScript attached to a node (an internal property of the parser's nodes). */
function jsDocOf(node: ts.Node): readonly ts.JSDoc[] {
  return (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
}

function nameOf(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isExportDeclaration(node) || ts.isImportDeclaration(node)) return '(module)';
  const name = (node as { name?: ts.Node }).name;
  return name ? name.getText() : undefined;
}

/** `Outer.inner` for members, the plain name for top-level declarations. */
function qualifiedName(node: ts.Node): string {
  const parts: string[] = [];
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isVariableDeclarationList(n) || ts.isVariableDeclaration(n)) continue;
    const name = nameOf(n);
    if (name !== undefined) parts.unshift(name);
  }
  return parts.join('.') || '(anonymous)';
}

/** The statement of the source file that holds `node`. */
export function topLevelOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n;
}

/**
 * Splits the raw text of one `@example` block (from after the tag to the end of its comment) into lines without
 * the leading ` * `, each with its source line, and keeps the code: the lines inside ```ts (or unlabelled)
 * fences, or every line when the block has no fence. The block ends at the next block tag: a line starting with
 * `@` and a lower-case letter outside a fence (`@ecom/cdc` inside a line, or a decorator, does not end it).
 */
export function extractCode(raw: string, firstLine: number): { code: string; codeLines: number[] } {
  const lines: { text: string; line: number }[] = [];
  let inFence = false;
  for (const [i, rawLine] of raw
    .replace(/\*\/\s*$/, '')
    .split('\n')
    .entries()) {
    const text = i === 0 ? rawLine : rawLine.replace(/^\s*\*( |$)/, '');
    if (/^\s*```/.test(text)) inFence = !inFence;
    else if (!inFence && i > 0 && /^\s*@[a-z]/.test(text)) break;
    lines.push({ text, line: firstLine + i });
  }
  while (lines.length > 0 && lines[lines.length - 1].text.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0].text.trim() === '') lines.shift();
  const fenced = lines.some((l) => /^\s*```/.test(l.text));
  let kept = lines;
  if (fenced) {
    kept = [];
    let inside: boolean | undefined; // undefined: outside a fence; true/false: inside a fence we check / skip
    for (const l of lines) {
      const fence = /^\s*```\s*(\S*)/.exec(l.text);
      if (fence) {
        inside = inside === undefined ? CODE_FENCE_LANGUAGES.has(fence[1].toLowerCase()) : undefined;
        continue;
      }
      if (inside) kept.push(l);
    }
  }
  return { code: kept.map((l) => l.text).join('\n'), codeLines: kept.map((l) => l.line) };
}

/** Every `@example` in the TSDoc of a declaration of `sourceFile`, in source order. */
export function findExamples(sourceFile: ts.SourceFile): ExampleBlock[] {
  const found: ExampleBlock[] = [];
  const visit = (node: ts.Node): void => {
    // a doc comment before the end of the file documents nothing (exampleTagLines reports it as a stray)
    const docs = node.kind === ts.SyntaxKind.EndOfFileToken ? [] : jsDocOf(node);
    for (const doc of docs) {
      for (const tag of doc.tags ?? []) {
        if (tag.tagName.text !== 'example') continue;
        const start = tag.tagName.end;
        const line = sourceFile.getLineAndCharacterOfPosition(tag.tagName.pos).line + 1;
        const raw = sourceFile.text.slice(start, doc.end);
        const firstLine = sourceFile.getLineAndCharacterOfPosition(start).line + 1;
        found.push({
          file: sourceFile.fileName,
          line,
          declaration: qualifiedName(node),
          topLevel: topLevelOf(node),
          ...extractCode(raw, firstLine),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The line of every `@example` tag in the file's doc comments, attached to a declaration or not (to catch strays). */
export function exampleTagLines(sourceFile: ts.SourceFile): number[] {
  const text = sourceFile.text;
  const comments = new Map<number, number>(); // start → end of each comment
  const collect = (ranges: ts.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) comments.set(r.pos, r.end);
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const lines: number[] = [];
  for (const [pos, end] of comments) {
    if (!text.startsWith('/**', pos)) continue;
    for (const tag of text.slice(pos, end).matchAll(/^\s*\*?\s*@example\b/gm)) {
      lines.push(sourceFile.getLineAndCharacterOfPosition(pos + tag.index + tag[0].length).line + 1);
    }
  }
  return lines.sort((a, b) => a - b);
}
