// The shape of the canonical text: every statement becomes one printed line or one block (a header
// line, one line per item, a closing brace). Each printed line remembers the source offsets it came
// from, so comments.ts can put every comment back next to the code it was written beside.

import type { Comment, Example, Span, Statement } from "../ast/nodes.js";
import {
  formatEventDecl, formatExampleEvents, formatExampleHeader, formatExampleLead, formatExpect, formatFieldDecl, formatGroupHeader,
  formatRule, formatSimpleStatement, formatTier, formatTiersHeader,
} from "./print.js";

/** One printed line (a rule, a field, a tier...). */
export interface LineItem {
  kind: "line";
  text: string;
  /** The source the line was printed from. */
  span: Span;
  leading: Comment[];
  trailing?: Comment;
}

/** A block statement: `header {`, its lines indented, `}`. */
export interface BlockItem {
  kind: "block";
  header: string; // ends with "{"
  span: Span;
  /** Source offset just past the block's `{` (comments after it on that line trail the header). */
  headerEnd: number;
  /** Source offset of the block's `}`. */
  closeStart: number;
  children: LineItem[];
  leading: Comment[];
  headerTrailing?: Comment;
  /** Comments after the last item, printed inside the block just before `}`. */
  closeLeading: Comment[];
  closeTrailing?: Comment;
}

export type LayoutItem = LineItem | BlockItem;

function line(text: string, span: Span): LineItem {
  return { kind: "line", text, span, leading: [] };
}

function block(header: string, span: Span, children: LineItem[], source: string | undefined): BlockItem {
  const headerEnd = source === undefined ? span.start : openingBraceEnd(source, span);
  const closeStart = source !== undefined && source[span.end - 1] === "}" ? span.end - 1 : span.end;
  return { kind: "block", header, span, headerEnd, closeStart, children, leading: [], closeLeading: [] };
}

/** The offset just past the first `{` of a block that is not inside a text or a comment. */
function openingBraceEnd(source: string, span: Span): number {
  for (let i = span.start; i < span.end; i++) {
    const char = source[i];
    if (char === "{") return i + 1;
    if (char === '"') {
      for (i++; i < span.end && source[i] !== '"' && source[i] !== "\n"; i++) if (source[i] === "\\") i++;
    } else if (char === "#") {
      while (i < span.end && source[i] !== "\n") i++;
    }
  }
  return span.start;
}

