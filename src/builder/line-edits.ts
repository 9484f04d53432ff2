// The text-level moves every builder edit is made of: rewrite one statement's line, remove a line,
// insert lines into the file or into a block. Each keeps the rest of the file byte-identical and a
// canonical file canonical (one blank line at most, blank lines around top-level blocks, none just
// inside braces, a newline at the end), so the git diff of a builder edit shows only what changed.

import type { Comment, Span, Statement } from "../ast/nodes.js";
import {
  afterStatementLines, blockBraces, type BuilderDocument, childSpans, commentsBetween, indentOf, isBlankLine, leadingCommentsStart, lineEnd,
  lineExtent, lineStart, nextLineStart,
} from "./document.js";
import type { TextEdit } from "./text-edits.js";

function commentText(comment: Comment): string {
  return comment.text.trimEnd();
}

/** The end of a line's content: before a `\r` of a CRLF line break. */
function contentEnd(source: string, end: number): number {
  return end > 0 && source[end - 1] === "\r" ? end - 1 : end;
}

/**
 * Rewrites the statement (or block line) at `span` as `text` (its canonical form, one line). When it
 * has its line to itself the whole line is rewritten: indentation `depth`, its trailing comment kept
 * after one space. Comments inside the old span (a list wrapped over lines with notes between) move
 * above it, so none is lost.
 */
export function rewriteLine(doc: BuilderDocument, span: Span, text: string, depth: number): TextEdit[] {
  const { source } = doc;
  const extent = lineExtent(doc, span);
  if (extent.ownsStart && extent.ownsEnd) {
    const indent = indentOf(depth);
    const above = extent.inner.map((c) => `${indent}${commentText(c)}\n`).join("");
    const trailing = extent.trailing ? ` ${commentText(extent.trailing)}` : "";
    return [{ start: extent.lineStart, end: contentEnd(source, extent.lineEnd), text: `${above}${indent}${text}${trailing}` }];
  }
  const edits: TextEdit[] = [{ start: span.start, end: span.end, text }];
  if (extent.inner.length > 0) {
    const indent = /^[ \t]*/.exec(source.slice(extent.lineStart))?.[0] ?? "";
    edits.push({ start: extent.lineStart, end: extent.lineStart, text: extent.inner.map((c) => `${indent}${commentText(c)}\n`).join("") });
  }
  return edits;
}

/** The block around a line being removed, so removal can keep `{` / `}` tidy. */
interface Container {
  statement: Statement;
  /** How many lines the block has (before the removal). */
  childCount: number;
}

/**
 * Removes the statement (or block line) at `span` with its trailing comment; comments on the lines
 * above it stay. Blank lines are kept canonical around the hole, and a block left without lines or
 * comments closes up to `header {}`.
 */
export function removeLine(doc: BuilderDocument, span: Span, container?: Container): TextEdit[] {
  const { source } = doc;
  const extent = lineExtent(doc, span);
  if (container && container.childCount === 1) {
    const braces = blockBraces(doc, container.statement);
    const removed = new Set([extent.trailing, ...extent.inner]);
    const kept = commentsBetween(doc, braces.open, braces.close).filter((c) => !removed.has(c));
    if (kept.length === 0 && extent.ownsStart && extent.ownsEnd) return [{ start: braces.open, end: braces.close, text: "" }];
  }
  if (!(extent.ownsStart && extent.ownsEnd)) return removeFromSharedLine(doc, span);

  let start = extent.lineStart;
  let end = nextLineStart(source, extent.lineEnd);
  const braces = container ? blockBraces(doc, container.statement) : undefined;
  const previousLine = start > 0 ? lineStart(source, start - 1) : undefined;
  const previousBlank = previousLine !== undefined && isBlankLine(source, previousLine);
  const previousOpens = previousLine !== undefined && braces !== undefined && braces.open - 1 >= previousLine && braces.open - 1 < start;
  const nextExists = end < source.length;
  const nextBlank = nextExists && isBlankLine(source, end);
  const nextCloses = braces !== undefined && lineStart(source, braces.close) === end;
  if (nextBlank && (previousLine === undefined || previousBlank || previousOpens)) {
    end = nextLineStart(source, end);
  } else if (previousLine !== undefined && previousBlank && (!nextExists || nextCloses)) {
    start = previousLine;
  }
  return [{ start, end, text: "" }];
}

