// The public API (SPEC section 7). The CLI and the playground use this module and nothing deeper.
// NOTE: being filled in; signatures below are the contract.
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export type { ScoreResult, ErrorRecord, LeadRecord, Hit, GroupResult } from "./ir/result.js";
export type { ScoringPlan, Schema, FieldType } from "./ir/plan.js";
