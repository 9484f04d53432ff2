// compileSql(): a ScoringPlan as one SQL query, the SQL twin of src/compiler/js/generate.ts.
//
// The query is a chain of CTEs, one stage each:
//   params        the as-of time (epoch ms)
//   lead_input    the source columns, renamed s<i>/t<i> (raw, trimmed text), with the lead's id and key
//   lead_values   each field converted to its type (v<i>) beside its error message (e<i>)
//   event_input   one row per occurrence, from the events table and/or the leads' own JSON events
//   event_times   whether each occurrence has a time to read
//   event_rows    normalised type and time in ms
//   event_slots   ONE pass over the events grouped by lead: a conditional aggregate per slot
//   lead_facts    a lead's values, day starts and event slots side by side, and its error
//   rule_points   each rule's contribution (r<i>) and the first matching gate's line
//   group_totals  each group's sum, in source order, after its cap
//   totals        groups and ungrouped rules added in the interpreter's order, then the clamp
//   scaled, magnitudes, rounded
//                 scores rounded half away from zero to 2 decimals, exactly as round2()
// and a final SELECT with qualification, tiers and one score and tier column per group.
//
// Floating point is the interpreter's: the same doubles, added in the same order, so the rounded
// results are identical (tests/sql checks that against the JavaScript scorer on generated plans).

import type { PlanRule, PlanTier, ScoringPlan } from "../../ir/plan.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { DIALECTS, type DialectName, type SqlDialect } from "./dialect.js";
import { emitCondition, type ConditionScope } from "./emit-condition.js";
import { decayBase, decayPeriod } from "../js/event-slots.js";
import { decayFactor, EventSlots } from "./event-slots.js";
import { LeadValues } from "./lead-values.js";
import { comparisonLiteral, doubleLiteral, integerLiteral, quoteIdentifier, SqlCompileError, stringLiteral } from "./literals.js";
import { tableSource, type DataSource, type TableSourceOptions } from "./source.js";

/** The stages whose columns later stages use many times: computed once (see SqlDialect.materializedCte). */
const MATERIALIZED = new Set(["lead_input", "lead_values", "event_input", "rule_points"]);

export interface SqlOptions extends TableSourceOptions {
  /** Default "duckdb". */
  dialect?: DialectName | SqlDialect;
  /** Where leads and events come from; default: the tables of TableSourceOptions. */
  source?: DataSource;
  /** The as-of time: a Date, ISO-8601 text or epoch ms; default: the time the query runs. */
  asOf?: Date | string | number;
  /** Add a column per rule (`rule_<i>`, its contribution before group caps), for explanations. */
  explain?: boolean;
}

/** The result columns, in order: those of SPEC section 5 flattened, then `error`, then rule columns. */
export function resultColumns(plan: ScoringPlan, explain = false): string[] {
  return [
    "id", "score", "qualified", "tier", "disqualified_by",
    ...plan.groups.flatMap((group) => [`${group.name}_score`, `${group.name}_tier`]),
    "error",
    ...(explain ? plan.rules.map((_, i) => `rule_${i}`) : []),
  ];
}

