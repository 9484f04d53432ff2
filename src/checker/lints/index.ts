// Checks that find likely mistakes in a model that is otherwise valid: the score range and what it
// makes unreachable, tiers, conditions that can never be true, duplicates, unused declarations.
// One concern per module; this one only wires them together.

import type { Model, Rule } from "../../ast/nodes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ScoringPlan } from "../../ir/plan.js";
import type { SchemaResult } from "../schema.js";
import { lintDuplicateConditions } from "./duplicate-conditions.js";
import { containsUnresolved, lintNeverTrue } from "./never-true.js";
import { computeScoreRanges, type ModelScoreRanges, type ScoreRange } from "./score-range.js";
import { lintThresholds, rangeForTiers, someTierAlwaysMatches } from "./thresholds.js";
import { lintTiers } from "./tiers.js";
import { lintUnused } from "./unused.js";

export type { ModelScoreRanges, ScoreRange } from "./score-range.js";
export { computeScoreRanges } from "./score-range.js";

export interface LintContext {
  ast: Model;
  plan: ScoringPlan;
  /** The AST rule behind plan.rules[i]. */
  astRules: Rule[];
  schema: SchemaResult;
  usedFields: ReadonlySet<string>;
  usedEvents: ReadonlySet<string>;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** The total's range (SPEC 2.7). */
  scoreRange: ScoreRange;
  /** The total's and every group's range, for tools that draw them (histogram bands). */
  ranges: ModelScoreRanges;
}

export function lintModel(context: LintContext): LintResult {
  const neverTrue = lintNeverTrue(context);
  const ranges = computeScoreRanges(context.plan, (i) => neverTrue.ruleNeverTrue[i] ?? false);

  // A rule with an error in its condition scores nothing for now, so the range understates what the
  // model will score once it is fixed: conclusions drawn from the range would mislead until then.
  const rangeTrusted = !context.plan.rules.some((rule) => containsUnresolved(rule.condition));
  const everyScoreMatches = rangeTrusted
    ? (block: Parameters<typeof someTierAlwaysMatches>[0]) => {
        const range = rangeForTiers(block, context, ranges);
        return range !== undefined && someTierAlwaysMatches(block, range);
      }
    : undefined;
  const tiers = lintTiers(context, everyScoreMatches);

  const diagnostics = [
    ...tiers.diagnostics,
    ...(rangeTrusted ? lintThresholds(context, ranges, tiers.deadTiers) : []),
    ...neverTrue.diagnostics,
    ...lintDuplicateConditions(context),
    ...lintUnused(context),
  ];
  return { diagnostics, scoreRange: ranges.total, ranges };
}
