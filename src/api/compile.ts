// compile(source): the one entry point from text to a scoring model (SPEC section 7).

import type { Example, Model as AstModel } from "../ast/nodes.js";
import { checkSource } from "../checker/check.js";
import type { ScoreRange } from "../checker/lints/index.js";
import { compileScorer, type ScoreArgument, type ScoreOptions } from "../compiler/js/compile-scorer.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { runExamples as runExampleBlocks, type ExampleOutcome } from "../examples/run-examples.js";
import type { Schema, ScoringPlan } from "../ir/plan.js";
import type { LeadRecord } from "../ir/result.js";
import { resolveAsOf } from "../semantics/lead.js";

export type { ScoreArgument, ScoreOptions };

export interface LeadScoringModel {
  readonly plan: ScoringPlan;
  /**
   * Scores one lead: a result, or an error record when a value does not fit its field's type.
   * The second argument is the options or, as for the standalone module, the as-of time alone.
   */
  score(lead: unknown, options?: ScoreArgument): LeadRecord;
  /** Scores many leads, numbering id-less leads 1, 2, 3... by position. */
  scoreAll(leads: Iterable<unknown>, options?: ScoreArgument): LeadRecord[];
}

export interface CompileResult {
  /** undefined when the model has errors. */
  model?: LeadScoringModel;
  diagnostics: Diagnostic[];
  ast: AstModel;
  /** Best effort even when there are errors, so editors can still complete names. */
  schema: Schema;
  plan: ScoringPlan;
  groups: string[];
  scoreRange: ScoreRange;
}

export function compile(source: string): CompileResult {
  const checked = checkSource(source);
  const result: CompileResult = {
    diagnostics: checked.diagnostics,
    ast: checked.ast,
    schema: checked.plan.schema,
    plan: checked.plan,
    groups: checked.plan.groups.map((g) => g.name),
    scoreRange: checked.scoreRange,
  };
  if (checked.ok) {
    const scorer = compileScorer(checked.plan);
    result.model = { plan: checked.plan, score: scorer.score, scoreAll: scorer.scoreAll };
  }
  return result;
}

export function check(source: string): Diagnostic[] {
  return checkSource(source).diagnostics;
}

/**
 * Runs the model's `example` blocks. A model with errors cannot be scored, so every example fails
 * with the first error's message.
 */
export function runExamples(source: string | CompileResult, asOf?: Date | string | number): ExampleOutcome[] {
  const compiled = typeof source === "string" ? compile(source) : source;
  const examples = compiled.ast.statements.filter((s): s is Example => s.kind === "example");
  const asOfMs = resolveAsOf(asOf);
  const model = compiled.model;
  if (!model) {
    const firstError = compiled.diagnostics.find((d) => d.severity === "error");
    return runExampleBlocks(examples, (lead) => ({ id: String(lead.id), error: `the model has errors: ${firstError?.message ?? "unknown"}` }), asOfMs);
  }
  return runExampleBlocks(examples, (lead, at) => model.score(lead, { asOf: at, explain: true }), asOfMs);
}
