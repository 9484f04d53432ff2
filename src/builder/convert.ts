// Drafts <-> AST nodes. Reading (AST -> draft) gives undefined for anything the parser could only
// partly read (an `invalid` condition), so such a statement stays read-only text in the builder.
// Writing (draft -> AST) builds nodes with empty spans, only ever printed by the formatter.

import type {
  Condition, DecaySpec, Duration, FieldDecl, Gate, Group, Literal, NameRef, Qualify, Rule, ScoreLimit, Span, Tier,
} from "../ast/nodes.js";
import type {
  ConditionDraft, DecayDraft, DurationDraft, FieldDraft, GateDraft, GroupHeaderDraft, LiteralDraft, NameDraft, QualifyDraft,
  RuleDraft, ScoreLimitDraft, TestDraft, TierDraft,
} from "./drafts.js";

const NO_SPAN: Span = { start: 0, end: 0 };

// ---- AST -> draft ----------------------------------------------------------------------------------

export function literalDraft(literal: Literal): LiteralDraft {
  switch (literal.kind) {
    case "number":
      return { kind: "number", value: literal.value, raw: literal.raw };
    case "string":
      return { kind: "string", value: literal.value };
    case "boolean":
      return { kind: "boolean", value: literal.value };
    case "date":
      return { kind: "date", value: literal.value };
  }
}

function durationDraft(duration: Duration): DurationDraft {
  return { amount: duration.amount, unit: duration.unit };
}

function decayDraft(decay: DecaySpec | undefined): DecayDraft | undefined {
  return decay ? { percent: decay.percent, every: durationDraft(decay.every) } : undefined;
}

function nameDraft(ref: NameRef): NameDraft {
  return { name: ref.name, quoted: ref.quoted };
}

/** Flattens a left-nested `and` / `or` chain into its operands. */
function chainItems(condition: Condition, kind: "and" | "or"): Condition[] {
  if (condition.kind !== kind) return [condition];
  return [...chainItems(condition.left, kind), ...chainItems(condition.right, kind)];
}

export function conditionDraft(condition: Condition): ConditionDraft | undefined {
  switch (condition.kind) {
    case "and":
    case "or": {
      const items = chainItems(condition, condition.kind).map(conditionDraft);
      if (items.some((item) => item === undefined)) return undefined;
      return { kind: condition.kind === "and" ? "all" : "any", items: items as ConditionDraft[] };
    }
    case "not": {
      const item = conditionDraft(condition.operand);
      return item ? { kind: "not", item } : undefined;
    }
    case "subject": {
      const test: TestDraft = { kind: "test", subject: nameDraft(condition.subject), op: "occurs" };
      if (condition.atLeast) test.count = condition.atLeast.count;
      if (condition.within) test.within = durationDraft(condition.within);
      return test;
    }
    case "compare":
      return { kind: "test", subject: nameDraft(condition.field), op: condition.op, value: literalDraft(condition.value) };
    case "between":
      return { kind: "test", subject: nameDraft(condition.field), op: "between", low: literalDraft(condition.low), high: literalDraft(condition.high) };
    case "in":
      return { kind: "test", subject: nameDraft(condition.field), op: condition.negated ? "not in" : "in", values: condition.values.map(literalDraft) };
    case "textMatch":
    case "dateCompare":
      return { kind: "test", subject: nameDraft(condition.field), op: condition.op, value: literalDraft(condition.value) };
    case "known":
      return { kind: "test", subject: nameDraft(condition.field), op: condition.negated ? "unknown" : "known" };
    case "invalid":
      return undefined;
  }
}

export function ruleDraft(rule: Rule): RuleDraft | undefined {
  const condition = conditionDraft(rule.condition);
  if (!condition) return undefined;
  const draft: RuleDraft = { condition, sign: rule.sign, points: rule.points, pointsRaw: rule.pointsRaw, each: rule.each };
  if (rule.upTo !== undefined) draft.upTo = rule.upTo;
  if (rule.decay) draft.decay = decayDraft(rule.decay);
  return draft;
}

export function gateDraft(gate: Gate): GateDraft | undefined {
  const condition = conditionDraft(gate.condition);
  return condition ? { condition } : undefined;
}

export function groupHeaderDraft(group: Group): GroupHeaderDraft {
  const draft: GroupHeaderDraft = { name: group.name };
  if (group.upTo !== undefined) draft.upTo = group.upTo;
  if (group.decay) draft.decay = decayDraft(group.decay);
  return draft;
}

export function qualifyDraft(qualify: Qualify): QualifyDraft {
  return { op: qualify.op, threshold: qualify.threshold };
}

export function scoreLimitDraft(limit: ScoreLimit): ScoreLimitDraft {
  const draft: ScoreLimitDraft = {};
  if (limit.min !== undefined) draft.min = limit.min;
  if (limit.max !== undefined) draft.max = limit.max;
  return draft;
}

export function tierDraft(tier: Tier): TierDraft {
  return tier.op === "otherwise" ? { name: tier.name, op: "otherwise" } : { name: tier.name, op: tier.op, threshold: tier.threshold };
}

export function fieldDraft(field: FieldDecl): FieldDraft {
  return field.type.kind === "enum"
    ? { name: field.name, type: { kind: "enum", values: field.type.values.map((v) => v.value) } }
    : { name: field.name, type: { kind: field.type.kind } };
}

// ---- draft -> AST ------------------------------------------------------------------------------------

