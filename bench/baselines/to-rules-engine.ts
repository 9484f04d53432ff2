// A ScoringPlan as json-rules-engine rules, for the benchmark's baseline: one engine rule per plan
// rule (its event carries the rule's index) and one per gate. The facts of each run are the lead's
// typed values by field name (null = unknown, see facts.ts) plus these, all named with a leading `@`
// so they cannot clash with a field:
//   @events, @asOf                                runtime facts
//   @day:FIELD                                    a date's UTC midnight
//   @eventCount {event, maxAge?}                  dynamic: occurrences that count
//   @factorSum / @youngest {event, maxAge?, ...}  dynamic: for decay
//   @age {field}                                  dynamic: as-of minus a date field's value
// Text tests use three custom operators (the built-in `contains` is for arrays); everything else is
// the engine's own operators. Amounts of `each` and decayed rules are read back from the almanac.

import { Engine, type Almanac, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import type { FieldType, PlanCondition, PlanDecay, ScoringPlan } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { DAY_MS } from "../../src/semantics/values.js";
import { familyOf, type Family } from "../../src/compiler/js/field-table.js";
import { assembleResult } from "./assemble.js";
import { leadFacts, type LeadFacts } from "./facts.js";

type Occurrences = LeadFacts["events"];
type Leaf = { fact: string; operator: string; value: unknown; params?: Record<string, unknown> };

const TRUE: NestedCondition = { fact: "@true", operator: "equal", value: true };
const FALSE: NestedCondition = { fact: "@true", operator: "equal", value: false };

const OPERATORS: Record<string, string> = { "=": "equal", "!=": "notEqual", "<": "lessThan", "<=": "lessThanInclusive", ">": "greaterThan", ">=": "greaterThanInclusive" };

function leaf(fact: string, operator: string, value: unknown, params?: Record<string, unknown>): NestedCondition {
  const condition: Leaf = { fact, operator, value };
  if (params !== undefined) condition.params = params;
  return condition as NestedCondition;
}

export interface RulesEngineModel {
  rules: RuleProperties[];
}

export function toRulesEngine(plan: ScoringPlan): RulesEngineModel {
  const types = new Map<string, FieldType>();
  for (const field of plan.schema.fields) types.set(field.name, field.type);
  const typed = (name: string, family: Family): boolean => {
    const type = types.get(name);
    return type !== undefined && familyOf(type) === family;
  };
  const known = (fact: string, params?: Record<string, unknown>) => leaf(fact, "notEqual", null, params);
  const compare = (fact: string, op: string, value: number | string): NestedCondition => {
    const operator = OPERATORS[op];
    if (operator === undefined) throw new TypeError(`unknown comparison ${op}`);
    // Ordering operators already fail on null (not a number); `!=` must not be true for unknown.
    return op === "!=" ? { all: [known(fact), leaf(fact, operator, value)] } : leaf(fact, operator, value);
  };
  const oneOf = (fact: string, values: unknown[], negated: boolean): NestedCondition =>
    negated ? { all: [known(fact), leaf(fact, "notIn", values)] } : leaf(fact, "in", values);

  const condition = (c: PlanCondition): NestedCondition => {
    switch (c.k) {
      case "and":
        return c.items.length === 0 ? TRUE : { all: c.items.map(condition) };
      case "or":
        return c.items.length === 0 ? FALSE : { any: c.items.map(condition) };
      case "not":
        return { not: condition(c.item) };
      case "const":
        return c.value ? TRUE : FALSE;
      case "event":
        return leaf("@eventCount", "greaterThanInclusive", c.atLeast, eventParams(c.event, c.withinDays));
      case "isTrue":
        return types.has(c.field) ? leaf(c.field, "equal", true) : FALSE;
      case "bool":
        return types.has(c.field) ? leaf(c.field, "equal", c.op === "=" ? c.value : !c.value) : FALSE;
      case "number":
        return typed(c.field, "number") ? compare(c.field, c.op, c.value) : FALSE;
      case "numberBetween":
        return typed(c.field, "number") ? { all: [leaf(c.field, "greaterThanInclusive", c.low), leaf(c.field, "lessThanInclusive", c.high)] } : FALSE;
      case "numberIn":
        return typed(c.field, "number") ? oneOf(c.field, c.values, c.negated) : FALSE;
      case "text":
        if (!typed(c.field, "string")) return FALSE;
        switch (c.op) {
          case "=":
          case "!=":
            return compare(c.field, c.op, c.value);
          case "contains":
            return leaf(c.field, "textContains", c.value);
          case "starts":
            return leaf(c.field, "textStartsWith", c.value);
          case "ends":
            return leaf(c.field, "textEndsWith", c.value);
        }
        throw new TypeError("bad text operator");
      case "textIn":
        return typed(c.field, "string") ? oneOf(c.field, c.values, c.negated) : FALSE;
      case "date": {
        if (!typed(c.field, "number")) return FALSE;
        const op = c.op === "before" ? "<" : c.op === "after" ? ">" : c.op;
        return compare(`@day:${c.field}`, op, c.value);
      }
      case "dateBetween":
        if (!typed(c.field, "number")) return FALSE;
        return { all: [leaf(`@day:${c.field}`, "greaterThanInclusive", c.low), leaf(`@day:${c.field}`, "lessThanInclusive", c.high)] };
      case "dateWithin":
        if (!typed(c.field, "number")) return FALSE;
        return { all: [leaf("@age", "greaterThanInclusive", 0, { field: c.field }), leaf("@age", "lessThanInclusive", c.days * DAY_MS, { field: c.field })] };
      case "listContains":
        return typed(c.field, "list") ? leaf(c.field, "contains", c.value) : FALSE;
      case "known":
        if (!types.has(c.field)) return c.negated ? TRUE : FALSE;
        return leaf(c.field, c.negated ? "equal" : "notEqual", null);
    }
  };

  const topLevel = (c: PlanCondition): TopLevelCondition => {
    const nested = condition(c);
    return "all" in nested || "any" in nested || "not" in nested ? (nested as TopLevelCondition) : { all: [nested] };
  };

  return {
    rules: [
      ...plan.rules.map((rule, index): RuleProperties => ({ conditions: topLevel(rule.condition), event: { type: "rule", params: { index } } })),
      ...plan.gates.map((gate, index): RuleProperties => ({ conditions: topLevel(gate.condition), event: { type: "gate", params: { index } } })),
    ],
  };
}

function eventParams(event: string, withinDays: number | undefined): Record<string, unknown> {
  return withinDays === undefined ? { event } : { event, maxAge: withinDays * DAY_MS };
}

function counts(occurrence: Occurrences[number], event: string, maxAge: number | undefined): boolean {
  if (occurrence.type !== event) return false;
  return maxAge === undefined || (occurrence.age !== null && occurrence.age <= maxAge);
}

function decayFactor(age: number, base: number, period: number): number {
  return Math.pow(base, Math.floor(age / period));
}

/** An engine holding the plan's rules, its custom operators and its dynamic facts. */
export function rulesEngineFor(plan: ScoringPlan): Engine {
  const engine = new Engine(toRulesEngine(plan).rules, { allowUndefinedFacts: true });
  engine.addOperator("textContains", (a: unknown, b: string) => typeof a === "string" && a.includes(b));
  engine.addOperator("textStartsWith", (a: unknown, b: string) => typeof a === "string" && a.startsWith(b));
  engine.addOperator("textEndsWith", (a: unknown, b: string) => typeof a === "string" && a.endsWith(b));
  engine.addFact("@true", true);
  engine.addFact("@eventCount", async (params, almanac) => {
    const events = await almanac.factValue<Occurrences>("@events");
    let count = 0;
    for (const occurrence of events) if (counts(occurrence, params.event, params.maxAge)) count++;
    return count;
  });
  engine.addFact("@factorSum", async (params, almanac) => {
    const events = await almanac.factValue<Occurrences>("@events");
    let sum = 0;
    for (const occurrence of events) if (counts(occurrence, params.event, params.maxAge)) sum += decayFactor(occurrence.age ?? 0, params.base, params.period);
    return sum;
  });
  engine.addFact("@youngest", async (params, almanac) => {
    const events = await almanac.factValue<Occurrences>("@events");
    let youngest = Infinity;
    for (const occurrence of events) if (counts(occurrence, params.event, params.maxAge)) youngest = Math.min(youngest, occurrence.age ?? 0);
    return youngest;
  });
  engine.addFact("@age", async (params, almanac) => {
    const value = await almanac.factValue<number | null>(params.field);
    return value === null ? null : (await almanac.factValue<number>("@asOf")) - value;
  });
  return engine;
}

function decayParams(event: string, withinDays: number | undefined, decay: PlanDecay): Record<string, unknown> {
  return { ...eventParams(event, withinDays), base: 1 - decay.percent / 100, period: decay.everyDays * DAY_MS };
}

/** A scorer that runs the plan's engine on each lead (facts prepared per lead). */
export function rulesEngineScorer(plan: ScoringPlan): (raw: unknown, asOf: number) => Promise<LeadRecord> {
  const engine = rulesEngineFor(plan);
  const amount = async (index: number, almanac: Almanac): Promise<number> => {
    const rule = plan.rules[index];
    if (rule.each) {
      const { event, withinDays, upTo } = rule.each;
      const sum = rule.decay
        ? await almanac.factValue<number>("@factorSum", decayParams(event, withinDays, rule.decay))
        : await almanac.factValue<number>("@eventCount", eventParams(event, withinDays));
      const points = rule.points * sum;
      if (upTo !== undefined && rule.points > 0) return Math.min(points, upTo);
      if (upTo !== undefined && rule.points < 0) return Math.max(points, -upTo);
      return points;
    }
    if (rule.decay && rule.decayEvent) {
      const youngest = await almanac.factValue<number>("@youngest", eventParams(rule.decayEvent.event, rule.decayEvent.withinDays));
      const factor = youngest === Infinity ? 1 : decayFactor(youngest, 1 - rule.decay.percent / 100, rule.decay.everyDays * DAY_MS);
      return rule.points * factor;
    }
    return rule.points;
  };

  return async (raw, asOf) => {
    const reading = leadFacts(plan, raw, asOf);
    if (!reading.ok) return { id: reading.id, error: reading.error };
    const facts = reading.facts;
    const runtime: Record<string, unknown> = { "@events": facts.events, "@asOf": asOf };
    for (const field of plan.schema.fields) {
      runtime[field.name] = facts.values[field.name];
      if (field.type.kind === "date") runtime[`@day:${field.name}`] = facts.days[field.name];
    }
    const { events, almanac } = await engine.run(runtime);
    const contributions = new Float64Array(plan.rules.length);
    let gate = -1;
    for (const event of events) {
      const index = event.params!.index as number;
      if (event.type === "gate") gate = gate < 0 ? index : Math.min(gate, index);
      else contributions[index] = await amount(index, almanac);
    }
    return assembleResult(plan, facts.id, contributions, gate);
  };
}
