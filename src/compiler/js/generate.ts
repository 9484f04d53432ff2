// The JavaScript code generator: ScoringPlan -> the source of a factory that returns synchronous
// scoring functions. It is the one copy of the compiled semantics; compileScorer() evaluates it with
// new Function and emitStandaloneModule() wraps it in an ES module.
//
// The generated factory body expects one argument `rt` (the runtime helpers, RUNTIME_NAMES) and
// returns { plain, explain? }, each function `(raw, asOf, idField, position) => LeadRecord`, asOf in epoch ms or
// undefined for "now" (as-of.ts). Two functions, so the per-rule bookkeeping of explanations stays
// off the fast path.

import type { PlanRule, PlanTier, ScoringPlan } from "../../ir/plan.js";
import { ChunkEmitter, CHUNK_RULES, declaredLocals } from "./chunks.js";
import { emitCondition, type ConditionScope } from "./emit-condition.js";
import { FamilyEmitter, type FamilyRule } from "./rule-families.js";
import { decayBase, decayPeriod, EventSlotTable } from "./event-slots.js";
import { FieldTable } from "./field-table.js";
import { ListMatchers } from "./list-matcher.js";
import { TextMatchers } from "./text-matcher.js";
import { readClock, readsAsOf } from "./as-of.js";
import { numberLiteral, stringLiteral } from "./literals.js";

/** Helpers the generated code calls; compileScorer passes them in, the standalone module inlines them. */
export const RUNTIME_NAMES = [
  "toNumber", "toText", "toBoolean", "toDate", "toList", "toEnum",
  "describeRawValue", "normalizeEventType", "parseIsoTimeFast", "parseIntegerText", "round2", "fieldError",
] as const;

export interface GenerateOptions {
  /** Also generate the explain function (hits). */
  explain: boolean;
  /** A model with more rules than this evaluates them in helper functions of this many rules
   * (chunks.ts); default CHUNK_RULES. Tests lower it to run small models through that path. */
  chunkRules?: number;
}

interface RuleCode {
  rule: PlanRule;
  /** Position in plan.rules. */
  index: number;
  /** Set by familyRule(). */
  family?: FamilyRule;
  condition: string;
  /** The contribution when the condition holds. */
  amount: string;
}

