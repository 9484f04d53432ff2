// parse() has two paths (src/ast/parse.ts): valid text is parsed straight to the AST by the direct
// parser, anything else by the recovering parser and the CST walk. The two grammars are kept in
// step by hand, so this test holds them to it: on every example, fixture, generated model and
// mutation of one, the direct path accepts exactly the texts the careful path finds no problem in,
// and builds the very same AST (same nodes, same spans, same keys in the same order).

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, parsePaths } from "../../src/ast/parse.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { generateModelText } from "../support/generate-model-text.js";
import { createRng, type Rng } from "../support/generate-plan.js";

function expectSamePaths(source: string): void {
  const careful = parsePaths.careful(source);
  const direct = parsePaths.direct(source);
  if (careful.diagnostics.length > 0) {
    expect(direct, "the direct parser accepted text with problems").toBeUndefined();
    expect(parse(source)).toStrictEqual(careful);
    return;
  }
  expect(direct, "the direct parser rejected valid text").toBeDefined();
  expect(direct).toStrictEqual(careful);
  // toStrictEqual ignores key order; JSON output (tools, the playground's share links) does not.
  expect(JSON.stringify(direct)).toBe(JSON.stringify(careful));
}

function filesUnder(dir: URL, ending: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(ending))
    .map((name) => readFileSync(new URL(name, dir), "utf8"));
}

const REAL_TEXTS = [
  ...filesUnder(new URL("../../examples/", import.meta.url), ".score"),
  ...filesUnder(new URL("../fixtures/", import.meta.url), ".score"),
];

/** Every construct of SPEC section 2 at least once, including the corners of the grammar. */
const CONSTRUCTS = [
  "",
  "\n\n;;\n",
  'lead {\n  n: number; t: text\n  b: boolean\n\n  d: date\n}\nlead { l: list; e: "a" | "b \\" c" | "d" }',
  'events { opened email; "visited /pricing"\n  lead scored }',
  "group fit up to 50 decay 10% every 2 weeks {\n  when a add 1\n}\ngroup g decay 5% every 1 month { }",
  "when a add 1 each up to 10 decay 10% every 30 days",
  "when x subtract 2.5",
  "when not not a or (b and (c or d)) and not (e) add 1",
  "when opened email within 30 days add 1; when visited pricing page at least 3 times within 2 weeks add 1; when e at least 1 times add 1",
  'when a = 1 and b != "x" and c < 2026-01-31 and d <= -1 and e > .5 and f >= 0.25 add 1',
  "when a is known or a is unknown or a is not known or a is not unknown add 1",
  'when a is "x" or a is not true or a is false or a is 2026-01-01 or a is 3 add 1',
  'when a in ["x", "y"] or a not in [] or a in [1,\n 2,\n 3] add 1',
  'when a contains "x" or a starts with "y" or a ends with "z" add 1',
  "when a between 1 and 2 or d between 2026-01-01 and 2026-12-31 add 1",
  "when d before 2026-01-01 or d after 2026-01-01 add 1",
  'when "quoted event" within 3 days add 1',
  'when "quoted \\\\ event" add 1',
  "disqualify when competitor",
  "qualify above 20; qualify at least 12.5",
  "score at least 0; score up to 100; score between -5 and 5",
  "tiers { hot at least 9; warm above 5\n cold otherwise }\ntiers for fit { a above 1; b otherwise }",
  [
    'example "a \\"title\\"" {',
    '  lead { n: 1, t: "x", b: true, d: 2026-01-01, l: ["a", "b"] }',
    "  lead { m: -2 }",
    "  events { opened email 2 days ago, visited pricing page; requested demo 1 week ago }",
    "  expect score 5, tier hot, qualified",
    "  expect not qualified, fit score 3, fit tier warm, qualified score 2, tier tier x",
    "}",
  ].join("\n"),
  // Left to the careful path: problems the direct parser does not report itself.
  "lead { n: string }",
  'when a is "bad \\q escape" add 1',
  'events { "bad \\q" }',
  'example "t\\q" { }',
  "when a add",
  'when a is "open',
  "when a @ add 1",
  `when ${"(".repeat(120)}a${")".repeat(120)} add 1\nwhen b add 2`,
  `when ${"not ".repeat(120)}a add 1`,
];

describe("the direct parser and the careful path agree", () => {
  it.each(CONSTRUCTS.map((text) => [text]))("on %j", (text) => expectSamePaths(text));

  it("on every example and fixture", () => {
    expect(REAL_TEXTS.length).toBeGreaterThan(10);
    for (const text of REAL_TEXTS) expectSamePaths(text);
  });

  it("on generated models, tidy and messy", () => {
    const runs = fuzzRuns(600);
    for (let seed = 1; seed <= runs; seed++) {
      expectSamePaths(generateModelText(seed, { messy: seed % 2 === 0, maxRules: 1 + (seed % 12) }).text);
    }
  });

  it("on mutations of real models (valid or not)", () => {
    const rng = createRng(20261122);
    const runs = fuzzRuns(1500);
    for (let i = 0; i < runs; i++) expectSamePaths(mutate(rng, rng.pick(REAL_TEXTS)));
  });
});

/** A small edit: delete, duplicate or swap a stretch, so a good share of the results still parse. */
function mutate(rng: Rng, text: string): string {
  const at = rng.int(0, text.length);
  const length = rng.int(1, 40);
  switch (rng.int(0, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + length);
    case 1:
      return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
    default: {
      const from = rng.int(0, text.length);
      return text.slice(0, at) + text.slice(from, from + length) + text.slice(at + length);
    }
  }
}
