// Checks that find likely mistakes in a model that is otherwise valid: the score range and what it
// makes unreachable, tiers, conditions that can never be true, duplicates, unused declarations.
// (Being written: see the lint modules in this folder.)

import type { Model, Rule } from "../../ast/nodes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ScoringPlan } from "../../ir/plan.js";
import type { SchemaResult } from "../schema.js";

export interface LintContext {
  ast: Model;
  plan: ScoringPlan;
  /** The AST rule behind plan.rules[i]. */
  astRules: Rule[];
  schema: SchemaResult;
  usedFields: ReadonlySet<string>;
  usedEvents: ReadonlySet<string>;
}

export interface ScoreRange {
  /** null = unbounded below. */
  min: number | null;
  /** null = unbounded above. */
  max: number | null;
}

export function lintModel(_context: LintContext): { diagnostics: Diagnostic[]; scoreRange: ScoreRange } {
  return { diagnostics: [], scoreRange: { min: null, max: null } };
}
