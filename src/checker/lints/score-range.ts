// The minimum and maximum total a model can give (SPEC 2.7), and each group's sub-score range.
//
// Each rule is bounded on its own ([0, N] for `add N`, [-N, 0] for `subtract N`, unbounded on its side
// for `each` without `up to`), and the bounds are added up as if the rules were independent. Rules
// that exclude each other (`x > 5` and `x <= 5`) are not detected, so the range may be wider than what
// leads can really score, never narrower: "no lead can reach X" warnings built on it are always right.
// Decay multiplies points by a factor in [0, 1], so it never widens a rule's bounds.

import type { PlanRule, ScoringPlan } from "../../ir/plan.js";
import { round2 } from "../../semantics/values.js";

export interface ScoreRange {
  /** null = unbounded below. */
  min: number | null;
  /** null = unbounded above. */
  max: number | null;
}

export interface ModelScoreRanges {
  /** The total, after group caps and the `score` limit line. */
  total: ScoreRange;
  /** Each group's sub-score (after its cap), in plan.groups order. */
  groups: ScoreRange[];
}

/** Bounds with infinities, used while adding up; converted to ScoreRange (nulls) at the end. */
interface Bounds {
  low: number;
  high: number;
}

/** What one rule can contribute. A rule whose condition can never hold contributes nothing. */
export function ruleBounds(rule: PlanRule, neverTrue: boolean): Bounds {
  if (neverTrue || (rule.condition.k === "const" && !rule.condition.value)) return { low: 0, high: 0 };
  const points = rule.points;
  if (!Number.isFinite(points)) return { low: 0, high: 0 }; // points that did not parse (an error)
  if (rule.each) {
    const upTo = rule.each.upTo;
    // Per occurrence: the sum grows without limit on the rule's side, unless capped. The caps mirror
    // the interpreter exactly: min(sum, M) for points above 0, max(sum, -M) below.
    if (points > 0) return upTo === undefined ? { low: 0, high: Infinity } : { low: Math.min(0, upTo), high: upTo };
    if (points < 0) return upTo === undefined ? { low: -Infinity, high: 0 } : { low: -upTo, high: Math.max(0, -upTo) };
    return { low: 0, high: 0 };
  }
  return points >= 0 ? { low: 0, high: points } : { low: points, high: 0 };
}

function add(a: Bounds, b: Bounds): Bounds {
  return { low: a.low + b.low, high: a.high + b.high };
}

function toRange(bounds: Bounds): ScoreRange {
  const finite = (n: number) => (Number.isFinite(n) ? round2(n) + 0 : null); // + 0 turns -0 into 0
  return { min: finite(bounds.low), max: finite(bounds.high) };
}

/**
 * The score range of a plan. `neverTrue(i)` says whether plan.rules[i] can never fire (its condition
 * is contradictory); such rules contribute [0, 0].
 */
export function computeScoreRanges(plan: ScoringPlan, neverTrue: (ruleIndex: number) => boolean = () => false): ModelScoreRanges {
  const groupSums: Bounds[] = plan.groups.map(() => ({ low: 0, high: 0 }));
  let ungrouped: Bounds = { low: 0, high: 0 };
  plan.rules.forEach((rule, i) => {
    const bounds = ruleBounds(rule, neverTrue(i));
    if (rule.group === null) ungrouped = add(ungrouped, bounds);
    else if (groupSums[rule.group]) groupSums[rule.group] = add(groupSums[rule.group], bounds);
  });

  // A group cap is min(sum, M): it lowers both ends of the range, never raises them.
  const capped = groupSums.map((sum, i) => {
    const upTo = plan.groups[i].upTo;
    return upTo === undefined ? sum : { low: Math.min(sum.low, upTo), high: Math.min(sum.high, upTo) };
  });

  let total = capped.reduce(add, ungrouped);
  // The same order as the interpreter: raise to the floor first, then lower to the ceiling.
  const limit = plan.limit;
  if (limit?.min !== undefined) total = { low: Math.max(total.low, limit.min), high: Math.max(total.high, limit.min) };
  if (limit?.max !== undefined) total = { low: Math.min(total.low, limit.max), high: Math.min(total.high, limit.max) };

  return { total: toRange(total), groups: capped.map(toRange) };
}
