// The builder's editable picture of each statement: plain data without source spans, one draft type
// per construct. A draft says exactly what the text says (no normalising beyond what the canonical
// format does), so text -> draft -> text gives the canonical text back; drafts.test.ts checks it.

import type { DurationUnit } from "../ast/nodes.js";

export type LiteralDraft =
  | { kind: "number"; value: number; /** As written, so `2.50` keeps its digits until the formatter trims them. */ raw?: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; value: string };

export interface DurationDraft {
  amount: number;
  unit: DurationUnit;
}

/**
 * What a single test does with its subject. "occurs" is the bare-name form: an event (`opened email`,
 * with optional `at least K times` / `within D`), a boolean field (`competitor`) or a date field with
 * `within D`. The other operators read as in the language (`=` prints as `is`).
 */
export type TestOp =
  | "occurs"
  | "=" | "!=" | "<" | "<=" | ">" | ">="
  | "between"
  | "in" | "not in"
  | "contains" | "starts with" | "ends with"
  | "before" | "after"
  | "known" | "unknown";

export interface NameDraft {
  /** Words joined by single spaces, or a quoted name's content. */
  name: string;
  quoted: boolean;
}

export interface TestDraft {
  kind: "test";
  subject: NameDraft;
  op: TestOp;
  /** The value of `=`, `!=`, `<`..., text matches and date comparisons. */
  value?: LiteralDraft;
  /** `between low and high`. */
  low?: LiteralDraft;
  high?: LiteralDraft;
  /** `in [...]` / `not in [...]`. */
  values?: LiteralDraft[];
  /** "occurs" only: `at least K times`. */
  count?: number;
  /** "occurs" only: `within D`. */
  within?: DurationDraft;
}

/**
 * `and` / `or` chains are flat lists ("all of" / "any of"), the way a form shows them; the language
 * reads them left-associatively and the formatter prints them without redundant parentheses, so the
 * flat list prints back to the same text.
 */
export type ConditionDraft =
  | { kind: "all"; items: ConditionDraft[] }
  | { kind: "any"; items: ConditionDraft[] }
  | { kind: "not"; item: ConditionDraft }
  | TestDraft;

export interface DecayDraft {
  percent: number;
  every: DurationDraft;
}

export interface RuleDraft {
  condition: ConditionDraft;
  sign: 1 | -1;
  points: number;
  pointsRaw?: string;
  each: boolean;
  upTo?: number;
  decay?: DecayDraft;
}

export interface GroupHeaderDraft {
  name: string;
  upTo?: number;
  decay?: DecayDraft;
}

export interface GateDraft {
  condition: ConditionDraft;
}

export interface QualifyDraft {
  op: ">" | ">=";
  threshold: number;
}

export interface ScoreLimitDraft {
  min?: number;
  max?: number;
}

export interface TierDraft {
  name: string;
  op: ">" | ">=" | "otherwise";
  threshold?: number;
}

export type FieldTypeDraft =
  | { kind: "number" | "text" | "boolean" | "date" | "list" }
  | { kind: "enum"; values: string[] };

export type FieldTypeKind = FieldTypeDraft["kind"];

export interface FieldDraft {
  name: string;
  type: FieldTypeDraft;
}

export const DURATION_UNITS: readonly DurationUnit[] = ["day", "week", "month"];
export const FIELD_TYPE_KINDS: readonly FieldTypeKind[] = ["number", "text", "boolean", "date", "list", "enum"];
