// The one-pass matcher of text-matcher.ts against String.prototype.includes / startsWith /
// endsWith, on seeded random needles and texts built to hit its corners: empty and one-unit
// needles, needles that are prefixes or suffixes of others, code units that share the pair
// table's five bits ("a", "A", "!"), non-ASCII units and lone surrogates, more than one mask's
// worth of tests, and texts long enough to take the includes() path.

import { describe, expect, it } from "vitest";
import type { ScoringPlan } from "../../src/ir/plan.js";
import { MIN_TESTS, TextMatchers, type TextOp } from "../../src/compiler/js/text-matcher.js";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { generateFactoryBody } from "../../src/compiler/js/generate.js";
import { runtime } from "../../src/compiler/js/runtime.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { planOf } from "../support/plan-builder.js";

const UNITS = ["a", "b", "c", "A", "!", "a", "b", " ", "\u00e9", "\u0130", "\ud83d", "\ude00", "\u0000", "z"];
const OPS: TextOp[] = ["contains", "starts", "ends"];

interface Test {
  op: TextOp;
  needle: string;
}

function word(rng: Rng, maxLength: number): string {
  let text = "";
  for (let i = rng.int(0, maxLength); i > 0; i--) text += rng.pick(UNITS);
  return text;
}

function planWith(tests: Test[]): ScoringPlan {
  return planOf({
    fields: { t: "text" },
    rules: tests.map((test) => ({ when: { k: "text", field: "t", op: test.op, value: test.needle }, points: 1 })),
  });
}

/** Each test's result on each text, through the generated matcher. */
function matched(tests: Test[], texts: string[]): boolean[][] {
  const matchers = new TextMatchers(planWith(tests));
  const expressions = tests.map((test) => matchers.test("t", test.op, test.needle));
  if (expressions.some((e) => e === undefined)) throw new Error("expected a matcher for the field");
  const body = [
    ...matchers.declarations(),
    `return (f0) => {`,
    ...matchers.statements(() => "f0"),
    `  return [${expressions.join(", ")}];`,
    `};`,
  ].join("\n");
  const run = new Function(body)() as (text: string | undefined) => boolean[];
  expect(run(undefined)).toEqual(tests.map(() => false)); // an unknown value passes no test
  return texts.map(run);
}

function expected(test: Test, text: string): boolean {
  return test.op === "contains" ? text.includes(test.needle) : test.op === "starts" ? text.startsWith(test.needle) : text.endsWith(test.needle);
}

describe("text matcher", () => {
  it("gives what includes, startsWith and endsWith give", () => {
    const runs = fuzzRuns(300);
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const tests: Test[] = [];
      const count = rng.chance(0.2) ? rng.int(31, 75) : rng.int(MIN_TESTS, 12);
      while (tests.length < count) {
        // Now and then a needle too long for the trie (over 40 units), planted below like the others.
        const needle = rng.chance(0.05) ? "ab".repeat(21) + word(rng, 8) : word(rng, rng.chance(0.1) ? 1 : 6);
        const test = { op: rng.pick(OPS), needle };
        if (!tests.some((t) => t.op === test.op && t.needle === test.needle)) tests.push(test);
      }
      const texts = Array.from({ length: 30 }, () => {
        // Needles planted in random text, so that most tests pass on some texts.
        let text = word(rng, rng.chance(0.2) ? 400 : 30);
        for (let k = rng.int(0, 3); k > 0; k--) {
          const at = rng.int(0, text.length);
          text = text.slice(0, at) + rng.pick(tests).needle + text.slice(at);
        }
        return text;
      });
      const results = matched(tests, texts);
      texts.forEach((text, i) => {
        const want = tests.map((test) => expected(test, text));
        if (results[i].some((got, k) => got !== want[k])) {
          const k = results[i].findIndex((got, j) => got !== want[j]);
          expect({ seed, text, test: tests[k], got: results[i][k] }).toEqual({ seed, text, test: tests[k], got: want[k] });
        }
      });
    }
  });

  it("keeps the generated code shallow whatever the needles", () => {
    // Each needle a prefix of the next: without a bound the trie's code would nest 3,000 deep.
    const tests: Test[] = Array.from({ length: 3000 }, (_, i) => ({ op: "contains", needle: "a".repeat(i + 1) }));
    const texts = ["a".repeat(25), "b" + "a".repeat(45) + "b", "a".repeat(3000)];
    const results = matched(tests, texts);
    texts.forEach((text, i) => expect(results[i]).toEqual(tests.map((test) => expected(test, text))));
  });

  it("is used for a field with enough tests, and scores as the interpreter does", () => {
    const needles = ["vp", "director", "head of", "chief", "v", ""];
    const plan = planOf({
      fields: { title: "text", email: "text" },
      rules: [
        ...needles.map((value, i) => ({ when: { k: "text" as const, field: "title", op: "contains" as const, value }, points: i + 1 })),
        { when: { k: "text", field: "title", op: "starts", value: "chief" }, points: 100 },
        { when: { k: "text", field: "email", op: "ends", value: "@gmail.com" }, points: -5 },
        // Rules of their own shapes, so that the chunks below take the masks as parameters.
        { when: { k: "and", items: [{ k: "text", field: "title", op: "contains", value: "vp" }, { k: "text", field: "email", op: "ends", value: "@gmail.com" }] }, points: 7 },
        { when: { k: "or", items: [{ k: "not", item: { k: "text", field: "title", op: "starts", value: "chief" } }, { k: "text", field: "title", op: "contains", value: "director" }] }, points: 9 },
      ],
    });
    expect(new TextMatchers(plan).test("title", "contains", "vp")).toBeDefined();
    expect(new TextMatchers(plan).test("email", "ends", "@gmail.com")).toBeUndefined(); // one test: endsWith
    const scorer = compileScorer(plan);
    // Also with the rules in helper functions of two (chunks.ts), where the masks are parameters,
    // and the tests of the family of six as a table (rule-families.ts).
    const chunked = new Function("rt", generateFactoryBody(plan, { explain: true, chunkRules: 2 }))(runtime) as Record<"plain" | "explain", (raw: unknown, asOf: number, idField: string, position: number) => LeadRecord>;
    const titles = ["VP Sales", "Chief of Staff", "Head of Growth", "director", "", "  ", "x".repeat(300) + " vp", "Vice President", "\u0130VP"];
    for (const title of titles) {
      for (const email of ["a@gmail.com", "a@GMAIL.COM", "b@corp.com", undefined]) {
        const lead = { title, email };
        const want = interpretRaw(plan, lead, { asOfMs: 0 });
        expect(scorer.score(lead, { asOf: 0 })).toEqual(want);
        expect(chunked.plain(lead, 0, "id", 1)).toEqual(want);
        expect(chunked.explain(lead, 0, "id", 1)).toEqual(interpretRaw(plan, lead, { asOfMs: 0, explain: true }));
      }
    }
  });
});
