// A ScoringPlan as json-logic-js rules, for the benchmark's baseline. Each plan rule becomes one
// rule `{"if": [CONDITION, AMOUNT, 0]}` (its contribution), each gate a condition; the caller sums
// the contributions (assemble.ts). The rules read the facts of facts.ts:
//   values.FIELD  typed value (null = unknown)      days.FIELD  a date's UTC midnight
//   events        [{type, age}] (age null = no time) asOf        epoch ms
// Only json-logic's own operations are used, except `floor` and `pow` (registered below) for decay,
// which json-logic cannot express.

import jsonLogic, { type RulesLogic } from "json-logic-js";
import type { FieldType, PlanCondition, PlanDecay, PlanRule, ScoringPlan } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { DAY_MS } from "../../src/semantics/values.js";
import { familyOf, type Family } from "../../src/compiler/js/field-table.js";
import { assembleResult } from "./assemble.js";
import { leadFacts } from "./facts.js";

export interface JsonLogicModel {
  /** One per plan rule: evaluates to the rule's contribution (0 when it does not fire). */
  rules: RulesLogic[];
  /** One per gate: truthy when the lead matches it. */
  gates: RulesLogic[];
}

let extended = false;

function registerOperations(): void {
  if (extended) return;
  extended = true;
  jsonLogic.add_operation("floor", Math.floor);
  jsonLogic.add_operation("pow", Math.pow);
}

const known = (value: RulesLogic): RulesLogic => ({ "!==": [value, null] });

export function toJsonLogic(plan: ScoringPlan): JsonLogicModel {
  registerOperations();
  const types = new Map<string, FieldType>();
  for (const field of plan.schema.fields) types.set(field.name, field.type);
  /** The field's value when it holds `family`, else undefined (the test is false, as in the compiler). */
  const field = (name: string, family: Family): RulesLogic | undefined => {
    const type = types.get(name);
    return type !== undefined && familyOf(type) === family ? { var: `values.${name}` } : undefined;
  };

  const compare = (value: RulesLogic, op: string, literal: number | string): RulesLogic => {
    switch (op) {
      case "=":
        return { "===": [value, literal] };
      case "!=":
        return { and: [known(value), { "!==": [value, literal] }] };
      case "<":
      case "<=":
      case ">":
      case ">=":
        return { and: [known(value), { [op]: [value, literal] } as RulesLogic] };
    }
    throw new TypeError(`unknown comparison ${op}`);
  };

  const oneOf = (value: RulesLogic, literals: (number | string)[], negated: boolean): RulesLogic =>
    negated ? { and: [known(value), { "!": { in: [value, literals] } }] } : { in: [value, literals] };

  const condition = (c: PlanCondition): RulesLogic => {
    switch (c.k) {
      case "and":
        return c.items.length === 0 ? true : { and: c.items.map(condition) };
      case "or":
        return c.items.length === 0 ? false : { or: c.items.map(condition) };
      case "not":
        return { "!": [condition(c.item)] };
      case "const":
        return c.value;
      case "event":
        if (c.atLeast <= 0) return true;
        // "at least once" is json-logic's `some`; more needs a count.
        if (c.atLeast === 1) return { some: [{ var: "events" }, matchOccurrence(c.event, c.withinDays, "")] };
        return { ">=": [countOccurrences(c.event, c.withinDays), c.atLeast] };
      case "isTrue": {
        const type = types.get(c.field);
        return type === undefined ? false : { "===": [{ var: `values.${c.field}` }, true] };
      }
      case "bool": {
        if (!types.has(c.field)) return false;
        return { "===": [{ var: `values.${c.field}` }, c.op === "=" ? c.value : !c.value] };
      }
      case "number": {
        const v = field(c.field, "number");
        return v === undefined ? false : compare(v, c.op, c.value);
      }
      case "numberBetween": {
        const v = field(c.field, "number");
        return v === undefined ? false : { and: [known(v), { ">=": [v, c.low] }, { "<=": [v, c.high] }] };
      }
      case "numberIn": {
        const v = field(c.field, "number");
        return v === undefined ? false : oneOf(v, c.values, c.negated);
      }
      case "text": {
        const v = field(c.field, "string");
        if (v === undefined) return false;
        switch (c.op) {
          case "=":
          case "!=":
            return compare(v, c.op, c.value);
          case "contains":
            return { and: [known(v), { in: [c.value, v] }] };
          case "starts":
            return { and: [known(v), { "===": [{ substr: [v, 0, c.value.length] }, c.value] }] };
          case "ends":
            return c.value === "" ? known(v) : { and: [known(v), { "===": [{ substr: [v, -c.value.length] }, c.value] }] };
        }
        throw new TypeError("bad text operator");
      }
      case "textIn": {
        const v = field(c.field, "string");
        return v === undefined ? false : oneOf(v, c.values, c.negated);
      }
      case "date": {
        if (field(c.field, "number") === undefined) return false;
        const day: RulesLogic = { var: `days.${c.field}` };
        const op = c.op === "before" ? "<" : c.op === "after" ? ">" : c.op;
        return compare(day, op, c.value);
      }
      case "dateBetween": {
        if (field(c.field, "number") === undefined) return false;
        const day: RulesLogic = { var: `days.${c.field}` };
        return { and: [known(day), { ">=": [day, c.low] }, { "<=": [day, c.high] }] };
      }
      case "dateWithin": {
        const v = field(c.field, "number");
        if (v === undefined) return false;
        const age: RulesLogic = { "-": [{ var: "asOf" }, v] };
        return { and: [known(v), { ">=": [age, 0] }, { "<=": [age, c.days * DAY_MS] }] };
      }
      case "listContains": {
        const v = field(c.field, "list");
        return v === undefined ? false : { in: [c.value, v] };
      }
      case "known":
        return types.has(c.field) ? { [c.negated ? "===" : "!=="]: [{ var: `values.${c.field}` }, null] } as RulesLogic : c.negated;
    }
  };

  const amount = (rule: PlanRule): RulesLogic => {
    if (rule.each) {
      const { event, withinDays, upTo } = rule.each;
      const sum = rule.decay ? sumOfFactors(event, withinDays, rule.decay) : countOccurrences(event, withinDays);
      const points: RulesLogic = { "*": [rule.points, sum] };
      if (upTo !== undefined && rule.points > 0) return { min: [points, upTo] };
      if (upTo !== undefined && rule.points < 0) return { max: [points, -upTo] };
      return points;
    }
    if (rule.decay && rule.decayEvent) return { "*": [rule.points, mostRecentFactor(rule.decayEvent.event, rule.decayEvent.withinDays, rule.decay)] };
    return rule.points;
  };

  return {
    rules: plan.rules.map((rule) => ({ if: [condition(rule.condition), amount(rule), 0] })),
    gates: plan.gates.map((gate) => condition(gate.condition)),
  };
}

