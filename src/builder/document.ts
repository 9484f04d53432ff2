// The text a builder edit works on: the source, its AST, its syntax errors, and the layout questions
// every edit asks (where a statement's line starts and ends, which comments sit on it, where a block's
// braces are). Offsets throughout; lines only as ranges of offsets.

import type { Comment, EventsDecl, Group, LeadDecl, Model, Span, Statement, Tiers } from "../ast/nodes.js";
import { parse } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface BuilderDocument {
  readonly source: string;
  readonly ast: Model;
  /** Errors that come from reading the text (LS1xxx): the statements they touch stay read-only. */
  readonly syntaxErrors: readonly Diagnostic[];
}

/**
 * The document of a text. A caller that has already parsed it (the playground compiles every change)
 * passes the tree and diagnostics along, so the text is not parsed twice.
 */
export function openDocument(source: string, parsed?: { ast: Model; diagnostics: readonly Diagnostic[] }): BuilderDocument {
  const { ast, diagnostics } = parsed && parsed.ast.source === source ? parsed : parse(source);
  return { source, ast, syntaxErrors: diagnostics.filter(isSyntaxError) };
}

export function isSyntaxError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === "error" && diagnostic.code.startsWith("LS1");
}

/** A statement, or one line inside a block statement (a rule of a group, a tier, a field, an event). */
export interface ItemPath {
  statement: number;
  child?: number;
}

export type BlockStatement = Group | Tiers | LeadDecl | EventsDecl;

export function statementAt(doc: BuilderDocument, index: number): Statement {
  const statement = doc.ast.statements[index];
  if (!statement) throw new Error(`there is no statement ${index}`);
  return statement;
}

/** The span of the item at `path`. */
export function itemSpan(doc: BuilderDocument, path: ItemPath): Span {
  const statement = statementAt(doc, path.statement);
  if (path.child === undefined) return statement.span;
  const children = childSpans(statement);
  const span = children[path.child];
  if (!span) throw new Error(`statement ${path.statement} has no line ${path.child}`);
  return span;
}

/** The spans of a block statement's lines (rules, tiers, fields, events); [] for other statements. */
export function childSpans(statement: Statement): Span[] {
  switch (statement.kind) {
    case "group":
      return statement.rules.map((r) => r.span);
    case "tiers":
      return statement.tiers.map((t) => t.span);
    case "leadDecl":
      return statement.fields.map((f) => f.span);
    case "eventsDecl":
      return statement.events.map((e) => e.span);
    default:
      return [];
  }
}

// ---- lines -----------------------------------------------------------------------------------------

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset of the line break ending the line of `offset` (or the end of the text). */
export function lineEnd(source: string, offset: number): number {
  const at = source.indexOf("\n", offset);
  return at < 0 ? source.length : at;
}

/** The start of the next line, or the end of the text when this is the last line. */
export function nextLineStart(source: string, offset: number): number {
  const end = lineEnd(source, offset);
  return end < source.length ? end + 1 : end;
}

/** A line with nothing but blanks or `;` (the formatter treats those as empty lines too). */
export function isBlankLine(source: string, start: number): boolean {
  return /^[ \t\r;]*$/.test(source.slice(start, lineEnd(source, start)));
}

export function indentOf(depth: number): string {
  return "  ".repeat(depth);
}

/** Where a statement sits on its lines. */
export interface LineExtent {
  /** Start of the statement's first line. */
  lineStart: number;
  /** Only blanks before the statement on its first line. */
  ownsStart: boolean;
  /** Only blanks, `;` and a comment after the statement on its last line. */
  ownsEnd: boolean;
  /** End of the statement's last line (before the line break). */
  lineEnd: number;
  /** The comment after the statement on its last line. */
  trailing?: Comment;
  /** Comments inside the statement's span (a list wrapped over lines with notes between). */
  inner: Comment[];
}

export function lineExtent(doc: BuilderDocument, span: Span): LineExtent {
  const { source, ast } = doc;
  const first = lineStart(source, span.start);
  const last = lineEnd(source, span.end);
  const trailing = ast.comments.find((c) => c.span.start >= span.end && c.span.start < last);
  const after = source.slice(span.end, trailing ? trailing.span.start : last);
  return {
    lineStart: first,
    ownsStart: /^[ \t]*$/.test(source.slice(first, span.start)),
    ownsEnd: /^[ \t\r;]*$/.test(after),
    lineEnd: last,
    trailing,
    inner: ast.comments.filter((c) => c.span.start > span.start && c.span.end < span.end),
  };
}

/**
 * Where the text after a statement may start a new line: after the statement's last line and after
 * any statement that shares that line and runs on (`when a add 1; disqualify when (` + more lines).
 */
export function afterStatementLines(doc: BuilderDocument, span: Span, siblings: readonly Span[]): number {
  let end = lineEnd(doc.source, span.end);
  for (let grew = true; grew; ) {
    grew = false;
    for (const other of siblings) {
      if (other.start < end && other.end > end) {
        end = lineEnd(doc.source, other.end);
        grew = true;
      }
    }
  }
  return nextLineStart(doc.source, end);
}

/**
 * The start of the comment lines directly above a statement (no blank line between them and it): the
 * formatter treats them as the statement's own, so insertions before a statement go above them.
 */
export function leadingCommentsStart(doc: BuilderDocument, span: Span): number {
  const { source, ast } = doc;
  let start = lineStart(source, span.start);
  if (!/^[ \t]*$/.test(source.slice(start, span.start))) return span.start;
  for (;;) {
    if (start === 0) return start;
    const previous = lineStart(source, start - 1);
    const text = source.slice(previous, start - 1);
    const comment = ast.comments.find((c) => c.span.start >= previous && c.span.start < start);
    if (!comment || !/^[ \t]*$/.test(source.slice(previous, comment.span.start)) || !/^\s*$/.test(text.slice(comment.span.end - previous))) return start;
    start = previous;
  }
}

/** The braces of a block statement. */
export interface BlockBraces {
  /** Just past `{`. */
  open: number;
  /** At `}`, or the end of the span when the closing brace is missing. */
  close: number;
  /** `}` is really there. */
  closed: boolean;
}

export function blockBraces(doc: BuilderDocument, statement: Statement): BlockBraces {
  const { source } = doc;
  const { span } = statement;
  let open = span.start;
  for (let i = span.start; i < span.end; i++) {
    const char = source[i];
    if (char === "{") {
      open = i + 1;
      break;
    }
    if (char === '"') {
      for (i++; i < span.end && source[i] !== '"' && source[i] !== "\n"; i++) if (source[i] === "\\") i++;
    } else if (char === "#") {
      while (i < span.end && source[i] !== "\n") i++;
    }
  }
  const closed = source[span.end - 1] === "}";
  return { open, close: closed ? span.end - 1 : span.end, closed };
}

/** Comments between `from` and `to`. */
export function commentsBetween(doc: BuilderDocument, from: number, to: number): Comment[] {
  return doc.ast.comments.filter((c) => c.span.start >= from && c.span.end <= to);
}