export function compileSql(plan: ScoringPlan, options: SqlOptions = {}): string {
  const dialect = typeof options.dialect === "object" ? options.dialect : DIALECTS[options.dialect ?? "duckdb"];
  if (!dialect) throw new SqlCompileError(`unknown SQL dialect ${JSON.stringify(options.dialect)}`);
  const source = options.source ?? tableSource(plan.schema, options);
  const scope: ConditionScope = { dialect, fields: new LeadValues(plan.schema, source.leads, dialect), events: new EventSlots(dialect, source) };

  // Conditions first: emitting them registers the day starts and event slots the stages must fill.
  const rules = plan.rules.map((rule) => ({ rule, condition: emitCondition(rule.condition, scope), amount: amount(rule, plan, scope) }));
  const gates = plan.gates.map((gate) => `WHEN ${emitCondition(gate.condition, scope)} THEN ${integerLiteral(gate.line)}`);
  const byPosition = source.leads.embeddedEvents !== undefined;
  const dbl = (value: number): string => doubleLiteral(value, dialect.doubleType);
  const passThrough = ["lead_id", "lead_pos", "error", "dq", ...(options.explain ? rules.map((_, i) => `r${i}`) : [])];

  const ctes: Array<[name: string, body: string]> = [];
  const asOfMs = options.asOf === undefined ? undefined : resolveAsOf(options.asOf);
  ctes.push(["params", select([`${asOfMs === undefined ? dialect.nowMs : dbl(asOfMs)} AS as_of_ms`])]);
  ctes.push(["lead_input", select(scope.fields.inputColumns(), `${source.leads.relation} AS src`)]);
  ctes.push(["lead_values", select(scope.fields.valueColumns(), "lead_input")]);
  let facts = "lead_values AS lv CROSS JOIN params AS p";
  if (scope.events.hasEvents) {
    ctes.push(["event_input", scope.events.inputSelects(byPosition).join("\nUNION ALL\n")]);
    ctes.push(["event_times", select(scope.events.givenColumns(), "event_input")]);
    ctes.push(["event_rows", select(scope.events.rowColumns(), "event_times")]);
    ctes.push(["event_slots", select(["owner", ...scope.events.aggregateColumns()], "event_rows CROSS JOIN params AS p", "GROUP BY owner")]);
    facts += ` LEFT JOIN event_slots AS es ON es.owner = lv.${byPosition ? "lead_pos" : "lead_key"}`;
  }
  ctes.push(["lead_facts", select(["lv.*", "p.as_of_ms", ...scope.fields.dayColumns(), ...scope.events.leadColumns()], facts)]);
  ctes.push([
    "rule_points",
    select(
      [
        "lead_id",
        "lead_pos",
        `${scope.fields.errorExpression("events_error")} AS error`,
        ...rules.map((r, i) => `CASE WHEN ${r.condition} THEN ${r.amount} ELSE 0 END AS r${i}`),
        gates.length === 0 ? "CAST(NULL AS INTEGER) AS dq" : `CASE ${gates.join(" ")} END AS dq`,
      ],
      "lead_facts",
    ),
  ]);
  // Float additions happen in the interpreter's order: each group sums its rules in source order;
  // the total is 0 + capped groups in plan order + ungrouped rules in source order.
  const groupSums = plan.groups.map((group, g) => {
    const sum = ["0", ...rules.flatMap((r, i) => (r.rule.group === g ? [`r${i}`] : []))].join(" + ");
    return `${group.upTo === undefined ? sum : `LEAST(${sum}, ${dbl(group.upTo)})`} AS g${g}`;
  });
  ctes.push(["group_totals", select([...passThrough, ...rules.flatMap((r, i) => (r.rule.group === null ? [`r${i}`] : [])).filter((c) => !passThrough.includes(c)), ...groupSums], "rule_points")]);
  let total = ["0", ...plan.groups.map((_, g) => `g${g}`), ...rules.flatMap((r, i) => (r.rule.group === null ? [`r${i}`] : []))].join(" + ");
  if (plan.limit?.min !== undefined) total = `GREATEST(${total}, ${dbl(plan.limit.min)})`;
  if (plan.limit?.max !== undefined) total = `LEAST(${total}, ${dbl(plan.limit.max)})`;
  const groupColumns = plan.groups.map((_, g) => `g${g}`);
  ctes.push(["totals", select([...passThrough, ...groupColumns, `${total} AS total`], "group_totals")]);
  // round2() of src/semantics/values.ts: Math.round(|x| * 100 + 1e-7) / 100 with the sign put back.
  // Math.round is written out (floor, plus one when the fraction is at least a half) because SQL's
  // round() rounds halves to even in PostgreSQL. Scores are `score`, group scores `gs<g>`.
  const rounding = [["total", "score"], ...groupColumns.map((g, i) => [g, `gs${i}`])];
  const signs = rounding.map(([x]) => x);
  ctes.push(["scaled", select([...passThrough, ...signs, ...rounding.map(([x]) => `abs(${x}) * 100 + ${dbl(1e-7)} AS ${x}_y`)], "totals")]);
  ctes.push([
    "magnitudes",
    select([...passThrough, ...signs, ...rounding.map(([x]) => `(floor(${x}_y) + CASE WHEN ${x}_y - floor(${x}_y) >= ${dbl(0.5)} THEN 1 ELSE 0 END) / 100 AS ${x}_m`)], "scaled"),
  ]);
  ctes.push(["rounded", select([...passThrough, ...rounding.map(([x, to]) => `CASE WHEN ${x} < 0 AND ${x}_m <> 0 THEN -${x}_m ELSE ${x}_m END AS ${to}`)], "magnitudes")]);

  const valid = (expr: string): string => `CASE WHEN error IS NULL THEN ${expr} END`;
  const output = [
    `lead_id AS ${quoteIdentifier("id")}`,
    `${valid("score")} AS ${quoteIdentifier("score")}`,
    `${plan.qualify ? valid(qualified(plan, dialect)) : "CAST(NULL AS BOOLEAN)"} AS ${quoteIdentifier("qualified")}`,
    `${valid(tierExpression(plan.tiers, "score", dialect))} AS ${quoteIdentifier("tier")}`,
    `${valid("dq")} AS ${quoteIdentifier("disqualified_by")}`,
    ...plan.groups.flatMap((group, g) => [
      `${valid(`gs${g}`)} AS ${quoteIdentifier(`${group.name}_score`)}`,
      `${valid(tierExpression(group.tiers, `gs${g}`, dialect))} AS ${quoteIdentifier(`${group.name}_tier`)}`,
    ]),
    `error AS ${quoteIdentifier("error")}`,
    ...(options.explain ? rules.map((_, i) => `${valid(`r${i}`)} AS ${quoteIdentifier(`rule_${i}`)}`) : []),
  ];
  const order = source.leads.position === undefined ? "" : "\nORDER BY lead_pos";
  const asOfNote = asOfMs === undefined ? "the time the query runs" : new Date(asOfMs).toISOString();
  return [
    `-- Generated by leadscore from a scoring model. Do not edit: change the .score file and recompile.`,
    `-- Dialect: ${dialect.name}. As of: ${asOfNote} (params.as_of_ms, epoch milliseconds).`,
    `WITH`,
    ctes.map(([name, body]) => (MATERIALIZED.has(name) ? dialect.materializedCte(name, indent(body)) : `${name} AS (\n${indent(body)}\n)`)).join(",\n"),
    `SELECT\n${indent(output.join(",\n"))}\nFROM rounded${order}`,
    ``,
  ].join("\n");
}

