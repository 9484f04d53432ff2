// Text -> AST + syntax diagnostics. Never throws: broken text still yields a (partial) AST, so the
// editor and the checker always have something to work with.

import type { IToken } from "chevrotain";
import { lex } from "../../grammar/lexer.js";
import { parseTokens } from "../../grammar/parser.js";
import { StringLiteral } from "../../grammar/tokens.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { AstBuilder } from "./build.js";
import type { Model } from "./nodes.js";

export interface ParseResult {
  ast: Model;
  diagnostics: Diagnostic[];
}

export function parse(source: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(source);
  for (const error of lexed.errors) {
    const char = source.slice(error.offset, error.offset + error.length);
    diagnostics.push(report(Diagnostics.unexpectedCharacter, { start: error.offset, end: error.offset + Math.max(1, error.length) }, [JSON.stringify(char)]));
  }
  const tokens = prepareTokens(lexed.tokens, diagnostics);
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
  const comments = lexed.comments.map((c) => ({ text: c.image, span: { start: c.startOffset, end: c.startOffset + c.image.length } }));
  return { ast: { kind: "model", statements, comments, source }, diagnostics: dedupeSyntaxErrors(diagnostics) };
}

/**
 * Newlines inside ( ) and [ ] do not end a statement, so a long list can wrap. An unterminated
 * string is reported here and then parsed as if it were closed, so one missing quote gives one error.
 */
function prepareTokens(tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  let depth = 0;
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (name === "LParen" || name === "LBracket") depth++;
    else if ((name === "RParen" || name === "RBracket") && depth > 0) depth--;
    else if (name === "Newline" && depth > 0) continue;
    else if (name === "Newline" || name === "LCurly" || name === "RCurly") depth = 0; // don't let a stray '(' swallow the file
    if (name === "UnterminatedString") {
      diagnostics.push(report(Diagnostics.unterminatedString, { start: t.startOffset, end: t.startOffset + t.image.length }));
      out.push({ ...t, tokenType: StringLiteral, tokenTypeIdx: StringLiteral.tokenTypeIdx! });
      continue;
    }
    out.push(t);
  }
  return out;
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
