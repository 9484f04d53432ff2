// Rule engines decide which rules fire; turning the fired rules' points into a result (group caps,
// the total, limits, rounding, tiers, qualification, gates) is the caller's job with either engine.
// This is that caller code, shared by both baselines.

import type { PlanTier, ScoringPlan } from "../../src/ir/plan.js";
import type { GroupResult, ScoreResult } from "../../src/ir/result.js";
import { round2 } from "../../src/semantics/values.js";

function pickTier(tiers: PlanTier[] | undefined, score: number): string | null {
  if (tiers === undefined) return null;
  for (const tier of tiers) {
    if (tier.op === "otherwise") return tier.name;
    if (tier.op === ">" ? score > tier.threshold : score >= tier.threshold) return tier.name;
  }
  return null;
}

/**
 * `contributions[i]` is rule i's points (0 when it did not fire); `gate` the index of the first gate
 * that matched, or -1.
 */
export function assembleResult(plan: ScoringPlan, id: string | number, contributions: ArrayLike<number>, gate: number): ScoreResult {
  const sums = plan.groups.map(() => 0);
  for (let i = 0; i < plan.rules.length; i++) {
    const group = plan.rules[i].group;
    if (group !== null) sums[group] += contributions[i];
  }
  const capped = plan.groups.map((group, g) => (group.upTo === undefined ? sums[g] : Math.min(sums[g], group.upTo)));
  let total = 0;
  for (const sum of capped) total += sum;
  for (let i = 0; i < plan.rules.length; i++) if (plan.rules[i].group === null) total += contributions[i];
  if (plan.limit?.min !== undefined) total = Math.max(total, plan.limit.min);
  if (plan.limit?.max !== undefined) total = Math.min(total, plan.limit.max);
  const score = round2(total);
  const groups: Record<string, GroupResult> = {};
  plan.groups.forEach((group, g) => {
    const groupScore = round2(capped[g]);
    Object.defineProperty(groups, group.name, { value: { score: groupScore, tier: pickTier(group.tiers, groupScore) }, enumerable: true, writable: true, configurable: true });
  });
  const qualified = plan.qualify === undefined ? null : gate >= 0 ? false : plan.qualify.op === ">" ? score > plan.qualify.threshold : score >= plan.qualify.threshold;
  const result: ScoreResult = { id, score, qualified, tier: pickTier(plan.tiers, score), groups };
  if (gate >= 0) result.disqualified_by = plan.gates[gate].line;
  return result;
}
