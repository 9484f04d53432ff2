// The resolved scoring plan: what a model means, after the checker has resolved every name to a
// field or an event and every literal to its field's type. The interpreter, the JavaScript compiler
// and the SQL compiler are back ends of this one structure, so the semantics live in one place.

export type FieldType =
  | { kind: "number" }
  | { kind: "text" }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "list" }
  | { kind: "enum"; values: string[] };

export interface SchemaField {
  name: string;
  type: FieldType;
}

export interface Schema {
  fields: SchemaField[];
  /** Event types, normalised (lower case, single spaces). */
  events: string[];
  /** True when the model declared `lead {}` or `events {}`; false when inferred from use. */
  declared: boolean;
}

/**
 * A resolved condition. Text values are already normalised (trimmed, lower case) so back ends compare
 * them against lead values normalised the same way. Dates are epoch milliseconds (UTC midnight).
 */
export type PlanCondition =
  | { k: "and"; items: PlanCondition[] }
  | { k: "or"; items: PlanCondition[] }
  | { k: "not"; item: PlanCondition }
  | { k: "const"; value: boolean }
  /** At least `atLeast` occurrences of `event` (not in the future), within `withinDays` when given. */
  | { k: "event"; event: string; atLeast: number; withinDays?: number }
  | { k: "isTrue"; field: string }
  | { k: "number"; field: string; op: "=" | "!=" | "<" | "<=" | ">" | ">="; value: number }
  | { k: "numberBetween"; field: string; low: number; high: number }
  | { k: "numberIn"; field: string; values: number[]; negated: boolean }
  | { k: "text"; field: string; op: "=" | "!=" | "contains" | "starts" | "ends"; value: string }
  | { k: "textIn"; field: string; values: string[]; negated: boolean }
  | { k: "bool"; field: string; op: "=" | "!="; value: boolean }
  | { k: "date"; field: string; op: "before" | "after" | "=" | "!=" | "<" | "<=" | ">" | ">="; value: number }
  | { k: "dateBetween"; field: string; low: number; high: number }
  | { k: "dateWithin"; field: string; days: number }
  | { k: "listContains"; field: string; value: string }
  | { k: "known"; field: string; negated: boolean };

export interface PlanDecay {
  percent: number;
  everyDays: number;
}

export interface PlanRule {
  /** 1-based source line of the rule, for explanations. */
  line: number;
  /** Source offsets of the rule, for diagnostics (optional: generated plans have none). */
  span?: { start: number; end: number };
  /** The rule's source text, for explanations. */
  text: string;
  /** Index into plan.groups, or null for an ungrouped rule. */
  group: number | null;
  condition: PlanCondition;
  /** Signed points: +N for add, -N for subtract. */
  points: number;
  /** Set when the rule awards its points per occurrence of a single event test. */
  each?: { event: string; withinDays?: number; upTo?: number };
  /** Effective decay (the rule's own, else its group's); only ever set on event rules. */
  decay?: PlanDecay;
  /** For a decayed rule without `each`: the event whose most recent occurrence sets the decay. */
  decayEvent?: { event: string; withinDays?: number };
}

export interface PlanTier {
  name: string;
  op: ">" | ">=" | "otherwise";
  threshold: number; // unused for "otherwise"
}

export interface PlanGroup {
  name: string;
  upTo?: number;
  tiers?: PlanTier[];
}

export interface PlanGate {
  line: number;
  span?: { start: number; end: number };
  condition: PlanCondition;
}

export interface ScoringPlan {
  schema: Schema;
  groups: PlanGroup[];
  /** Every rule in source order. */
  rules: PlanRule[];
  gates: PlanGate[];
  qualify?: { op: ">" | ">="; threshold: number };
  limit?: { min?: number; max?: number };
  tiers?: PlanTier[];
}
