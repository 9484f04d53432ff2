// Big models are generated differently (src/compiler/js/chunks.ts, rule-families.ts): rules in
// helper functions, families of same-shaped rules as loops over tables, explanations through a
// contribution array. Generated plans are small, so these tests lower the size threshold to run
// them through that path, and compare with the interpreter like differential.test.ts: as generated
// (decimal points, decay: sums must keep the interpreter's order) and with integer points (where
// families may add up in any order).

import { describe, expect, it } from "vitest";
import { generateFactoryBody, integerArithmetic } from "../../src/compiler/js/generate.js";
import { runtime } from "../../src/compiler/js/runtime.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import type { ScoringPlan } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";
import { sameRecord } from "../support/same-record.js";

type LeadFunction = (raw: unknown, asOf: number, idField: string, position: number) => LeadRecord;

function bigScorer(plan: ScoringPlan, chunkRules: number): { plain: LeadFunction; explain: LeadFunction } {
  const factory = new Function("rt", generateFactoryBody(plan, { explain: true, chunkRules })) as (rt: unknown) => { plain: LeadFunction; explain: LeadFunction };
  return factory(runtime);
}

/** The plan with whole points and caps and no decay: integerArithmetic() holds. */
function integerPlan(plan: ScoringPlan): ScoringPlan {
  const whole = (x: number) => (Math.round(x) === 0 ? Math.sign(x) || 1 : Math.round(x));
  return {
    ...plan,
    groups: plan.groups.map((g) => ({ ...g, ...(g.upTo !== undefined ? { upTo: Math.round(g.upTo) } : {}) })),
    rules: plan.rules.map(({ decay: _decay, decayEvent: _decayEvent, ...rule }) => ({
      ...rule,
      points: whole(rule.points),
      ...(rule.each ? { each: { ...rule.each, ...(rule.each.upTo !== undefined ? { upTo: Math.round(rule.each.upTo) } : {}) } } : {}),
    })),
  };
}

const PLANS = fuzzRuns(300);
const LEADS_PER_PLAN = 15;

describe("big-model code = interpreter", () => {
  it.each([
    ["as generated", false],
    ["integer points", true],
  ] as const)("%s", (_, integers) => {
    let compared = 0;
    let integerPlans = 0;
    for (let seed = 1; seed <= PLANS; seed++) {
      const rng = createRng(seed);
      const generated = generatePlan(rng, { maxRules: 40, maxFields: 3, maxEvents: 2, hostile: 0.05 });
      const plan = integers ? integerPlan(generated) : generated;
      if (integerArithmetic(plan)) integerPlans++;
      const leads = generateLeads(rng, plan, LEADS_PER_PLAN);
      const chunkRules = 1 + (seed % 3);
      const scorer = bigScorer(plan, chunkRules);
      for (const explain of [false, true]) {
        const fn = explain ? scorer.explain : scorer.plain;
        leads.forEach((lead, i) => {
          const expected = interpretRaw(plan, lead, { asOfMs: DEFAULT_AS_OF_MS, explain, position: i + 1 });
          const actual = fn(lead, DEFAULT_AS_OF_MS, "id", i + 1);
          if (!sameRecord(actual, expected)) expect({ seed, chunkRules, lead: i, explain, actual }).toEqual({ seed, chunkRules, lead: i, explain, actual: expected });
          compared++;
        });
      }
    }
    expect(compared).toBe(PLANS * LEADS_PER_PLAN * 2);
    if (integers) expect(integerPlans).toBeGreaterThan(PLANS / 2);
  });

  it("finds families in a big integer model", () => {
    const rules = Array.from({ length: 12 }, (_, i) => ({
      line: i + 1,
      text: `when size >= ${i} add ${i + 1}`,
      group: null,
      condition: { k: "number" as const, field: "size", op: ">=" as const, value: i * 10 },
      points: i + 1,
    }));
    const plan: ScoringPlan = { schema: { fields: [{ name: "size", type: { kind: "number" } }], events: [], declared: true }, groups: [], rules, gates: [] };
    const body = generateFactoryBody(plan, { explain: true, chunkRules: 4 });
    expect(body).toMatch(/const F0 = \[0, 1, 0, 10, 2, 1,/);
    expect(body).toMatch(/for \(let j = 0; j < 36; j \+= 3\) if \(\(f0 !== undefined && f0 >= F0\[j\]\)\) total \+= F0\[j \+ 1\];/);
    const scorer = bigScorer(plan, 4);
    for (const size of [undefined, 0, 5, 55, 1000]) {
      const lead = { id: "x", size };
      expect(scorer.plain(lead, DEFAULT_AS_OF_MS, "id", 1)).toEqual(interpretRaw(plan, lead, { asOfMs: DEFAULT_AS_OF_MS }));
      expect(scorer.explain(lead, DEFAULT_AS_OF_MS, "id", 1)).toEqual(interpretRaw(plan, lead, { asOfMs: DEFAULT_AS_OF_MS, explain: true }));
    }
  });
});
