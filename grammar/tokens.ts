// The tokens of the .score language (SPEC section 2.1). Each token has a LABEL written for people,
// because parse errors quote it ("expected a number after 'add'").

import { createToken, Lexer, type TokenType } from "chevrotain";

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name" });

/**
 * Reserved words: they can never be part of a name (an event that contains one is written quoted).
 * Words that only mean something in one position (`days`, `times`, `ago`, type names, `score`...)
 * are soft keywords instead: they are Identifiers to the parser everywhere else.
 */
export const RESERVED_WORDS = [
  "when", "add", "subtract", "each", "up", "to", "within", "at", "least", "and", "or", "not", "is",
  "known", "unknown", "in", "contains", "starts", "ends", "with", "between", "before", "after", "true",
  "false", "group", "decay", "every", "qualify", "above", "disqualify", "tiers", "for", "otherwise",
  "example", "expect",
] as const;

export const SOFT_KEYWORDS = [
  "lead", "events", "score", "tier", "qualified", "times", "ago",
  "day", "days", "week", "weeks", "month", "months",
  "number", "text", "boolean", "date", "list",
] as const;

function keyword(word: string, categories: TokenType[] = []): TokenType {
  return createToken({
    name: word.charAt(0).toUpperCase() + word.slice(1),
    pattern: word,
    longer_alt: Identifier,
    categories,
    label: `'${word}'`,
  });
}

const reserved = Object.fromEntries(RESERVED_WORDS.map((word) => [word, keyword(word)])) as Record<(typeof RESERVED_WORDS)[number], TokenType>;
// Soft keywords are in the Identifier category, so `CONSUME(Identifier)` accepts them as names.
const soft = Object.fromEntries(SOFT_KEYWORDS.map((word) => [word, keyword(word, [Identifier])])) as Record<(typeof SOFT_KEYWORDS)[number], TokenType>;

export const K = { ...reserved, ...soft };

export const DateLiteral = createToken({ name: "DateLiteral", pattern: /\d{4}-\d{2}-\d{2}(?![0-9])/, label: "a date" });
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /-?(?:\d+(?:\.\d+)?|\.\d+)/, label: "a number" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: "a quoted text" });
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\r\n]|\\.)*/, label: "an unterminated text" });
export const Percent = createToken({ name: "Percent", pattern: "%", label: "'%'" });

export const GreaterEqual = createToken({ name: "GreaterEqual", pattern: ">=", label: "'>='" });
export const LessEqual = createToken({ name: "LessEqual", pattern: "<=", label: "'<='" });
export const NotEqual = createToken({ name: "NotEqual", pattern: "!=", label: "'!='" });
export const Greater = createToken({ name: "Greater", pattern: ">", label: "'>'" });
export const Less = createToken({ name: "Less", pattern: "<", label: "'<'" });
export const Equal = createToken({ name: "Equal", pattern: "=", label: "'='" });

export const LCurly = createToken({ name: "LCurly", pattern: "{", label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: "}", label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "')'" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "':'" });
export const Pipe = createToken({ name: "Pipe", pattern: "|", label: "'|'" });

/** Statements end at a newline or ';' (SPEC 2.1), so both are real tokens, not whitespace. */
export const Newline = createToken({ name: "Newline", pattern: /\r?\n/, label: "the end of the line", line_breaks: true });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", label: "';'" });

export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });
export const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });

// Order matters: longer and more specific patterns first; keywords before Identifier.
export const allTokens: TokenType[] = [
  Whitespace,
  Comment,
  Newline,
  Semicolon,
  DateLiteral,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  Percent,
  GreaterEqual,
  LessEqual,
  NotEqual,
  Greater,
  Less,
  Equal,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Pipe,
  // Longest first, so `days` is not read as `day` followed by `s`.
  ...[...Object.values(reserved), ...Object.values(soft)].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
];
