// abstractLiterals (src/compiler/js/rule-families.ts) is a hand-written scan for speed; it must
// take out exactly the literals this regular expression finds: JSON strings and numbers, never a
// piece of a name. Checked on the code generated for generated plans and on edge cases.

import { describe, expect, it } from "vitest";
import { generateFactoryBody } from "../../src/compiler/js/generate.js";
import { abstractLiterals } from "../../src/compiler/js/rule-families.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, generatePlan } from "../support/generate-plan.js";

const TOKEN = /"(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

function byRegex(code: string, first = 0): { shape: string; literals: string[] } {
  const literals: string[] = [];
  const shape = code.replace(TOKEN, (token) => {
    const c = token.charCodeAt(0);
    if (c !== 34 && !(c >= 48 && c <= 57)) return token;
    literals.push(token);
    return `\u0000${first + literals.length - 1}\u0000`;
  });
  return { shape, literals };
}

describe("abstractLiterals", () => {
  it.each([
    'f3 + 1e5 + 2.5e-3 + 1. + x.5 + 9e + 9e+ + (-0) + $a1 + _b2',
    '"a\\"b" + "unterminated',
    '"esc\\\nape" + "ok\\n" + "\\\\"',
    'f1 !== undefined && f1.includes("vp \\u2028") ? 12.75 : Infinity',
    "",
  ])("takes out the literals the regular expression finds: %j", (code) => {
    expect(abstractLiterals(code, 3)).toEqual(byRegex(code, 3));
  });

  it("agrees with it on the code generated for generated plans", () => {
    const runs = fuzzRuns(60);
    for (let seed = 1; seed <= runs; seed++) {
      const body = generateFactoryBody(generatePlan(createRng(seed)), { explain: true });
      for (const line of body.split("\n")) expect(abstractLiterals(line), `seed ${seed}: ${line}`).toEqual(byRegex(line));
    }
  });
});
