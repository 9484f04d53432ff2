// Walks the statements in order, checks each (points, each / up to, decay, duplicates, tiers, groups)
// and builds the ScoringPlan. Name and type checks of conditions happen in resolve-condition.ts.

import type { Condition, DecaySpec, Model, Rule, Tiers } from "../ast/nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../diagnostics/positions.js";
import type { PlanCondition, PlanDecay, PlanRule, PlanTier, ScoringPlan } from "../ir/plan.js";
import { ConditionResolver } from "./resolve-condition.js";
import type { SchemaResult } from "./schema.js";
import { suggestNames } from "./suggest.js";

export interface PlanBuild {
  plan: ScoringPlan;
  resolver: ConditionResolver;
  /** The AST rule behind each plan rule (same index), for lints that need spans. */
  astRules: Rule[];
}

export function buildPlan(model: Model, schemaResult: SchemaResult, diagnostics: Diagnostic[]): PlanBuild {
  const lines = new LineIndex(model.source);
  const resolver = new ConditionResolver(schemaResult.schema, diagnostics, schemaResult.conflicts);
  const plan: ScoringPlan = { schema: schemaResult.schema, groups: [], rules: [], gates: [] };
  const astRules: Rule[] = [];
  const groupIndex = new Map<string, number>();
  const groupDecay: (PlanDecay | undefined)[] = [];

  // Groups first, so `tiers for fit` may come before `group fit`.
  for (const statement of model.statements) {
    if (statement.kind !== "group") continue;
    if (groupIndex.has(statement.name)) {
      diagnostics.push(report(Diagnostics.duplicateDeclaration, statement.nameSpan, [`The group ${statement.name}`]));
      continue;
    }
    if (statement.upTo !== undefined && !(statement.upTo > 0)) diagnostics.push(report(Diagnostics.invalidCap, statement.span));
    groupIndex.set(statement.name, plan.groups.length);
    plan.groups.push({ name: statement.name, upTo: statement.upTo });
    groupDecay.push(statement.decay ? checkDecay(statement.decay, resolver, diagnostics) : undefined);
  }

  const addRule = (rule: Rule, group: number | null, inheritedDecay: PlanDecay | undefined) => {
    const planRule = buildRule(rule, group, inheritedDecay, resolver, diagnostics, model.source, lines);
    plan.rules.push(planRule);
    astRules.push(rule);
  };

  for (const statement of model.statements) {
    switch (statement.kind) {
      case "rule":
        addRule(statement, null, undefined);
        break;
      case "group": {
        const index = groupIndex.get(statement.name);
        // A duplicate group's rules still count toward the first group of that name.
        const target = index ?? null;
        for (const rule of statement.rules) addRule(rule, target, target === null ? undefined : groupDecay[target]);
        break;
      }
      case "gate":
        plan.gates.push({ line: lines.position(statement.span.start).line, span: statement.span, condition: resolver.resolve(statement.condition) });
        break;
      case "qualify":
        if (plan.qualify) diagnostics.push(report(Diagnostics.duplicateQualify, statement.span));
        else plan.qualify = { op: statement.op, threshold: statement.threshold };
        break;
      case "scoreLimit":
        if (plan.limit) diagnostics.push(report(Diagnostics.duplicateScoreLimit, statement.span));
        else {
          if (statement.min !== undefined && statement.max !== undefined && statement.min > statement.max) {
            diagnostics.push(report(Diagnostics.invalidRange, statement.span, [statement.min, statement.max]));
          }
          plan.limit = { min: statement.min, max: statement.max };
        }
        break;
      case "tiers":
        attachTiers(statement, plan, groupIndex, diagnostics);
        break;
      default:
        break;
    }
  }
  return { plan, resolver, astRules };
}

function checkDecay(decay: DecaySpec, resolver: ConditionResolver, diagnostics: Diagnostic[]): PlanDecay {
  if (!(decay.percent >= 0 && decay.percent <= 100)) diagnostics.push(report(Diagnostics.invalidPercent, decay.span));
  resolver.checkDuration(decay.every);
  return { percent: decay.percent, everyDays: decay.every.days };
}

/** The single event test a rule's condition is, if it is one (what `each` and decay need). */
function singleEventTest(condition: PlanCondition): Extract<PlanCondition, { k: "event" }> | undefined {
  return condition.k === "event" ? condition : undefined;
}

function buildRule(
  rule: Rule,
  group: number | null,
  groupDecay: PlanDecay | undefined,
  resolver: ConditionResolver,
  diagnostics: Diagnostic[],
  source: string,
  lines: LineIndex,
): PlanRule {
  const condition = resolver.resolve(rule.condition);
  const event = singleEventTest(condition);
  if (!(rule.points > 0)) diagnostics.push(report(Diagnostics.pointsMustBePositive, rule.span));
  const planRule: PlanRule = {
    line: lines.position(rule.span.start).line,
    span: rule.span,
    text: source.slice(rule.span.start, rule.span.end),
    group,
    condition,
    points: rule.sign * rule.points,
  };
  if (rule.each) {
    if (event && event.atLeast === 1 && !hasAtLeast(rule.condition)) {
      planRule.each = { event: event.event, withinDays: event.withinDays, upTo: rule.upTo };
    } else if (hasAtLeast(rule.condition)) {
      diagnostics.push(report(Diagnostics.eachWithAtLeast, rule.span));
    } else if (condition.k !== "const") {
      diagnostics.push(report(Diagnostics.eachNeedsSingleEvent, rule.span));
    }
    if (rule.upTo !== undefined && !(rule.upTo > 0)) diagnostics.push(report(Diagnostics.invalidCap, rule.span));
  } else if (rule.upTo !== undefined) {
    diagnostics.push(report(Diagnostics.upToWithoutEach, rule.span));
  }
  const ownDecay = rule.decay ? checkDecay(rule.decay, resolver, diagnostics) : undefined;
  if (rule.decay && !event && condition.k !== "const") diagnostics.push(report(Diagnostics.decayNeedsEventRule, rule.decay.span));
  const decay = ownDecay ?? groupDecay;
  if (decay && event) {
    planRule.decay = decay;
    if (!planRule.each) planRule.decayEvent = { event: event.event, withinDays: event.withinDays };
  }
  return planRule;
}

function hasAtLeast(condition: Condition): boolean {
  return condition.kind === "subject" && condition.atLeast !== undefined;
}

function attachTiers(statement: Tiers, plan: ScoringPlan, groupIndex: Map<string, number>, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  const tiers: PlanTier[] = [];
  for (const tier of statement.tiers) {
    if (seen.has(tier.name)) diagnostics.push(report(Diagnostics.duplicateDeclaration, tier.nameSpan, [`The tier ${tier.name}`]));
    seen.add(tier.name);
    tiers.push({ name: tier.name, op: tier.op, threshold: tier.threshold ?? 0 });
  }
  if (!statement.group) {
    if (plan.tiers) diagnostics.push(report(Diagnostics.duplicateTiersFor, statement.span, ["the total score"]));
    else plan.tiers = tiers;
    return;
  }
  const index = groupIndex.get(statement.group.name);
  if (index === undefined) {
    diagnostics.push(report(Diagnostics.unknownGroup, statement.group.span, [statement.group.name], suggestNames(statement.group.name, groupIndex.keys())));
    return;
  }
  const group = plan.groups[index];
  if (group.tiers) diagnostics.push(report(Diagnostics.duplicateTiersFor, statement.span, [statement.group.name]));
  else group.tiers = tiers;
}