export function literalNode(draft: LiteralDraft): Literal {
  switch (draft.kind) {
    case "number":
      return { kind: "number", value: draft.value, raw: draft.raw !== undefined && Number(draft.raw) === draft.value ? draft.raw : String(draft.value), span: NO_SPAN };
    case "string":
      return { kind: "string", value: draft.value, span: NO_SPAN };
    case "boolean":
      return { kind: "boolean", value: draft.value, span: NO_SPAN };
    case "date":
      return { kind: "date", value: draft.value, span: NO_SPAN };
  }
}

function durationNode(draft: DurationDraft): Duration {
  const perUnit = draft.unit === "week" ? 7 : draft.unit === "month" ? 30 : 1;
  return { amount: draft.amount, unit: draft.unit, days: draft.amount * perUnit, span: NO_SPAN };
}

function decayNode(draft: DecayDraft): DecaySpec {
  return { percent: draft.percent, every: durationNode(draft.every), span: NO_SPAN };
}

export function nameNode(draft: NameDraft): NameRef {
  return { name: draft.name, wordCount: draft.name.trim().split(/\s+/).length, quoted: draft.quoted, span: NO_SPAN };
}

function chain(kind: "and" | "or", items: readonly ConditionDraft[]): Condition {
  const nodes = items.map(conditionNode);
  if (nodes.length === 0) return { kind: "invalid", span: NO_SPAN };
  return nodes.reduce((left, right) => ({ kind, left, right, span: NO_SPAN }));
}

const MISSING_NUMBER: LiteralDraft = { kind: "number", value: 0 };
const MISSING_TEXT: LiteralDraft = { kind: "string", value: "" };

export function conditionNode(draft: ConditionDraft): Condition {
  switch (draft.kind) {
    case "all":
      return chain("and", draft.items);
    case "any":
      return chain("or", draft.items);
    case "not":
      return { kind: "not", operand: conditionNode(draft.item), span: NO_SPAN };
    case "test":
      return testNode(draft);
  }
}

function testNode(draft: TestDraft): Condition {
  const field = nameNode(draft.subject);
  const span = NO_SPAN;
  switch (draft.op) {
    case "occurs": {
      const condition: Condition = { kind: "subject", subject: field, span };
      if (draft.count !== undefined) condition.atLeast = { count: draft.count, span };
      if (draft.within) condition.within = durationNode(draft.within);
      return condition;
    }
    case "=":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return { kind: "compare", field, op: draft.op, spelled: "words", value: literalNode(draft.value ?? MISSING_NUMBER), span };
    case "between":
      return { kind: "between", field, low: literalNode(draft.low ?? MISSING_NUMBER), high: literalNode(draft.high ?? MISSING_NUMBER), span };
    case "in":
    case "not in":
      return { kind: "in", field, negated: draft.op === "not in", values: (draft.values ?? []).map(literalNode), span };
    case "contains":
    case "starts with":
    case "ends with":
      return { kind: "textMatch", field, op: draft.op, value: literalNode(draft.value ?? MISSING_TEXT), span };
    case "before":
    case "after":
      return { kind: "dateCompare", field, op: draft.op, value: literalNode(draft.value ?? MISSING_TEXT), span };
    case "known":
    case "unknown":
      return { kind: "known", field, negated: draft.op === "unknown", span };
  }
}

export function ruleNode(draft: RuleDraft): Rule {
  const rule: Rule = {
    kind: "rule",
    condition: conditionNode(draft.condition),
    sign: draft.sign,
    points: draft.points,
    pointsRaw: draft.pointsRaw !== undefined && Number(draft.pointsRaw) === draft.points ? draft.pointsRaw : String(draft.points),
    each: draft.each,
    span: NO_SPAN,
  };
  if (draft.upTo !== undefined) rule.upTo = draft.upTo;
  if (draft.decay) rule.decay = decayNode(draft.decay);
  return rule;
}

export function gateNode(draft: GateDraft): Gate {
  return { kind: "gate", condition: conditionNode(draft.condition), span: NO_SPAN };
}

/** A group with no rules: only its header is ever printed from it. */
export function groupNode(draft: GroupHeaderDraft, rules: Rule[] = []): Group {
  const group: Group = { kind: "group", name: draft.name, nameSpan: NO_SPAN, rules, span: NO_SPAN };
  if (draft.upTo !== undefined) group.upTo = draft.upTo;
  if (draft.decay) group.decay = decayNode(draft.decay);
  return group;
}

export function qualifyNode(draft: QualifyDraft): Qualify {
  return { kind: "qualify", op: draft.op, threshold: draft.threshold, span: NO_SPAN };
}

export function scoreLimitNode(draft: ScoreLimitDraft): ScoreLimit {
  const limit: ScoreLimit = { kind: "scoreLimit", span: NO_SPAN };
  if (draft.min !== undefined) limit.min = draft.min;
  if (draft.max !== undefined) limit.max = draft.max;
  return limit;
}

export function tierNode(draft: TierDraft): Tier {
  const tier: Tier = { kind: "tier", name: draft.name, nameSpan: NO_SPAN, op: draft.op, span: NO_SPAN };
  if (draft.op !== "otherwise") tier.threshold = draft.threshold ?? 0;
  return tier;
}

export function fieldNode(draft: FieldDraft): FieldDecl {
  const type: FieldDecl["type"] =
    draft.type.kind === "enum" ? { kind: "enum", values: draft.type.values.map((value) => ({ value, span: NO_SPAN })), span: NO_SPAN } : { kind: draft.type.kind, span: NO_SPAN };
  return { kind: "field", name: draft.name, nameSpan: NO_SPAN, type, span: NO_SPAN };
}
