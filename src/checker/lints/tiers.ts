// The shape of a `tiers` block, whatever the scores (SPEC 2.5, 2.7): tiers are tried in order and the
// first match wins, so `otherwise` must come last (LS5001), a tier whose scores an earlier tier has
// all taken can never match (LS5002), and without `otherwise` some scores get no tier (LS5003).
// What the score range makes unreachable or certain is thresholds.ts's concern.

import type { Tier, Tiers } from "../../ast/nodes.js";
import { Diagnostics, report } from "../../diagnostics/catalog.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LintContext } from "./index.js";

/** "hot at least 9", "warm above 5", "cold otherwise": a tier as written, to name it in a message. */
export function tierText(tier: Tier): string {
  if (tier.op === "otherwise") return `${tier.name} otherwise`;
  return `${tier.name} ${tier.op === ">" ? "above" : "at least"} ${tier.threshold}`;
}

/** Does `earlier` match every score that `later` matches? */
export function tierCovers(earlier: Tier, later: Tier): boolean {
  if (earlier.op === "otherwise") return true;
  if (later.op === "otherwise" || earlier.threshold === undefined || later.threshold === undefined) return false;
  // `at least a` takes every score >= a; `above a` every score > a.
  if (earlier.op === ">=") return later.threshold >= earlier.threshold;
  return later.op === ">" ? later.threshold >= earlier.threshold : later.threshold > earlier.threshold;
}

export interface TiersFindings {
  diagnostics: Diagnostic[];
  /** Tiers that can never match whatever the scores (LS5002); range checks skip them. */
  deadTiers: Set<Tier>;
}

/**
 * `everyScoreMatches(block)` says whether the score range proves that some tier of the block always
 * matches (`cold at least 0` under `score at least 0`): then a missing `otherwise` loses nothing.
 */
export function lintTiers(context: LintContext, everyScoreMatches: (block: Tiers) => boolean = () => false): TiersFindings {
  const diagnostics: Diagnostic[] = [];
  const deadTiers = new Set<Tier>();
  for (const statement of context.ast.statements) {
    if (statement.kind !== "tiers") continue;
    lintTiersBlock(statement, diagnostics, deadTiers);
    const complete = statement.tiers.some((t) => t.op === "otherwise");
    if (!complete && statement.tiers.length > 0 && !everyScoreMatches(statement)) diagnostics.push(report(Diagnostics.noOtherwise, statement.span));
  }
  return { diagnostics, deadTiers };
}

function lintTiersBlock(block: Tiers, diagnostics: Diagnostic[], deadTiers: Set<Tier>): void {
  const { tiers } = block;
  tiers.forEach((tier, i) => {
    if (tier.op === "otherwise" && i < tiers.length - 1) diagnostics.push(report(Diagnostics.otherwiseNotLast, tier.span));
    const cover = tiers.slice(0, i).find((earlier) => tierCovers(earlier, tier));
    if (cover) {
      deadTiers.add(tier);
      diagnostics.push(report(Diagnostics.tierNeverMatches, tier.span, [tier.name, tierText(cover)]));
    }
  });
}