function select(columns: string[], from?: string, tail?: string): string {
  return [`SELECT\n${indent(columns.join(",\n"))}`, ...(from ? [`FROM ${from}`] : []), ...(tail ? [tail] : [])].join("\n");
}

/** Indents every line. Split on "\n" only: a name may hold U+2028, which /^/m would take for a line start. */
function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** One rule's contribution when its condition holds (ruleContribution() in the interpreter). */
function amount(rule: PlanRule, plan: ScoringPlan, scope: ConditionScope): string {
  if (rule.group !== null && !(Number.isInteger(rule.group) && rule.group >= 0 && rule.group < plan.groups.length)) {
    throw new SqlCompileError(`scoring plan: rule on line ${rule.line} has no group ${rule.group}`);
  }
  const d = scope.dialect;
  const points = doubleLiteral(rule.points, d.doubleType);
  if (rule.each) {
    const { event, withinDays, upTo } = rule.each;
    const sum = rule.decay ? scope.events.factorSum(event, withinDays, rule.decay) : scope.events.count(event, withinDays);
    const value = `${points} * ${sum}`;
    if (upTo !== undefined && rule.points > 0) return `LEAST(${value}, ${doubleLiteral(upTo, d.doubleType)})`;
    if (upTo !== undefined && rule.points < 0) return `GREATEST(${value}, ${doubleLiteral(-upTo, d.doubleType)})`;
    return value;
  }
  if (rule.decay && rule.decayEvent) {
    const youngest = scope.events.youngest(rule.decayEvent.event, rule.decayEvent.withinDays);
    if (youngest === "NULL") return points;
    return `${points} * CASE WHEN ${youngest} IS NULL THEN 1 ELSE ${decayFactor(d, youngest, decayBase(rule.decay), decayPeriod(rule.decay))} END`;
  }
  return points;
}

function qualified(plan: ScoringPlan, d: SqlDialect): string {
  const { op, threshold } = plan.qualify!;
  if (op !== ">" && op !== ">=") throw new SqlCompileError("scoring plan: bad qualify operator");
  const test = `score ${op} ${comparisonLiteral(threshold, d.doubleType)}`;
  return plan.gates.length === 0 ? `(${test})` : `CASE WHEN dq IS NOT NULL THEN FALSE ELSE ${test} END`;
}

/** The first matching tier as a CASE; NULL when none matches. */
function tierExpression(tiers: PlanTier[] | undefined, score: string, d: SqlDialect): string {
  const whens: string[] = [];
  for (const tier of tiers ?? []) {
    const name = stringLiteral(tier.name);
    if (tier.op === "otherwise") return whens.length === 0 ? name : `CASE ${whens.join(" ")} ELSE ${name} END`;
    if (tier.op !== ">" && tier.op !== ">=") throw new SqlCompileError("scoring plan: bad tier operator");
    whens.push(`WHEN ${score} ${tier.op} ${comparisonLiteral(tier.threshold, d.doubleType)} THEN ${name}`);
  }
  return whens.length === 0 ? `CAST(NULL AS ${d.textType})` : `CASE ${whens.join(" ")} END`;
}
