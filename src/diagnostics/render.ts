// Diagnostics at the edge: rendered for a person at a terminal (rustc / Elm style) or as the JSON
// document of `check --format json` (SPEC 6). Offsets become lines and columns only here.
//
//   error[LS2001]: There is no field named company_sise.
//    --> rules.score:5:6
//     |
//   5 | when company_sise >= 200 add 10
//     |      ^^^^^^^^^^^^
//     = help: did you mean company_size?

import type { Diagnostic, Severity } from "./diagnostic.js";
import { LineIndex } from "./positions.js";

export interface RenderOptions {
  /** ANSI colours; the caller decides (a TTY, and no NO_COLOR). */
  color: boolean;
}

/** How a severity reads in rendered text; "info" is shown as a note, as compilers do. */
const SEVERITY_WORD: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

const ANSI = {
  reset: "\u001b[0m",
  bold: "\u001b[1m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  blue: "\u001b[34m",
} as const;

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

const TAB_WIDTH = 4;

/**
 * Text from a model (names, strings, whole source lines) must not drive the terminal: control
 * characters (escape sequences) and bidirectional overrides are shown as a replacement character.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function safe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, "\ufffd");
}

/** A source line as displayed: tabs expanded, unsafe characters replaced. */
function displayLine(text: string): string {
  let out = "";
  let width = 0;
  for (const char of safe(text)) {
    const step = char === "\t" ? TAB_WIDTH - (width % TAB_WIDTH) : 1;
    out += char === "\t" ? " ".repeat(step) : char;
    width += step;
  }
  return out;
}

/** Columns a displayed text takes (one per character; tabs are already expanded). */
function displayWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

interface Excerpt {
  line: number;
  column: number;
  /** The displayed line, and where the carets go in it (display columns, 0-based). */
  text: string;
  caretStart: number;
  caretLength: number;
}

/** The first line of the span, with the part to underline (to the end of that line for longer spans). */
function excerpt(lines: LineIndex, diagnostic: Diagnostic): Excerpt {
  const source = lines.text;
  const start = Math.max(0, Math.min(diagnostic.span.start, source.length));
  const end = Math.max(start, Math.min(diagnostic.span.end, source.length));
  let { line, column } = lines.position(start);
  let raw = lines.lineText(line);
  // "found the end of the file" after a final newline points at an empty last line; the end of the
  // previous line is where the reader is looking.
  if (start === end && start === source.length && raw === "" && line > 1) {
    line -= 1;
    raw = lines.lineText(line);
    column = raw.length + 1;
  }
  const before = raw.slice(0, column - 1);
  const lastOnLine = Math.min(end, start + (raw.length - (column - 1)));
  const underlined = raw.slice(column - 1, column - 1 + Math.max(0, lastOnLine - start));
  const caretStart = displayWidth(displayLine(before));
  const caretLength = Math.max(1, displayWidth(displayLine(before + underlined)) - caretStart);
  return { line, column, text: displayLine(raw), caretStart, caretLength };
}

function helpText(suggestions: readonly string[]): string {
  if (suggestions.length === 1) return `did you mean ${suggestions[0]}?`;
  return `did you mean one of: ${suggestions.join(", ")}?`;
}

/** One diagnostic as a block of lines, ending with a newline. */
export function renderDiagnostic(file: string, lines: LineIndex, diagnostic: Diagnostic, options: RenderOptions): string {
  const paint = (codes: string, text: string) => (options.color ? `${codes}${text}${ANSI.reset}` : text);
  const severityColor = SEVERITY_COLOR[diagnostic.severity] ?? "";
  const at = excerpt(lines, diagnostic);
  const number = String(at.line);
  const pad = " ".repeat(number.length);
  const gutter = (label: string) => paint(ANSI.bold + ANSI.blue, `${label} |`);

  const out = [
    paint(ANSI.bold + severityColor, `${SEVERITY_WORD[diagnostic.severity] ?? diagnostic.severity}[${diagnostic.code}]`) +
      paint(ANSI.bold, `: ${safe(diagnostic.message)}`),
    `${pad}${paint(ANSI.bold + ANSI.blue, "-->")} ${safe(file)}:${at.line}:${at.column}`,
    gutter(pad),
    `${gutter(number)}${at.text === "" ? "" : ` ${at.text}`}`,
    `${gutter(pad)} ${" ".repeat(at.caretStart)}${paint(ANSI.bold + severityColor, "^".repeat(at.caretLength))}`,
  ];
  if (diagnostic.suggestions && diagnostic.suggestions.length > 0) {
    out.push(`${pad} ${paint(ANSI.bold, "= help:")} ${safe(helpText(diagnostic.suggestions))}`);
  }
  return out.join("\n") + "\n";
}

/** Every diagnostic of one file, in the order given, separated by blank lines. */
export function renderDiagnostics(file: string, source: string, diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const lines = new LineIndex(source);
  return diagnostics.map((d) => renderDiagnostic(file, lines, d, options)).join("\n");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The summary line under a file's diagnostics: "2 errors, 1 warning", or "no problems";
 * with a file name first: "rules.score: 2 errors, 1 warning".
 */
export function summarize(diagnostics: readonly Diagnostic[]): string;
export function summarize(file: string, diagnostics: readonly Diagnostic[]): string;
export function summarize(fileOrDiagnostics: string | readonly Diagnostic[], maybeDiagnostics?: readonly Diagnostic[]): string {
  const file = typeof fileOrDiagnostics === "string" ? fileOrDiagnostics : undefined;
  const diagnostics = typeof fileOrDiagnostics === "string" ? (maybeDiagnostics ?? []) : fileOrDiagnostics;
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts: string[] = [];
  if (count("error") > 0) parts.push(plural(count("error"), "error"));
  if (count("warning") > 0) parts.push(plural(count("warning"), "warning"));
  if (count("info") > 0) parts.push(plural(count("info"), "note"));
  const text = parts.length === 0 ? "no problems" : parts.join(", ");
  return file === undefined ? text : `${safe(file)}: ${text}`;
}

/** One diagnostic of `check --format json` (SPEC 6): 1-based lines and columns, end column exclusive. */
export interface JsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions: string[];
}

export interface JsonReport {
  file: string;
  diagnostics: JsonDiagnostic[];
  /** null for an unbounded end. */
  scoreRange: { min: number | null; max: number | null };
}

export function jsonDiagnostic(lines: LineIndex, diagnostic: Diagnostic): JsonDiagnostic {
  const start = lines.position(diagnostic.span.start);
  const end = lines.position(Math.max(diagnostic.span.start, diagnostic.span.end));
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    suggestions: [...(diagnostic.suggestions ?? [])],
  };
}

export function jsonReport(
  file: string,
  source: string,
  diagnostics: readonly Diagnostic[],
  scoreRange: { min: number | null; max: number | null },
): JsonReport {
  const lines = new LineIndex(source);
  return {
    file,
    diagnostics: diagnostics.map((d) => jsonDiagnostic(lines, d)),
    scoreRange: { min: scoreRange.min ?? null, max: scoreRange.max ?? null },
  };
}
