// How single tokens become AST values (spans, names, literals, durations). Shared by the two ways
// parse() builds an AST, the CST walk (build.ts) and the direct parser (direct-parser.ts), so both
// build the very same nodes.

import type { IToken } from "chevrotain";
import type { Duration, DurationUnit, Literal, NameRef, Span } from "./nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export function tokenSpan(t: IToken): Span {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Unescapes a string token (`"a \"b\""`); unknown escapes are reported and kept literally. */
export function unquote(raw: string, start: number, diagnostics: Diagnostic[]): string {
  const body = raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw.slice(1);
  if (!body.includes("\\")) return body;
  return body.replace(/\\(.)/g, (whole, char: string, index: number) => {
    if (char === '"' || char === "\\") return char;
    diagnostics.push(report(Diagnostics.invalidEscape, { start: start + 1 + index, end: start + 3 + index }, [whole]));
    return whole;
  });
}

/** A name written as words (`visited pricing page`): at least one token, in source order. */
export function wordsName(words: IToken[]): NameRef {
  let name = words[0].image;
  for (let i = 1; i < words.length; i++) name += " " + words[i].image;
  return { name, wordCount: words.length, quoted: false, span: join(tokenSpan(words[0]), tokenSpan(words[words.length - 1])) };
}

/** A quoted event name (`"visited /pricing"`). */
export function quotedName(quoted: IToken, diagnostics: Diagnostic[]): NameRef {
  const name = unquote(quoted.image, quoted.startOffset, diagnostics);
  return { name, wordCount: name.trim().split(/\s+/).length, quoted: true, span: tokenSpan(quoted) };
}

/** `30 days`, `2 weeks`: a week is 7 days, a month 30. */
export function durationOf(amountToken: IToken, unitToken: IToken): Duration {
  const unit = unitToken.image.replace(/s$/, "") as DurationUnit;
  const amount = Number(amountToken.image);
  const perUnit = unit === "week" ? 7 : unit === "month" ? 30 : 1;
  return { amount, unit, days: amount * perUnit, span: join(tokenSpan(amountToken), tokenSpan(unitToken)) };
}

/** A literal token; undefined for a token that is not one. */
export function literalOf(t: IToken, diagnostics: Diagnostic[]): Literal | undefined {
  const span = tokenSpan(t);
  switch (t.tokenType.name) {
    case "NumberLiteral":
      return { kind: "number", value: Number(t.image), raw: t.image, span };
    case "StringLiteral":
      return { kind: "string", value: unquote(t.image, t.startOffset, diagnostics), span };
    case "DateLiteral":
      return { kind: "date", value: t.image, span };
    case "True":
      return { kind: "boolean", value: true, span };
    case "False":
      return { kind: "boolean", value: false, span };
  }
  return undefined;
}
