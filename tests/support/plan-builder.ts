// Compact hand-built ScoringPlans for table-driven semantics tests.

import type { FieldType, PlanCondition, PlanDecay, PlanGate, PlanGroup, PlanRule, PlanTier, ScoringPlan } from "../../src/ir/plan.js";

export interface RuleSpec {
  when: PlanCondition;
  points: number;
  group?: number | null;
  each?: PlanRule["each"];
  decay?: PlanDecay;
  decayEvent?: PlanRule["decayEvent"];
  text?: string;
}

export interface PlanSpec {
  fields?: Record<string, FieldType["kind"] | FieldType>;
  events?: string[];
  groups?: PlanGroup[];
  rules?: RuleSpec[];
  gates?: PlanCondition[];
  qualify?: ScoringPlan["qualify"];
  limit?: ScoringPlan["limit"];
  tiers?: PlanTier[];
}

/** Rules get lines 10, 11, 12...; gates 100, 101...; texts default to "rule N". */
export function planOf(spec: PlanSpec): ScoringPlan {
  const fields = Object.entries(spec.fields ?? {}).map(([name, type]) => ({ name, type: typeof type === "string" ? ({ kind: type } as FieldType) : type }));
  const rules: PlanRule[] = (spec.rules ?? []).map((rule, i) => ({
    line: 10 + i,
    text: rule.text ?? `rule ${i + 1}`,
    group: rule.group ?? null,
    condition: rule.when,
    points: rule.points,
    ...(rule.each ? { each: rule.each } : {}),
    ...(rule.decay ? { decay: rule.decay } : {}),
    ...(rule.decayEvent ? { decayEvent: rule.decayEvent } : {}),
  }));
  const gates: PlanGate[] = (spec.gates ?? []).map((condition, i) => ({ line: 100 + i, condition }));
  return {
    schema: { fields, events: spec.events ?? [], declared: true },
    groups: spec.groups ?? [],
    rules,
    gates,
    ...(spec.qualify ? { qualify: spec.qualify } : {}),
    ...(spec.limit ? { limit: spec.limit } : {}),
    ...(spec.tiers ? { tiers: spec.tiers } : {}),
  };
}

export const event = (name: string, withinDays?: number, atLeast = 1): PlanCondition => ({ k: "event", event: name, atLeast, ...(withinDays !== undefined ? { withinDays } : {}) });
