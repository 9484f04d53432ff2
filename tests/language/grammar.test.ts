// Chevrotain can check a grammar for ambiguities, left recursion and the like while it builds a
// parser. The library skips those checks (they cost start-up time on every CLI run and page load),
// so they run here instead, on the tokens and on both copies of the grammar.

import { describe, expect, it } from "vitest";
import { createLexer } from "../../grammar/lexer.js";
import { ScoreParser } from "../../grammar/parser.js";
import { validateDirectGrammar } from "../../src/ast/direct-parser.js";

describe("the grammar passes Chevrotain's validations", () => {
  it("in the lexer (grammar/tokens.ts)", () => {
    expect(() => createLexer({ skipValidations: false })).not.toThrow();
  });

  it("in the recovering parser (grammar/parser.ts)", () => {
    expect(() => new ScoreParser({ skipValidations: false })).not.toThrow();
  });

  it("in the direct parser (src/ast/direct-parser.ts)", () => {
    expect(() => validateDirectGrammar()).not.toThrow();
  });
});
