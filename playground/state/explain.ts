// Turns one explained result (SPEC section 5, with hits) into what the explanation panel shows: the
// rules that fired, decay, each group's sum against its capped sub-score, the total's limit, the gate
// and the reasons for the qualification and the tier.

import type { LeadRecord, ScoringPlan, ScoreResult } from "../lib/core.js";
import { SourceLines } from "../lib/lines.js";

type PlanRule = ScoringPlan["rules"][number];
type PlanTier = NonNullable<ScoringPlan["tiers"]>[number];

export interface ExplainedHit {
  line: number;
  group: string | null;
  points: number;
  rule: string;
  /** The rule's decay, when it has one. */
  decay?: { percent: number; everyDays: number };
  /** Points the rule awards before decay (per occurrence for `each` rules). */
  basePoints?: number;
  each: boolean;
  /** The rule's own cap (`each ... up to M`), and whether this lead reached it. */
  ruleCap?: { upTo: number; reached: boolean };
  /** For an `each` rule: how many of the lead's events it counted. */
  occurrences?: number;
  /** Points before decay (after the rule's cap), when decay took some away. */
  undecayed?: number;
}

export interface ExplainedGroup {
  name: string;
  /** Sum of the group's hits before its cap. */
  sum: number;
  score: number;
  upTo?: number;
  capped: boolean;
  tier: string | null;
  /** The group's tier names, best first (for colouring its tier like the total's). */
  tierOrder: string[];
  tierReason?: string;
}