export function generateFactoryBody(plan: ScoringPlan, options: GenerateOptions): string {
  const scope: ConditionScope = { fields: new FieldTable(plan.schema), events: new EventSlotTable(), texts: new TextMatchers(plan), lists: new ListMatchers(plan) };
  // Conditions first: emitting them registers the fields and event slots the lead pass must fill.
  const rules = plan.rules.map((rule, index) => ruleCode(rule, index, plan, scope));
  const gates = plan.gates.map((gate) => ({ line: numberLiteral(gate.line), condition: emitCondition(gate.condition, scope) }));
  const fieldLocal = (field: string) => scope.fields.ref(field)!.expr;
  const prologue = [
    `if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { id: position, error: "expected a lead object, got " + describeRawValue(raw) };`,
    `let v, cv, t, c;`,
    // The usual id field read by name: a load V8 caches per object shape, ~3% of a small model's lead.
    `let id = idField === "id" ? raw.id : raw[idField];`,
    // An id that starts with a printable character other than a space is not blank: no trim().
    `if (typeof id === "string" ? !((c = id.charCodeAt(0)) > 32 && c < 127) && id.trim() === "" : !(typeof id === "number" && Number.isFinite(id))) id = position;`,
    `const plainLead = Object.getPrototypeOf(raw) === ObjectPrototype;`,
    ...scope.fields.emitReads(),
    ...scope.texts.statements(fieldLocal),
    ...scope.lists.statements(fieldLocal),
    ...scope.events.emitPass(),
  ];
  const gate = gates.length === 0 ? [] : [`const dq = ${gates.map((g) => `${g.condition} ? ${g.line} : `).join("")}undefined;`];

  const chunkRules = options.chunkRules ?? CHUNK_RULES;
  const locals = plan.rules.length > chunkRules ? declaredLocals(prologue) : undefined;
  const families = new FamilyEmitter();
  const plainBig: BigModel | undefined = locals && { chunks: new ChunkEmitter("p", locals, chunkRules), families, integers: integerArithmetic(plan) };
  const explainBig: BigModel | undefined = locals && options.explain ? { chunks: new ChunkEmitter("x", locals, chunkRules), families, integers: false } : undefined;
  const fn = (name: string, explain: boolean): string[] => {
    const totals = explain
      ? explainBig ? bigExplainedTotals(plan, rules, explainBig) : explainedTotals(plan, rules)
      : plainTotals(plan, rules, plainBig);
    const rest = [...totals, ...gate, ...result(plan, gates.length > 0, explain)];
    // The event pass reads the clock itself, only for a lead with events (event-slots.ts).
    const clock = readsAsOf(rest) ? [readClock()] : [];
    return [`function ${name}(raw, asOf, idField, position) {`, ...indent([...prologue, ...clock, ...rest]), `}`];
  };
  const functions = [...fn("plain", false), ...(options.explain ? fn("explain", true) : [])];

  return [
    `"use strict";`,
    `const { ${RUNTIME_NAMES.join(", ")} } = rt;`,
    `const hasOwn = Object.hasOwn;`,
    `const ObjectPrototype = Object.prototype;`,
    ...scope.fields.enumConstants,
    ...scope.texts.declarations(),
    ...scope.lists.declarations(),
    ...scope.events.emitConstants(),
    ...(explainBig ? explainTables(plan, rules) : []),
    ...families.tables,
    ...(plainBig?.chunks.functions ?? []),
    ...(explainBig?.chunks.functions ?? []),
    ...functions,
    `return { plain${options.explain ? ", explain" : ""} };`,
  ].join("\n");
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

function ruleCode(rule: PlanRule, index: number, plan: ScoringPlan, scope: ConditionScope): RuleCode {
  if (rule.group !== null && !(Number.isInteger(rule.group) && rule.group >= 0 && rule.group < plan.groups.length)) {
    throw new RangeError(`scoring plan: rule on line ${rule.line} has no group ${rule.group}`);
  }
  const condition = emitCondition(rule.condition, scope);
  const points = numberLiteral(rule.points);
  if (rule.each) {
    const { event, withinDays, upTo } = rule.each;
    const sum = rule.decay ? scope.events.factorSum(event, withinDays, rule.decay) : scope.events.count(event, withinDays);
    const amount = `${points} * ${sum}`;
    if (upTo !== undefined && rule.points > 0) return { rule, index, condition, amount: `Math.min(${amount}, ${numberLiteral(upTo)})` };
    if (upTo !== undefined && rule.points < 0) return { rule, index, condition, amount: `Math.max(${amount}, ${numberLiteral(-upTo)})` };
    return { rule, index, condition, amount };
  }
  if (rule.decay && rule.decayEvent) {
    const youngest = scope.events.youngest(rule.decayEvent.event, rule.decayEvent.withinDays);
    const factor = `(${youngest} === Infinity ? 1 : Math.pow(${numberLiteral(decayBase(rule.decay))}, Math.floor(${youngest} / ${numberLiteral(decayPeriod(rule.decay))})))`;
    return { rule, index, condition, amount: `${points} * ${factor}` };
  }
  return { rule, index, condition, amount: points };
}

// Float additions happen in the interpreter's order: each group sums its rules in source order;
// the total is 0 + capped groups in plan order + ungrouped rules in source order. Skipping a zero
// contribution is exact because the sums start at +0 and so are never -0.

/** How a model with more rules than GenerateOptions.chunkRules is written (chunks.ts, rule-families.ts). */
interface BigModel {
  chunks: ChunkEmitter;
  families: FamilyEmitter;
  /** Every sum is of integers small enough to be exact (integerArithmetic), so rules may add up in any order. */
  integers: boolean;
}

function plainTotals(plan: ScoringPlan, rules: RuleCode[], big?: BigModel): string[] {
  const lines = plan.groups.map((_, g) => `let g${g} = 0;`);
  const grouped = rules.filter((r) => r.rule.group !== null);
  const ungrouped = rules.filter((r) => r.rule.group === null);
  if (big?.integers) {
    plan.groups.forEach((_, g) => lines.push(...familiesThenRest(grouped.filter((r) => r.rule.group === g), `g${g}`, big)));
    lines.push(...caps(plan), totalStart(plan), ...familiesThenRest(ungrouped, "total", big));
  } else {
    const statement = (r: RuleCode, to: string) => ({ to, code: `if (${r.condition}) ${to} += ${r.amount};` });
    lines.push(...accumulate(grouped.map((r) => statement(r, `g${r.rule.group}`)), big?.chunks), ...caps(plan), totalStart(plan));
    lines.push(...accumulate(ungrouped.map((r) => statement(r, "total")), big?.chunks));
  }
  return [...lines, ...limit(plan)];
}

/**
 * The rules adding to one accumulator: loops over the tables of their families, then the other
 * rules. Only for integer models, where the order of additions cannot change a sum.
 */
function familiesThenRest(rules: RuleCode[], to: string, big: BigModel): string[] {
  const { families, rest } = big.families.findFamilies(rules.map(familyRule));
  const loops = families.map((family) => big.families.loop(family, (condition, amount) => `if (${condition}) ${to} += ${amount};`, true));
  const byIndex = new Map(rules.map((r) => [r.index, r]));
  return [...loops, ...accumulate(rest.map((f) => ({ to, code: `if (${byIndex.get(f.index)!.condition}) ${to} += ${byIndex.get(f.index)!.amount};` })), big.chunks)];
}

/** The rule as rule-families.ts sees it; one object per rule, so its analysis is done once. */
function familyRule(r: RuleCode): FamilyRule {
  return (r.family ??= { index: r.index, condition: r.condition, amount: r.amount });
}

/**
 * True when every contribution and partial sum is an integer below 2^53, so float additions are
 * exact and their order does not matter: integer points and caps, no decay, and the points of all
 * rules together at most 2^21 (an \`each\` rule counts at most 2^32 - 1 occurrences, the longest array).
 */
export function integerArithmetic(plan: ScoringPlan): boolean {
  const small = (x: number | undefined) => x === undefined || (Number.isInteger(x) && Math.abs(x) <= 2 ** 21);
  let points = 0;
  for (const rule of plan.rules) {
    if (rule.decay || !small(rule.points) || !small(rule.each?.upTo)) return false;
    points += Math.abs(rule.points);
  }
  return points <= 2 ** 21 && plan.groups.every((group) => small(group.upTo));
}

/** The statements inline, or, with chunks, calls to helpers taking runs of statements that update
 * the same accumulator (each helper returns it updated, so every sum adds in source order). */
function accumulate(statements: { to: string; code: string }[], chunks: ChunkEmitter | undefined): string[] {
  if (!chunks) return statements.map((s) => s.code);
  const lines: string[] = [];
  for (let start = 0; start < statements.length; ) {
    let end = start + 1;
    while (end < statements.length && statements[end].to === statements[start].to) end++;
    lines.push(...chunks.calls(statements.slice(start, end).map((s) => s.code), statements[start].to));
    start = end;
  }
  return lines;
}

/**
 * Explain for big models: each rule's contribution is stored in R (one Float64Array per scorer;
 * scoring is synchronous and no user code runs between filling R and reading it), by family loops
 * and helpers; loops over the rule tables of explainTables() then add them up and list the hits in
 * source order, so sums are the interpreter's whatever the points.
 */
function bigExplainedTotals(plan: ScoringPlan, rules: RuleCode[], big: BigModel): string[] {
  const { families, rest } = big.families.findFamilies(rules.map(familyRule));
  const lines = families.map((family) => big.families.loop(family, (condition, amount, index) => `R[${index}] = ${condition} ? ${amount} : 0;`));
  const byIndex = new Map(rules.map((r) => [r.index, r]));
  lines.push(...big.chunks.calls(rest.map((f) => `R[${f.index}] = ${byIndex.get(f.index)!.condition} ? ${byIndex.get(f.index)!.amount} : 0;`)));
  lines.push(...plan.groups.map((_, g) => `let g${g} = 0;`));
  if (plan.groups.length > 0) {
    const cases = plan.groups.map((_, g) => `case ${g}: g${g} += R[i]; break;`).join(" ");
    lines.push(`for (let i = 0; i < ${rules.length}; i++) switch (RG[i]) { ${cases} }`);
  }
  lines.push(...caps(plan), totalStart(plan));
  lines.push(`for (let i = 0; i < ${rules.length}; i++) if (RG[i] === -1) total += R[i];`);
  lines.push(...limit(plan), `const hits = [];`);
  lines.push(`for (let i = 0; i < ${rules.length}; i++) { const p = R[i]; if (p !== 0) hits.push({ line: RL[i], group: RN[i], points: round2(p), rule: RT[i] }); }`);
  return lines;
}

/** Factory-level tables of bigExplainedTotals(): per rule its group index (-1 = none), line,
 * group name and text, and R for the contributions. */
function explainTables(plan: ScoringPlan, rules: RuleCode[]): string[] {
  const group = (r: RuleCode) => r.rule.group;
  return [
    `const R = new Float64Array(${rules.length});`,
    `const RG = new Int32Array([${rules.map((r) => (group(r) === null ? -1 : group(r))).join(", ")}]);`,
    `const RL = [${rules.map((r) => numberLiteral(r.rule.line)).join(", ")}];`,
    `const RN = [${rules.map((r) => (group(r) === null ? "null" : stringLiteral(plan.groups[group(r)!].name))).join(", ")}];`,
    `const RT = [${rules.map((r) => stringLiteral(r.rule.text)).join(", ")}];`,
  ];
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
  lines.push(`const score = ${rounded("total", integerScores(plan))};`);
  return lines;
}

/**
 * True when every score of the plan is an integer (integerArithmetic, and integer limits). round2
 * then returns its argument: x * 100 is exact for integers below 3.6e14, which a sum of at most 2^21
 * points per occurrence reaches only with over 10^8 occurrences on one lead.
 */
function integerScores(plan: ScoringPlan): boolean {
  const integerLimits = [plan.limit?.min, plan.limit?.max].every((x) => x === undefined || Number.isInteger(x));
  return integerLimits && integerArithmetic(plan);
}

/** A sum as the result shows it: rounded to two decimals, unless the scores are integers (skipping the call takes ~2% off scoring a small model). */
function rounded(sum: string, integers: boolean): string {
  return integers ? sum : `round2(${sum})`;
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
  const integers = integerScores(plan);
  const lines = plan.groups.map((_, g) => `const gs${g} = ${rounded(`g${g}`, integers)};`);
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
