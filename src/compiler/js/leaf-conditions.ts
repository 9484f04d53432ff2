// The tests of a plan's rules and gates, below their and / or / not: what the per-lead matchers
// (text-matcher.ts, list-matcher.ts) count to decide which fields get one.

import type { PlanCondition, ScoringPlan } from "../../ir/plan.js";

export type LeafCondition = Exclude<PlanCondition, { k: "and" | "or" | "not" }>;

/** Every leaf condition of the rules, then of the gates, in order. */
export function* leafConditions(plan: ScoringPlan): Generator<LeafCondition> {
  for (const rule of plan.rules) yield* leavesOf(rule.condition);
  for (const gate of plan.gates) yield* leavesOf(gate.condition);
}

function* leavesOf(c: PlanCondition): Generator<LeafCondition> {
  if (c.k === "and" || c.k === "or") for (const item of c.items) yield* leavesOf(item);
  else if (c.k === "not") yield* leavesOf(c.item);
  else yield c;
}
