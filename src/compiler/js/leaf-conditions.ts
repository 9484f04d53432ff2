// The tests of a plan's rules and gates, below their and / or / not: what the per-lead matchers
// (text-matcher.ts, list-matcher.ts) count to decide which fields get one.

import type { PlanCondition, ScoringPlan } from "../../ir/plan.js";

export type LeafCondition = Exclude<PlanCondition, { k: "and" | "or" | "not" }>;

/**
 * Every leaf condition of the rules, then of the gates, in order. An array, built by a plain
 * recursion: nested generators (`yield*` per level) took ~5% of code generation for 1,000 rules.
 */
export function leafConditions(plan: ScoringPlan): LeafCondition[] {
  const leaves: LeafCondition[] = [];
  for (const rule of plan.rules) addLeaves(rule.condition, leaves);
  for (const gate of plan.gates) addLeaves(gate.condition, leaves);
  return leaves;
}

function addLeaves(c: PlanCondition, leaves: LeafCondition[]): void {
  if (c.k === "and" || c.k === "or") for (const item of c.items) addLeaves(item, leaves);
  else if (c.k === "not") addLeaves(c.item, leaves);
  else leaves.push(c);
}
