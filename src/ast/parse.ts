// Text -> AST + syntax diagnostics. Never throws: broken text still yields a (partial) AST, so the
// editor and the checker always have something to work with.

import type { IToken } from "chevrotain";
import { lex } from "../../grammar/lexer.js";
import { parseTokens } from "../../grammar/parser.js";
import { StringLiteral } from "../../grammar/tokens.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { AstBuilder } from "./build.js";
import { parseValidTokens } from "./direct-parser.js";
import type { Comment, Model } from "./nodes.js";

export interface ParseResult {
  ast: Model;
  diagnostics: Diagnostic[];
}

/**
 * Valid text (the usual case) is parsed straight to the AST by the direct parser; text with any
 * problem takes the careful path, the recovering parser and the CST walk, which report every one.
 * Both give the same AST for valid text (tests/language/direct-parser.test.ts).
 */
export function parse(source: string): ParseResult {
  const front = lexAndPrepare(source);
  return parseDirectly(front) ?? parseCarefully(front);
}

/** Each path of parse() on its own, for the tests that compare them. The direct one gives undefined for text it leaves to the careful one. */
export const parsePaths = {
  direct: (source: string): ParseResult | undefined => parseDirectly(lexAndPrepare(source)),
  careful: (source: string): ParseResult => parseCarefully(lexAndPrepare(source)),
};

/** The tokens the parsers read, and the problems found on the way (lexing, nesting, unterminated strings). */
interface FrontEnd {
  source: string;
  tokens: IToken[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

function lexAndPrepare(source: string): FrontEnd {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(source);
  for (const error of lexed.errors) {
    const char = source.slice(error.offset, error.offset + error.length);
    diagnostics.push(report(Diagnostics.unexpectedCharacter, { start: error.offset, end: error.offset + Math.max(1, error.length) }, [JSON.stringify(char)]));
  }
  const tokens = prepareTokens(dropTooDeepStatements(lexed.tokens, diagnostics), diagnostics);
  const comments = lexed.comments.map((c) => ({ text: c.image, span: { start: c.startOffset, end: c.startOffset + c.image.length } }));
  return { source, tokens, comments, diagnostics };
}

function parseDirectly({ source, tokens, comments, diagnostics }: FrontEnd): ParseResult | undefined {
  const statements = diagnostics.length === 0 ? parseValidTokens(tokens) : undefined;
  return statements && { ast: { kind: "model", statements, comments, source }, diagnostics: [] };
}

function parseCarefully({ source, tokens, comments, diagnostics: frontDiagnostics }: FrontEnd): ParseResult {
  const diagnostics = [...frontDiagnostics];
  const parsed = parseTokens(tokens);
  for (const error of parsed.errors) {
    const t = error.token;
    const start = Number.isNaN(t.startOffset) ? (error.previousToken ? error.previousToken.startOffset + error.previousToken.image.length : source.length) : t.startOffset;
    const length = t.image && !Number.isNaN(t.startOffset) && t.tokenType.name !== "Newline" ? t.image.length : 0;
    diagnostics.push(report(Diagnostics.syntaxError, { start, end: start + length }, [capitalize(error.message)]));
  }
  const builder = new AstBuilder();
  const statements = builder.model(parsed.cst);
  diagnostics.push(...builder.diagnostics);
  return { ast: { kind: "model", statements, comments, source }, diagnostics: dedupeSyntaxErrors(diagnostics) };
}

/** Reserved words that begin a statement: a line starting with one ends whatever a stray '(' left open (soft keywords such as `lead` may start an event name inside parentheses). */
const STATEMENT_STARTS = new Set(["When", "Group", "Qualify", "Disqualify", "Tiers", "Example", "RCurly"]);

/**
 * Newlines inside ( ) and [ ] do not end a statement, so a long list can wrap. An unterminated
 * string is reported here and then parsed as if it were closed, so one missing quote gives one error.
 */
function prepareTokens(tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  let out: IToken[] | undefined; // copied at the first token dropped or replaced: usually there is none
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const name = t.tokenType.name;
    if (name === "LParen" || name === "LBracket") depth++;
    else if ((name === "RParen" || name === "RBracket") && depth > 0) depth--;
    else if (name === "Newline" && depth > 0 && !STATEMENT_STARTS.has(tokens[i + 1]?.tokenType.name ?? "")) {
      out ??= tokens.slice(0, i);
      continue;
    } else if (name === "Newline" || name === "LCurly" || name === "RCurly") depth = 0; // a stray '(' must not swallow the file
    if (name === "UnterminatedString") {
      diagnostics.push(report(Diagnostics.unterminatedString, { start: t.startOffset, end: t.startOffset + t.image.length }));
      out ??= tokens.slice(0, i);
      out.push({ ...t, tokenType: StringLiteral, tokenTypeIdx: StringLiteral.tokenTypeIdx! });
      continue;
    }
    out?.push(t);
  }
  return out ?? tokens;
}

/** Deeper than any real model; recursive stages (parser, checker, formatter) stay far from the stack limit. */
export const MAX_NESTING = 100;

/**
 * A statement nested deeper than MAX_NESTING (parentheses, or `not not not ...`) is reported and left
 * out, rather than letting a recursive descent overflow the stack: any text must yield diagnostics.
 */
function dropTooDeepStatements(tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  let out: IToken[] | undefined; // copied at the first statement dropped: usually there is none
  let statementStart = 0; // index in `out` where the current statement began
  let parens = 0;
  let nots = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const name = t.tokenType.name;
    if ((name === "Newline" && parens === 0) || name === "Semicolon") {
      statementStart = (out ? out.length : i) + 1; // until the copy, `out` would be tokens[0, i)
      parens = 0;
    }
    if (name === "LParen") parens++;
    else if (name === "RParen") parens = Math.max(0, parens - 1);
    nots = name === "Not" ? nots + 1 : name === "LParen" ? nots : 0;
    if (parens > MAX_NESTING || nots > MAX_NESTING) {
      diagnostics.push(report(Diagnostics.tooDeeplyNested, { start: t.startOffset, end: t.startOffset + t.image.length }, [MAX_NESTING]));
      // Skip to the end of the line (or the file), and drop what the statement had so far.
      out ??= tokens.slice(0, i);
      out.length = Math.min(out.length, statementStart);
      while (i + 1 < tokens.length && tokens[i + 1].tokenType.name !== "Newline") i++;
      parens = 0;
      nots = 0;
      continue;
    }
    out?.push(t);
  }
  return out ?? tokens;
}

/** Recovery can report the same spot twice; one message per position is enough. */
function dedupeSyntaxErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