/** `a; b` loses `b` (or `a`) and one `;` between them. */
function removeFromSharedLine(doc: BuilderDocument, span: Span): TextEdit[] {
  const { source } = doc;
  const lineFrom = lineStart(source, span.start);
  const lineTo = lineEnd(source, span.end);
  const after = /^[ \t]*;[ \t]*/.exec(source.slice(span.end, lineTo));
  if (after && source.slice(span.end + after[0].length, lineTo).trim() !== "" && !source.slice(span.end + after[0].length, lineTo).trim().startsWith("#")) {
    return [{ start: span.start, end: span.end + after[0].length, text: "" }];
  }
  const before = /[ \t]*;[ \t]*$/.exec(source.slice(lineFrom, span.start));
  if (before) {
    const rest = /^[ \t]*;?/.exec(source.slice(span.end, lineTo))?.[0] ?? "";
    return [{ start: span.start - before[0].length, end: span.end + rest.length, text: "" }];
  }
  return [{ start: span.start, end: span.end, text: "" }];
}

export interface InsertOptions {
  /** Make sure an empty line separates the new lines from the text above / below. */
  blankBefore?: boolean;
  blankAfter?: boolean;
}

/**
 * Inserts whole lines at `at` (the start of a line, or the end of the text). Returns the edit and
 * where, inside its text, the first inserted line starts.
 */
export function insertLines(doc: BuilderDocument, at: number, lines: readonly string[], options: InsertOptions = {}): { edit: TextEdit; lineOffset: number } {
  const { source } = doc;
  let prefix = "";
  if (at === source.length && at > 0 && source[at - 1] !== "\n") prefix += "\n";
  if (options.blankBefore && at > 0) {
    const previous = lineStart(source, at - 1);
    const previousIsBlank = prefix === "" ? isBlankLine(source, previous) : false;
    if (!previousIsBlank) prefix += "\n";
  }
  let suffix = "";
  if (options.blankAfter && at < source.length && !isBlankLine(source, at)) suffix = "\n";
  return { edit: { start: at, end: at, text: `${prefix}${lines.join("\n")}\n${suffix}` }, lineOffset: prefix.length };
}

/**
 * Inserts lines (already indented) into a block statement: before its line `before`, or after its
 * last line. A block written on one line (`group fit {}`) opens up onto several.
 */
export function insertIntoBlock(doc: BuilderDocument, statement: Statement, lines: readonly string[], before?: number): { edit: TextEdit; lineOffset: number } {
  const { source } = doc;
  const braces = blockBraces(doc, statement);
  const children = childSpans(statement);
  const closingIndent = /^[ \t]*/.exec(source.slice(lineStart(source, statement.span.start)))?.[0] ?? "";

  if (before !== undefined && before < children.length) {
    const target = children[before];
    const at = leadingCommentsStart(doc, target);
    if (at === lineStart(source, at)) return insertLines(doc, at, lines);
    // The line shares its line with `{`: the new lines go in front of it, each on a line of its own.
    const indent = indentOf(1);
    return { edit: { start: target.start, end: target.start, text: lines.map((l) => `${l.trimStart()}\n${indent}`).join("") }, lineOffset: 0 };
  }

  if (children.length > 0) {
    const last = children[children.length - 1];
    const lastLineEnd = lineEnd(source, last.end);
    if (braces.close < lastLineEnd) {
      // `... last }` on one line: close the block on a line of its own.
      return { edit: { start: last.end, end: braces.close, text: `\n${lines.join("\n")}\n${closingIndent}` }, lineOffset: 1 };
    }
    return insertLines(doc, afterStatementLines(doc, last, children), lines);
  }

  if (lineStart(source, braces.close) === lineStart(source, braces.open - 1)) {
    return { edit: { start: braces.open, end: braces.close, text: `\n${lines.join("\n")}\n${closingIndent}` }, lineOffset: 1 };
  }
  return insertLines(doc, nextLineStart(source, braces.open), lines);
}

/** Rewrites a block's header (`group fit up to 50 {`) and keeps everything after its `{`. */
export function rewriteHeader(doc: BuilderDocument, statement: Statement, header: string): TextEdit[] {
  const braces = blockBraces(doc, statement);
  return [{ start: statement.span.start, end: braces.open, text: header }];
}
