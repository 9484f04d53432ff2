// What the score range says about the qualify threshold and the tiers (SPEC 2.7): a threshold no
// score can reach (LS5004, LS5006) or one every score reaches (LS5005, LS5007). Tiers for a group are
// judged against that group's sub-score range.

import type { Qualify, Tier, Tiers } from "../../ast/nodes.js";
import { Diagnostics, report } from "../../diagnostics/catalog.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LintContext } from "./index.js";
import type { ModelScoreRanges, ScoreRange } from "./score-range.js";

type ThresholdOp = ">" | ">=";

/** Does every score in the range pass `op threshold`? */
export function alwaysPasses(range: ScoreRange, op: ThresholdOp, threshold: number): boolean {
  if (range.min === null) return false;
  return op === ">" ? range.min > threshold : range.min >= threshold;
}

/** Does no score in the range pass `op threshold`? */
export function neverPasses(range: ScoreRange, op: ThresholdOp, threshold: number): boolean {
  if (range.max === null) return false;
  return op === ">" ? range.max <= threshold : range.max < threshold;
}

function number(n: number): string {
  return String(n + 0); // never "-0"
}

/** "scores range from 0 to 23", "fit scores are at least 5", "every score is 0". */
export function describeRange(range: ScoreRange, group?: string): string {
  const scores = group === undefined ? "scores" : `${group} scores`;
  if (range.min !== null && range.max !== null) {
    if (range.min === range.max) return `every ${group === undefined ? "score" : `${group} score`} is ${number(range.min)}`;
    return `${scores} range from ${number(range.min)} to ${number(range.max)}`;
  }
  if (range.min !== null) return `${scores} are at least ${number(range.min)}`;
  if (range.max !== null) return `${scores} are at most ${number(range.max)}`;
  return `${scores} have no limit`;
}

function never(op: ThresholdOp, threshold: number): string {
  return op === ">" ? `never above ${number(threshold)}` : `never ${number(threshold)} or more`;
}

function always(op: ThresholdOp, threshold: number): string {
  return op === ">" ? `always above ${number(threshold)}` : `always ${number(threshold)} or more`;
}

/** The block of tiers in force for each target (the total, or a group): the first one written. */
export function tiersInForce(context: LintContext): Tiers[] {
  const seen = new Set<string>();
  const blocks: Tiers[] = [];
  for (const statement of context.ast.statements) {
    if (statement.kind !== "tiers") continue;
    const target = statement.group ? `group:${statement.group.name}` : "total";
    if (seen.has(target)) continue;
    seen.add(target);
    blocks.push(statement);
  }
  return blocks;
}

/** The range a block of tiers grades: the total's, or its group's (undefined for an unknown group). */
export function rangeForTiers(block: Tiers, context: LintContext, ranges: ModelScoreRanges): ScoreRange | undefined {
  if (!block.group) return ranges.total;
  const index = context.plan.groups.findIndex((g) => g.name === block.group?.name);
  return index < 0 ? undefined : ranges.groups[index];
}

/** Some tier of the block matches every score in the range (so no score is left without a tier). */
export function someTierAlwaysMatches(block: Tiers, range: ScoreRange): boolean {
  return block.tiers.some((t) => t.op === "otherwise" || (t.threshold !== undefined && alwaysPasses(range, t.op, t.threshold)));
}

export function lintThresholds(context: LintContext, ranges: ModelScoreRanges, deadTiers: ReadonlySet<Tier>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const qualify = context.ast.statements.find((s): s is Qualify => s.kind === "qualify");
  if (qualify) {
    const { op, threshold } = qualify;
    const range = ranges.total;
    if (neverPasses(range, op, threshold)) {
      diagnostics.push(report(Diagnostics.qualifyUnreachable, qualify.span, [describeRange(range), never(op, threshold)]));
    } else if (alwaysPasses(range, op, threshold)) {
      diagnostics.push(report(Diagnostics.qualifyAlwaysReached, qualify.span, [describeRange(range), always(op, threshold)]));
    }
  }

  for (const block of tiersInForce(context)) {
    const range = rangeForTiers(block, context, ranges);
    if (!range) continue;
    const group = block.group?.name;
    const label = (tier: Tier) => (group === undefined ? `the tier ${tier.name}` : `the ${group} tier ${tier.name}`);
    for (const [i, tier] of block.tiers.entries()) {
      if (tier.op === "otherwise") break; // anything after it is already an error (tiers.ts)
      if (deadTiers.has(tier) || tier.threshold === undefined) continue;
      if (alwaysPasses(range, tier.op, tier.threshold)) {
        // Only a problem when it shadows something; a last tier that always matches is an `otherwise`.
        if (i < block.tiers.length - 1) {
          diagnostics.push(report(Diagnostics.tierAlwaysReached, tier.span, [label(tier), describeRange(range, group), always(tier.op, tier.threshold)]));
        }
        break;
      }
      if (neverPasses(range, tier.op, tier.threshold)) {
        diagnostics.push(report(Diagnostics.tierUnreachable, tier.span, [label(tier), describeRange(range, group), never(tier.op, tier.threshold)]));
      }
    }
  }
  return diagnostics;
}
