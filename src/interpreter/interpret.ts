// The reference interpreter: the meaning of a ScoringPlan, written for clarity rather than speed.
// The compiled scorer (src/compiler/js) must produce exactly what this produces; a differential
// test checks that on thousands of generated plans and leads.

import type { PlanRule, PlanTier, ScoringPlan } from "../ir/plan.js";
import type { GroupResult, Hit, LeadRecord, ScoreResult } from "../ir/result.js";
import { readLead, type LeadView } from "../semantics/lead.js";
import { round2 } from "../semantics/values.js";
import { evaluateCondition } from "./conditions.js";
import { mostRecentFactor, sumOfFactors } from "./events.js";

/** One rule's contribution before any group cap (SPEC 2.3, 2.4). */
export function ruleContribution(rule: PlanRule, lead: LeadView, asOf: number): number {
  // An `each` rule's condition is its own event test, so it also gates the count (relevant only for
  // `at least K times ... each`, where fewer than K occurrences award nothing).
  if (!evaluateCondition(rule.condition, lead, asOf)) return 0;
  if (rule.each) {
    const { event, withinDays, upTo } = rule.each;
    const sum = rule.points * sumOfFactors(lead.events, event, asOf, withinDays, rule.decay);
    if (upTo === undefined) return sum;
    if (rule.points > 0) return Math.min(sum, upTo);
    if (rule.points < 0) return Math.max(sum, -upTo);
    return sum;
  }
  if (rule.decay && rule.decayEvent) {
    const { event, withinDays } = rule.decayEvent;
    return rule.points * mostRecentFactor(lead.events, event, asOf, withinDays, rule.decay);
  }
  return rule.points;
}

/** The first tier whose test the score passes; null when there are no tiers or none matched. */
export function pickTier(tiers: PlanTier[] | undefined, score: number): string | null {
  for (const tier of tiers ?? []) {
    if (tier.op === "otherwise") return tier.name;
    if (tier.op === ">" ? score > tier.threshold : score >= tier.threshold) return tier.name;
  }
  return null;
}

export function interpretLead(plan: ScoringPlan, lead: LeadView, asOfMs: number, explain: boolean): ScoreResult {
  const contributions = plan.rules.map((rule) => ruleContribution(rule, lead, asOfMs));

  // The order of additions is part of the contract (floating point): each group sums its rules in
  // source order; the total adds the capped groups in plan order, then ungrouped rules in source order.
  const groupSums = plan.groups.map(() => 0);
  plan.rules.forEach((rule, i) => {
    if (rule.group !== null) groupSums[rule.group] += contributions[i];
  });
  const capped = plan.groups.map((group, i) => (group.upTo === undefined ? groupSums[i] : Math.min(groupSums[i], group.upTo)));
  let total = 0;
  for (const sum of capped) total += sum;
  plan.rules.forEach((rule, i) => {
    if (rule.group === null) total += contributions[i];
  });
  if (plan.limit?.min !== undefined) total = Math.max(total, plan.limit.min);
  if (plan.limit?.max !== undefined) total = Math.min(total, plan.limit.max);
  const score = round2(total);

  const gate = plan.gates.find((g) => evaluateCondition(g.condition, lead, asOfMs));
  const qualified = plan.qualify === undefined ? null : gate !== undefined ? false : plan.qualify.op === ">" ? score > plan.qualify.threshold : score >= plan.qualify.threshold;

  // defineProperty, not assignment: a group may be called `__proto__`.
  const groups: Record<string, GroupResult> = {};
  plan.groups.forEach((group, i) => {
    const groupScore = round2(capped[i]);
    const result: GroupResult = { score: groupScore, tier: group.tiers ? pickTier(group.tiers, groupScore) : null };
    Object.defineProperty(groups, group.name, { value: result, enumerable: true, writable: true, configurable: true });
  });

  const result: ScoreResult = { id: lead.id, score, qualified, tier: pickTier(plan.tiers, score), groups };
  if (gate !== undefined) result.disqualified_by = gate.line;
  if (explain) {
    const hits: Hit[] = [];
    plan.rules.forEach((rule, i) => {
      if (contributions[i] === 0) return;
      hits.push({ line: rule.line, group: rule.group === null ? null : plan.groups[rule.group].name, points: round2(contributions[i]), rule: rule.text });
    });
    result.hits = hits;
  }
  return result;
}

export interface InterpretOptions {
  asOfMs: number;
  explain?: boolean;
  /** The field holding the lead's id (default "id"). */
  idField?: string;
  /** 1-based position in the input, the id of a lead without one (default 1). */
  position?: number;
}

/** Scores one raw lead; a lead whose values do not fit the schema yields an error record. */
export function interpretRaw(plan: ScoringPlan, raw: unknown, opts: InterpretOptions): LeadRecord {
  const reading = readLead(raw, plan.schema, { idField: opts.idField, position: opts.position });
  if (!reading.ok) return { id: reading.problem.id, error: reading.problem.message };
  return interpretLead(plan, reading.lead, opts.asOfMs, opts.explain ?? false);
}