export interface Explanation {
  id: string | number;
  error?: string;
  score: number;
  qualified: boolean | null;
  tier: string | null;
  hits: ExplainedHit[];
  groups: ExplainedGroup[];
  ungroupedSum: number;
  /** Sum of group sub-scores and ungrouped points before the model's score limit. */
  rawTotal: number;
  limit?: { min?: number; max?: number; applied: boolean };
  gate?: { line: number; text: string };
  qualifyReason?: string;
  tierReason?: string;
  /** Lines to highlight in the editor. */
  lines: { added: number[]; subtracted: number[]; gate: number[] };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function describeTier(tier: PlanTier): string {
  return tier.op === "otherwise" ? `${tier.name} otherwise` : `${tier.name} ${tier.op === ">" ? "above" : "at least"} ${tier.threshold}`;
}

function matchTier(tiers: readonly PlanTier[], score: number): PlanTier | undefined {
  return tiers.find((t) => t.op === "otherwise" || (t.op === ">" ? score > t.threshold : score >= t.threshold));
}

function tierReason(tiers: readonly PlanTier[] | undefined, score: number, label: string): string | undefined {
  if (!tiers || tiers.length === 0) return undefined;
  const tier = matchTier(tiers, score);
  if (!tier) return `${label} ${score} matches no tier`;
  if (tier.op === "otherwise") return `${label} ${score} matches no tier above, so "otherwise" applies`;
  return `${label} ${score} is ${tier.op === ">" ? "above" : "at least"} ${tier.threshold}`;
}

const DAY_MS = 86_400_000;

/** How many of a lead's events an `each` rule counts (SPEC 3: not after the as-of time, within its window). */
function countOccurrences(lead: Record<string, unknown>, each: NonNullable<PlanRule["each"]>, asOf: number): number {
  const events = Array.isArray(lead.events) ? lead.events : [];
  let n = 0;
  for (const item of events) {
    const type = typeof item === "string" ? item : item && typeof item === "object" ? (item as { type?: unknown }).type : undefined;
    if (typeof type !== "string" || type.trim().replace(/\s+/g, " ").toLowerCase() !== each.event) continue;
    const at = item && typeof item === "object" ? (item as { at?: unknown }).at : undefined;
    const time = typeof at === "string" && at !== "" ? Date.parse(at) : undefined;
    if (time === undefined || Number.isNaN(time)) {
      if (each.withinDays === undefined) n++;
      continue;
    }
    if (time > asOf) continue;
    if (each.withinDays !== undefined && asOf - time > each.withinDays * DAY_MS) continue;
    n++;
  }
  return n;
}

export function explainLead(record: LeadRecord, plan: ScoringPlan, source: string, lead: Record<string, unknown> = {}, asOf: number = Date.now()): Explanation {
  const lines = new SourceLines(source);
  if ("error" in record) {
    return { id: record.id, error: record.error, score: 0, qualified: null, tier: null, hits: [], groups: [], ungroupedSum: 0, rawTotal: 0, lines: { added: [], subtracted: [], gate: [] } };
  }
  const result: ScoreResult = record;
  const rulesByLine = new Map<number, PlanRule[]>();
  for (const rule of plan.rules) rulesByLine.set(rule.line, [...(rulesByLine.get(rule.line) ?? []), rule]);

  const hits: ExplainedHit[] = (result.hits ?? []).map((hit) => {
    const candidates = rulesByLine.get(hit.line) ?? [];
    const rule = candidates.find((r) => r.text === hit.rule) ?? candidates[0];
    const explained: ExplainedHit = { ...hit, each: rule?.each !== undefined, basePoints: rule?.points };
    if (rule?.decay) explained.decay = rule.decay;
    if (rule?.each) {
      const n = countOccurrences(lead, rule.each, asOf);
      explained.occurrences = n;
      let full = Math.abs(rule.points) * n;
      if (rule.each.upTo !== undefined) {
        explained.ruleCap = { upTo: rule.each.upTo, reached: full > rule.each.upTo + 1e-9 };
        full = Math.min(full, rule.each.upTo);
      }
      if (rule.decay && full - Math.abs(hit.points) > 0.005) explained.undecayed = Math.sign(rule.points) * full;
    } else if (rule?.decay && Math.abs(rule.points) - Math.abs(hit.points) > 0.005) {
      explained.undecayed = rule.points;
    }
    return explained;
  });

  const groups: ExplainedGroup[] = plan.groups.map((group) => {
    const sum = round2(hits.filter((h) => h.group === group.name).reduce((acc, h) => acc + h.points, 0));
    const outcome = result.groups[group.name] ?? { score: sum, tier: null };
    return {
      name: group.name,
      sum,
      score: outcome.score,
      upTo: group.upTo,
      capped: Math.abs(outcome.score - sum) > 0.005,
      tier: outcome.tier,
      tierOrder: (group.tiers ?? []).map((t) => t.name),
      tierReason: tierReason(group.tiers, outcome.score, `${group.name} score`),
    };
  });
  const ungroupedSum = round2(hits.filter((h) => h.group === null).reduce((acc, h) => acc + h.points, 0));
  const rawTotal = round2(groups.reduce((acc, g) => acc + g.score, 0) + ungroupedSum);
  const limit = plan.limit ? { ...plan.limit, applied: Math.abs(rawTotal - result.score) > 0.005 } : undefined;

  let gate: Explanation["gate"];
  if (result.disqualified_by !== undefined) gate = { line: result.disqualified_by, text: lines.lineText(result.disqualified_by).trim() };

  let qualifyReason: string | undefined;
  if (gate) qualifyReason = `Not qualified: stopped by the gate on line ${gate.line}`;
  else if (plan.qualify) {
    const { op, threshold } = plan.qualify;
    const words = op === ">" ? "above" : "at least";
    qualifyReason = result.qualified
      ? `Qualified: score ${result.score} is ${words} ${threshold}`
      : `Not qualified: score ${result.score} is not ${words} ${threshold}`;
  }

  return {
    id: result.id,
    score: result.score,
    qualified: result.qualified,
    tier: result.tier,
    hits,
    groups,
    ungroupedSum,
    rawTotal,
    limit,
    gate,
    qualifyReason,
    tierReason: tierReason(plan.tiers, result.score, "Score"),
    lines: {
      added: hits.filter((h) => h.points >= 0).map((h) => h.line),
      subtracted: hits.filter((h) => h.points < 0).map((h) => h.line),
      gate: gate ? [gate.line] : [],
    },
  };
}