function union(spans: readonly Span[]): Span {
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

/** The offset just past the next `}` from `offset` that is not inside a text or a comment. */
function closingBraceEnd(source: string | undefined, offset: number): number {
  if (source === undefined) return offset;
  for (let i = offset; i < source.length; i++) {
    const char = source[i];
    if (char === "}") return i + 1;
    if (char === "{") return offset;
    if (char === '"') {
      for (i++; i < source.length && source[i] !== '"' && source[i] !== "\n"; i++) if (source[i] === "\\") i++;
    } else if (char === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    }
  }
  return offset;
}

/**
 * An example's lines in canonical order: its lead on one line, its events on one line, its
 * expectations on one line (several `lead {}` or `expect` lines are merged, as the AST merges them).
 * The source of a `lead { ... }` or `events { ... }` line runs to its `}`, so a comment written
 * inside that block stays with its line.
 */
function exampleLines(example: Example, source: string | undefined): LineItem[] {
  const lines: LineItem[] = [];
  const blockSpan = (spans: Span[]): Span => {
    const span = union(spans);
    return { start: span.start, end: closingBraceEnd(source, span.end) };
  };
  if (example.fields.length > 0) lines.push(line(formatExampleLead(example.fields), blockSpan(example.fields.map((f) => f.span))));
  if (example.events.length > 0) lines.push(line(formatExampleEvents(example.events), blockSpan(example.events.map((e) => e.span))));
  if (example.expectations.length > 0) lines.push(line(formatExpect(example.expectations), union(example.expectations.map((e) => e.span))));
  return lines;
}

/** Lays out one statement. `source` (the text the AST was parsed from) locates braces for comments. */
export function layoutStatement(statement: Statement, source: string | undefined): LayoutItem {
  switch (statement.kind) {
    case "leadDecl":
      return block("lead {", statement.span, statement.fields.map((f) => line(formatFieldDecl(f), f.span)), source);
    case "eventsDecl":
      return block("events {", statement.span, statement.events.map((e) => line(formatEventDecl(e), e.span)), source);
    case "group":
      return block(formatGroupHeader(statement), statement.span, statement.rules.map((r) => line(formatRule(r), r.span)), source);
    case "tiers":
      return block(formatTiersHeader(statement), statement.span, statement.tiers.map((t) => line(formatTier(t), t.span)), source);
    case "example":
      return block(formatExampleHeader(statement), statement.span, exampleLines(statement, source), source);
    default:
      return line(formatSimpleStatement(statement) ?? "", statement.span);
  }
}

/** Collects printed lines; blank lines are decided from the source between two printed things. */
export class LinePrinter {
  private readonly lines: string[] = [];

  constructor(private readonly source: string | undefined) {}

  push(indent: number, text: string, blankBefore: boolean): void {
    if (blankBefore && this.lines.length > 0) this.lines.push("");
    this.lines.push(("  ".repeat(indent) + text).trimEnd());
  }

  /** Did the author leave an empty line (only blanks or `;`) between these offsets? */
  blankLineBetween(from: number, to: number): boolean {
    if (this.source === undefined || from >= to) return false;
    const between = this.source.slice(from, to).split("\n");
    return between.slice(1, -1).some((l) => /^[\s;]*$/.test(l));
  }

  text(): string {
    return this.lines.length === 0 ? "" : this.lines.join("\n") + "\n";
  }

  /** The lines without the final newline (for one statement). */
  body(): string {
    return this.lines.join("\n");
  }
}

function commentText(comment: Comment): string {
  return comment.text.trimEnd();
}

function withTrailing(text: string, comment: Comment | undefined): string {
  return comment ? `${text} ${commentText(comment)}` : text;
}

/**
 * Prints a list of items at one indentation. At the top level a blank line separates a block from
 * its neighbours; everywhere else blank lines are kept where the author left one (at most one), but
 * never right after `{` or right before `}`.
 */
export function printItems(out: LinePrinter, items: readonly LayoutItem[], indent: number, topLevel: boolean, tail: readonly Comment[]): void {
  let previousEnd: number | undefined;
  let previous: LayoutItem | undefined;
  for (const item of items) {
    let forceBlank = topLevel && previous !== undefined && (item.kind === "block" || previous.kind === "block");
    const blankBefore = (start: number): boolean => {
      const blank = previousEnd !== undefined && (forceBlank || out.blankLineBetween(previousEnd, start));
      forceBlank = false;
      return blank;
    };
    for (const comment of item.leading) {
      out.push(indent, commentText(comment), blankBefore(comment.span.start));
      previousEnd = comment.span.end;
    }
    if (item.kind === "line") {
      out.push(indent, withTrailing(item.text, item.trailing), blankBefore(item.span.start));
      previousEnd = item.trailing?.span.end ?? item.span.end;
    } else {
      const blank = blankBefore(item.span.start);
      if (item.children.length === 0 && item.closeLeading.length === 0 && !item.headerTrailing) {
        out.push(indent, withTrailing(`${item.header}}`, item.closeTrailing), blank);
      } else {
        out.push(indent, withTrailing(item.header, item.headerTrailing), blank);
        printItems(out, item.children, indent + 1, false, item.closeLeading);
        out.push(indent, withTrailing("}", item.closeTrailing), false);
      }
      previousEnd = item.closeTrailing?.span.end ?? item.span.end;
    }
    previous = item;
  }
  for (const comment of tail) {
    out.push(indent, commentText(comment), previousEnd !== undefined && out.blankLineBetween(previousEnd, comment.span.start));
    previousEnd = comment.span.end;
  }
}
