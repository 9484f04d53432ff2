// The JavaScript code generator: ScoringPlan -> the source of a factory that returns synchronous
// scoring functions. It is the one copy of the compiled semantics; compileScorer() evaluates it with
// new Function and emitStandaloneModule() wraps it in an ES module.
//
// The generated factory body expects one argument `rt` (the runtime helpers, RUNTIME_NAMES) and
// returns { plain, explain? }, each `(raw, asOf, idField, position) => LeadRecord`. Two functions,
// so the per-rule bookkeeping of explanations stays off the fast path.

import type { PlanRule, PlanTier, ScoringPlan } from "../../ir/plan.js";
import { emitCondition, type ConditionScope } from "./emit-condition.js";
import { decayBase, decayPeriod, EventSlotTable } from "./event-slots.js";
import { FieldTable } from "./field-table.js";
import { numberLiteral, stringLiteral } from "./literals.js";

/** Helpers the generated code calls; compileScorer passes them in, the standalone module inlines them. */
export const RUNTIME_NAMES = [
  "toNumber", "toText", "toBoolean", "toDate", "toList", "toEnum",
  "describeRawValue", "normalizeEventType", "parseIsoTimeFast", "round2", "fieldError",
] as const;

export interface GenerateOptions {
  /** Also generate the explain function (hits). */
  explain: boolean;
}

interface RuleCode {
  rule: PlanRule;
  condition: string;
  /** The contribution when the condition holds. */
  amount: string;
}

