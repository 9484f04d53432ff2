// The canonical text of drafts, printed by the formatter (src/formatter) so that a builder edit
// writes exactly what `leadscore fmt` would.

import { formatStatement } from "../formatter/format.js";
import { fieldNode, gateNode, groupNode, nameNode, qualifyNode, ruleNode, scoreLimitNode, tierNode } from "./convert.js";
import type { FieldDraft, GateDraft, GroupHeaderDraft, NameDraft, QualifyDraft, RuleDraft, ScoreLimitDraft, TierDraft } from "./drafts.js";

export function printRule(draft: RuleDraft): string {
  return formatStatement(ruleNode(draft));
}

export function printGate(draft: GateDraft): string {
  return formatStatement(gateNode(draft));
}

export function printQualify(draft: QualifyDraft): string {
  return formatStatement(qualifyNode(draft));
}

export function printScoreLimit(draft: ScoreLimitDraft): string {
  return formatStatement(scoreLimitNode(draft));
}

export function printTier(draft: TierDraft): string {
  return formatStatement(tierNode(draft));
}

export function printField(draft: FieldDraft): string {
  return formatStatement(fieldNode(draft));
}

export function printEvent(draft: NameDraft): string {
  return formatStatement({ kind: "eventDecl", name: nameNode(draft), span: { start: 0, end: 0 } });
}

/** `group fit up to 50 {`: an empty group prints as `header {}`, so its header is that minus the `}`. */
export function printGroupHeader(draft: GroupHeaderDraft): string {
  return formatStatement(groupNode(draft)).slice(0, -1);
}

/** `tiers {` or `tiers for fit {`. */
export function printTiersHeader(group: string | undefined): string {
  const span = { start: 0, end: 0 };
  return formatStatement({ kind: "tiers", group: group === undefined ? undefined : { name: group, span }, tiers: [], span }).slice(0, -1);
}
