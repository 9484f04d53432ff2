// The lexer: text in, tokens and comments out. Lexing errors are returned as data.

import { Lexer, type IToken, type ILexingError } from "chevrotain";
import { allTokens, Comment } from "./tokens.js";

const lexer = new Lexer(allTokens, { ensureOptimizations: false, positionTracking: "full" });

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
