// The lints reason about every possible lead; these properties check them against real scoring.
// On thousands of generated plans and leads (seeded, so failures replay):
// - every score and group sub-score the reference interpreter gives lies within the computed range;
// - a rule or gate condition judged "can never be true" is false for every lead.

import { describe, expect, it } from "vitest";
import { computeScoreRanges } from "../../src/checker/lints/score-range.js";
import { judgeCondition } from "../../src/checker/lints/never-true.js";
import { evaluateCondition } from "../../src/interpreter/conditions.js";
import { interpretLead } from "../../src/interpreter/interpret.js";
import type { PlanCondition, ScoringPlan } from "../../src/ir/plan.js";
import { readLead } from "../../src/semantics/lead.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";

const PLANS = fuzzRuns(400);
const LEADS_PER_PLAN = 60;

function describeContext(plan: ScoringPlan) {
  return { fieldTypes: new Map(plan.schema.fields.map((f) => [f.name, f.type])), eventLabels: new Map<string, string>() };
}

/** Scores are rounded to cents; the range adds the same numbers in another order, so allow one cent. */
const CENT = 0.010001;

function within(value: number, range: { min: number | null; max: number | null }): boolean {
  return (range.min === null || value >= range.min - CENT) && (range.max === null || value <= range.max + CENT);
}

describe("lints agree with scoring", () => {
  it(`score ranges hold and never-true conditions stay false (${PLANS} plans)`, () => {
    for (let seed = 1; seed <= PLANS; seed++) {
      const rng = createRng(seed);
      const plan = generatePlan(rng, { illTyped: 0 });
      const context = describeContext(plan);
      const neverRules = plan.rules.map((rule) => judgeCondition(rule.condition, context).never);
      const neverGates = plan.gates.map((gate) => judgeCondition(gate.condition, context).never);
      const ranges = computeScoreRanges(plan, (i) => neverRules[i]);
      const never: PlanCondition[] = [...plan.rules.filter((_, i) => neverRules[i]).map((r) => r.condition), ...plan.gates.filter((_, i) => neverGates[i]).map((g) => g.condition)];

      for (const raw of generateLeads(rng, plan, LEADS_PER_PLAN, { invalid: 0 })) {
        const reading = readLead(raw, plan.schema, {});
        if (!reading.ok) continue;
        const result = interpretLead(plan, reading.lead, DEFAULT_AS_OF_MS, false);
        if (!within(result.score, ranges.total)) {
          expect.fail(`seed ${seed}: score ${result.score} outside ${JSON.stringify(ranges.total)}`);
        }
        plan.groups.forEach((group, i) => {
          const score = Object.getOwnPropertyDescriptor(result.groups, group.name)?.value.score as number;
          if (!within(score, ranges.groups[i])) expect.fail(`seed ${seed}: group ${group.name} score ${score} outside ${JSON.stringify(ranges.groups[i])}`);
        });
        for (const condition of never) {
          if (evaluateCondition(condition, reading.lead, DEFAULT_AS_OF_MS)) {
            expect.fail(`seed ${seed}: judged never true, but true for a lead: ${JSON.stringify(condition)}`);
          }
        }
      }
    }
  });
});