export function generateFactoryBody(plan: ScoringPlan, options: GenerateOptions): string {
  const scope: ConditionScope = { fields: new FieldTable(plan.schema), events: new EventSlotTable() };
  // Conditions first: emitting them registers the fields and event slots the lead pass must fill.
  const rules = plan.rules.map((rule) => ruleCode(rule, plan, scope));
  const gates = plan.gates.map((gate) => ({ line: numberLiteral(gate.line), condition: emitCondition(gate.condition, scope) }));
  const prologue = [
    `if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { id: position, error: "expected a lead object, got " + describeRawValue(raw) };`,
    `let id = raw[idField];`,
    `if (typeof id === "string" ? id.trim() === "" : !(typeof id === "number" && Number.isFinite(id))) id = position;`,
    `let v, cv, t;`,
    `const plainLead = Object.getPrototypeOf(raw) === ObjectPrototype;`,
    ...scope.fields.emitReads(),
    ...scope.events.emitPass(),
  ];
  const gate = gates.length === 0 ? [] : [`const dq = ${gates.map((g) => `${g.condition} ? ${g.line} : `).join("")}undefined;`];

  const fn = (name: string, explain: boolean): string[] => [
    `function ${name}(raw, asOf, idField, position) {`,
    ...indent([...prologue, ...(explain ? explainedTotals(plan, rules) : plainTotals(plan, rules)), ...gate, ...result(plan, gates.length > 0, explain)]),
    `}`,
  ];

  return [
    `"use strict";`,
    `const { ${RUNTIME_NAMES.join(", ")} } = rt;`,
    `const hasOwn = Object.hasOwn;`,
    `const ObjectPrototype = Object.prototype;`,
    ...scope.fields.enumConstants,
    ...scope.events.emitConstants(),
    ...fn("plain", false),
    ...(options.explain ? fn("explain", true) : []),
    `return { plain${options.explain ? ", explain" : ""} };`,
  ].join("\n");
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

function ruleCode(rule: PlanRule, plan: ScoringPlan, scope: ConditionScope): RuleCode {
  if (rule.group !== null && !(Number.isInteger(rule.group) && rule.group >= 0 && rule.group < plan.groups.length)) {
    throw new RangeError(`scoring plan: rule on line ${rule.line} has no group ${rule.group}`);
  }
  const condition = emitCondition(rule.condition, scope);
  const points = numberLiteral(rule.points);
  if (rule.each) {
    const { event, withinDays, upTo } = rule.each;
    const sum = rule.decay ? scope.events.factorSum(event, withinDays, rule.decay) : scope.events.count(event, withinDays);
    const amount = `${points} * ${sum}`;
    if (upTo !== undefined && rule.points > 0) return { rule, condition, amount: `Math.min(${amount}, ${numberLiteral(upTo)})` };
    if (upTo !== undefined && rule.points < 0) return { rule, condition, amount: `Math.max(${amount}, ${numberLiteral(-upTo)})` };
    return { rule, condition, amount };
  }
  if (rule.decay && rule.decayEvent) {
    const youngest = scope.events.youngest(rule.decayEvent.event, rule.decayEvent.withinDays);
    const factor = `(${youngest} === Infinity ? 1 : Math.pow(${numberLiteral(decayBase(rule.decay))}, Math.floor(${youngest} / ${numberLiteral(decayPeriod(rule.decay))})))`;
    return { rule, condition, amount: `${points} * ${factor}` };
  }
  return { rule, condition, amount: points };
}

// Float additions happen in the interpreter's order: each group sums its rules in source order;
// the total is 0 + capped groups in plan order + ungrouped rules in source order. Skipping a zero
// contribution is exact because the sums start at +0 and so are never -0.

function plainTotals(plan: ScoringPlan, rules: RuleCode[]): string[] {
  const lines = plan.groups.map((_, g) => `let g${g} = 0;`);
  for (const r of rules) if (r.rule.group !== null) lines.push(`if (${r.condition}) g${r.rule.group} += ${r.amount};`);
  lines.push(...caps(plan), totalStart(plan));
  for (const r of rules) if (r.rule.group === null) lines.push(`if (${r.condition}) total += ${r.amount};`);
  return [...lines, ...limit(plan)];
}

function explainedTotals(plan: ScoringPlan, rules: RuleCode[]): string[] {
  const lines = rules.map((r, i) => `const r${i} = ${r.condition} ? ${r.amount} : 0;`);
  lines.push(...plan.groups.map((_, g) => `let g${g} = 0;`));
  rules.forEach((r, i) => {
    if (r.rule.group !== null) lines.push(`g${r.rule.group} += r${i};`);
  });
  lines.push(...caps(plan), totalStart(plan));
  rules.forEach((r, i) => {
    if (r.rule.group === null) lines.push(`total += r${i};`);
  });
  lines.push(...limit(plan), `const hits = [];`);
  rules.forEach((r, i) => {
    const group = r.rule.group === null ? "null" : stringLiteral(plan.groups[r.rule.group].name);
    lines.push(`if (r${i} !== 0) hits.push({ line: ${numberLiteral(r.rule.line)}, group: ${group}, points: round2(r${i}), rule: ${stringLiteral(r.rule.text)} });`);
  });
  return lines;
}

function caps(plan: ScoringPlan): string[] {
  const lines: string[] = [];
  plan.groups.forEach((group, g) => {
    if (group.upTo !== undefined) lines.push(`g${g} = Math.min(g${g}, ${numberLiteral(group.upTo)});`);
  });
  return lines;
}

function totalStart(plan: ScoringPlan): string {
  return `let total = ${["0", ...plan.groups.map((_, g) => `g${g}`)].join(" + ")};`;
}

function limit(plan: ScoringPlan): string[] {
  const lines: string[] = [];
  if (plan.limit?.min !== undefined) lines.push(`total = Math.max(total, ${numberLiteral(plan.limit.min)});`);
  if (plan.limit?.max !== undefined) lines.push(`total = Math.min(total, ${numberLiteral(plan.limit.max)});`);
  lines.push(`const score = round2(total);`);
  return lines;
}

/**
 * An object-literal key for a name. A plain "quoted" key keeps the literal fast to create; only
 * `__proto__` must be computed, since a non-computed `__proto__:` sets the prototype instead.
 */
function propertyKey(name: string): string {
  return name === "__proto__" ? `[${stringLiteral(name)}]` : stringLiteral(name);
}

/** The first matching tier as a conditional chain; null when none matches. */
function tierExpression(tiers: PlanTier[] | undefined, score: string): string {
  let chain = "";
  for (const tier of tiers ?? []) {
    const name = stringLiteral(tier.name);
    if (tier.op === "otherwise") return `${chain}${name}`;
    if (tier.op !== ">" && tier.op !== ">=") throw new TypeError("scoring plan: bad tier operator");
    chain += `${score} ${tier.op} ${numberLiteral(tier.threshold)} ? ${name} : `;
  }
  return `${chain}null`;
}

function result(plan: ScoringPlan, gated: boolean, explain: boolean): string[] {
  const lines = plan.groups.map((_, g) => `const gs${g} = round2(g${g});`);
  let qualified = "null";
  if (plan.qualify) {
    const op = plan.qualify.op;
    if (op !== ">" && op !== ">=") throw new TypeError("scoring plan: bad qualify operator");
    qualified = `score ${op} ${numberLiteral(plan.qualify.threshold)}`;
    if (gated) qualified = `dq !== undefined ? false : ${qualified}`;
  }
  const groups = plan.groups.map((group, g) => `${propertyKey(group.name)}: { score: gs${g}, tier: ${tierExpression(group.tiers, `gs${g}`)} }`);
  lines.push(`const res = { id, score, qualified: ${qualified}, tier: ${tierExpression(plan.tiers, "score")}, groups: { ${groups.join(", ")} } };`);
  if (gated) lines.push(`if (dq !== undefined) res.disqualified_by = dq;`);
  if (explain) lines.push(`res.hits = hits;`);
  lines.push(`return res;`);
  return lines;
}
