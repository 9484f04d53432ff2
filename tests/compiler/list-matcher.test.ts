// List fields with many `contains` tests are looked up once per lead (src/compiler/js/list-matcher.ts),
// and families of single-bit tests visit only the set bits (rule-families.ts). Both must score
// exactly as the interpreter does: plain and explained, written out and as families in helpers,
// with one mask and several, negated tests, gates, and leads whose lists are missing, blank,
// repeated, or not lists at all.

import { describe, expect, it } from "vitest";
import { ListMatchers, MIN_NEEDLES } from "../../src/compiler/js/list-matcher.js";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { generateFactoryBody } from "../../src/compiler/js/generate.js";
import { runtime } from "../../src/compiler/js/runtime.js";
import type { PlanCondition } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng } from "../support/generate-plan.js";
import { planOf, type RuleSpec } from "../support/plan-builder.js";

type LeadFunction = (raw: unknown, asOf: number, idField: string, position: number) => LeadRecord;

const tags = (value: string): PlanCondition => ({ k: "listContains", field: "tags", value });
const title = (value: string): PlanCondition => ({ k: "text", field: "title", op: "contains", value });

/** A model of `count` tag needles (a family), `keywords` title needles (another), and rules and gates of other shapes. */
function model(count: number, keywords: number, integerPoints: boolean) {
  const needles = Array.from({ length: count }, (_, i) => `tag-${i}`);
  const words = Array.from({ length: keywords }, (_, i) => `w${i}x`);
  const points = (i: number) => (integerPoints ? i + 1 : (i + 1) / 10);
  const rules: RuleSpec[] = [
    // A title needle first seen outside its family: the family's bits then do not rise row by row.
    ...(keywords > 0 ? [{ when: { k: "and", items: [title(words[keywords - 1]), tags(needles[0])] } as PlanCondition, points: 3 }] : []),
    ...needles.map((needle, i) => ({ when: tags(needle), points: points(i), group: i % 2 === 0 ? 0 : null })),
    ...words.map((word, i) => ({ when: title(word), points: -points(i), group: 0 })),
    { when: { k: "not", item: tags(needles[count - 1]) }, points: 7 },
    { when: { k: "or", items: [tags("vip"), tags(needles[1])] }, points: 11 },
  ];
  return planOf({ fields: { tags: "list", title: "text" }, groups: [{ name: "fit", upTo: 40 }], rules, gates: [tags("competitor")] });
}

describe("list matcher", () => {
  it("looks up fields with enough needles, in one mask or several", () => {
    expect(new ListMatchers(model(MIN_NEEDLES, 0, true)).test("tags", "tag-0")).toMatch(/^\(\(l0 & 1\) !== 0\)$/);
    expect(new ListMatchers(planOf({ fields: { tags: "list" }, rules: [{ when: tags("a"), points: 1 }, { when: tags("b"), points: 1 }] })).test("tags", "a")).toBeUndefined();
    expect(new ListMatchers(model(70, 0, true)).test("tags", "tag-65")).toBe("((l2 & 32) !== 0)");
    const code = generateFactoryBody(model(12, 12, true), { explain: true, chunkRules: 4 });
    expect(code).toContain("const LM0 = new Map(");
    expect(code).toMatch(/for \(let m = l0 & \d+, j = 0; m !== 0; m &= m - 1\)/); // the tags family visits set bits
    expect(code).not.toMatch(/for \(let m = h0/); // the title family's bits do not rise row by row: a plain loop
  });

  it("scores as the interpreter does, plain and explained, written out and as families", () => {
    for (let seed = 1; seed <= fuzzRuns(40); seed++) {
      const rng = createRng(seed);
      const plan = model(rng.pick([3, 5, 31, 45, 70]), rng.pick([0, 4, 9]), rng.chance(0.5));
      const scorer = compileScorer(plan);
      const chunked = new Function("rt", generateFactoryBody(plan, { explain: true, chunkRules: rng.int(1, 5) }))(runtime) as Record<"plain" | "explain", LeadFunction>;
      const pool = ["tag-0", "tag-1", "tag-2", "Tag-3", " tag-4 ", "tag-30", "tag-44", "tag-69", "vip", "competitor", "other", ""];
      for (let n = 0; n < 40; n++) {
        const picked = Array.from({ length: rng.int(0, 6) }, () => rng.pick(pool));
        const value = rng.pick<unknown>([picked, picked.join(";"), undefined, null, "", 42, [{}], picked.concat(picked)]);
        const lead = { id: n, tags: value, title: rng.pick(["w0x and w3x", "W8X", "none", undefined]) };
        const want = interpretRaw(plan, lead, { asOfMs: 0, position: n + 1 });
        expect({ seed, n, got: scorer.score(lead, { asOf: 0, position: n + 1 }) }).toEqual({ seed, n, got: want });
        expect({ seed, n, got: chunked.plain(lead, 0, "id", n + 1) }).toEqual({ seed, n, got: want });
        expect({ seed, n, got: chunked.explain(lead, 0, "id", n + 1) }).toEqual({ seed, n, got: interpretRaw(plan, lead, { asOfMs: 0, explain: true, position: n + 1 }) });
      }
    }
  });
});
