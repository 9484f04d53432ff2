// The lexer: text in, tokens and comments out. Lexing errors are returned as data.

import { Lexer, type IToken, type ILexingError } from "chevrotain";
import { allTokens, Comment } from "./tokens.js";

/**
 * Only offsets: line and column are computed at the edges (src/diagnostics/positions.ts), and
 * tracking them here would cost a third of the lexing time. skipValidations: Chevrotain's checks of
 * the token definitions cost start-up time on every run; tests/language/grammar.test.ts runs them.
 */
export function createLexer({ skipValidations = true } = {}): Lexer {
  return new Lexer(allTokens, { ensureOptimizations: false, positionTracking: "onlyOffset", skipValidations });
}

const lexer = createLexer();

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ILexingError[];
}

export function lex(text: string): LexResult {
  const result = lexer.tokenize(text);
  return { tokens: result.tokens, comments: result.groups.comments ?? [], errors: result.errors };
}

export { Comment as CommentToken };