/** Whether an occurrence (the data, or `prefix` + "type"/"age" inside a reduce) counts. */
function matchOccurrence(event: string, withinDays: number | undefined, prefix: string): RulesLogic {
  const type: RulesLogic = { "===": [{ var: `${prefix}type` }, event] };
  if (withinDays === undefined) return type;
  const age: RulesLogic = { var: `${prefix}age` };
  return { and: [type, known(age), { "<=": [age, withinDays * DAY_MS] }] };
}

function countOccurrences(event: string, withinDays: number | undefined): RulesLogic {
  return { reduce: [{ var: "events" }, { "+": [{ var: "accumulator" }, { if: [matchOccurrence(event, withinDays, "current."), 1, 0] }] }, 0] };
}

/** An occurrence without a time decays as age 0. */
const AGE_OR_ZERO: RulesLogic = { if: [{ "===": [{ var: "current.age" }, null] }, 0, { var: "current.age" }] };

function decayFactor(age: RulesLogic, decay: PlanDecay): RulesLogic {
  return { pow: [1 - decay.percent / 100, { floor: [{ "/": [age, decay.everyDays * DAY_MS] }] }] } as unknown as RulesLogic;
}

function sumOfFactors(event: string, withinDays: number | undefined, decay: PlanDecay): RulesLogic {
  const factor = decayFactor(AGE_OR_ZERO, decay);
  return { reduce: [{ var: "events" }, { "+": [{ var: "accumulator" }, { if: [matchOccurrence(event, withinDays, "current."), factor, 0] }] }, 0] };
}

function mostRecentFactor(event: string, withinDays: number | undefined, decay: PlanDecay): RulesLogic {
  const acc: RulesLogic = { var: "accumulator" };
  const youngest: RulesLogic = {
    reduce: [{ var: "events" }, { if: [matchOccurrence(event, withinDays, "current."), { if: [{ "===": [acc, null] }, AGE_OR_ZERO, { min: [acc, AGE_OR_ZERO] }] }, acc] }, null],
  };
  return { if: [{ "===": [youngest, null] }, 1, decayFactor(youngest, decay)] };
}

/** A scorer that runs the plan's json-logic rules on each lead (facts prepared per lead). */
export function jsonLogicScorer(plan: ScoringPlan): (raw: unknown, asOf: number) => LeadRecord {
  const model = toJsonLogic(plan);
  const contributions = new Float64Array(model.rules.length);
  return (raw, asOf) => {
    const reading = leadFacts(plan, raw, asOf);
    if (!reading.ok) return { id: reading.id, error: reading.error };
    const facts = reading.facts;
    for (let i = 0; i < model.rules.length; i++) contributions[i] = Number(jsonLogic.apply(model.rules[i], facts));
    let gate = -1;
    for (let i = 0; i < model.gates.length && gate < 0; i++) if (jsonLogic.truthy(jsonLogic.apply(model.gates[i], facts))) gate = i;
    return assembleResult(plan, facts.id, contributions, gate);
  };
}
