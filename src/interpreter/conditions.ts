// Evaluating a resolved condition against one lead (SPEC section 3). Unknown values (undefined)
// make every comparison false, `!=` and `not in` included; only `is unknown` and `not` see them.
// Each comparison also requires the value to have the JavaScript type it compares (a number for
// number and date tests, a string for text, ...), so an ill-typed plan is false, never a crash;
// the compiled scorer resolves the same rule statically from the schema.

import type { PlanCondition } from "../ir/plan.js";
import type { LeadView } from "../semantics/lead.js";
import { DAY_MS } from "../semantics/values.js";
import { countMatches } from "./events.js";

type Value = LeadView["values"][string];

/** Dates compare by UTC calendar day: the literal is a UTC midnight, the value is any time that day. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function asNumber(value: Value): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function asText(value: Value): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function compare(value: number, op: "=" | "!=" | "<" | "<=" | ">" | ">=", literal: number): boolean {
  switch (op) {
    case "=":
      return value === literal;
    case "!=":
      return value !== literal;
    case "<":
      return value < literal;
    case "<=":
      return value <= literal;
    case ">":
      return value > literal;
    case ">=":
      return value >= literal;
  }
}

export function evaluateCondition(condition: PlanCondition, lead: LeadView, asOf: number): boolean {
  const value = (field: string): Value => lead.values[field];
  switch (condition.k) {
    case "and":
      return condition.items.every((item) => evaluateCondition(item, lead, asOf));
    case "or":
      return condition.items.some((item) => evaluateCondition(item, lead, asOf));
    case "not":
      return !evaluateCondition(condition.item, lead, asOf);
    case "const":
      return condition.value;
    case "event":
      return countMatches(lead.events, condition.event, asOf, condition.withinDays) >= condition.atLeast;
    case "isTrue":
      return value(condition.field) === true;
    case "number": {
      const n = asNumber(value(condition.field));
      return n !== undefined && compare(n, condition.op, condition.value);
    }
    case "numberBetween": {
      const n = asNumber(value(condition.field));
      return n !== undefined && n >= condition.low && n <= condition.high;
    }
    case "numberIn": {
      const n = asNumber(value(condition.field));
      return n !== undefined && condition.values.includes(n) !== condition.negated;
    }
    case "text": {
      const text = asText(value(condition.field));
      if (text === undefined) return false;
      switch (condition.op) {
        case "=":
          return text === condition.value;
        case "!=":
          return text !== condition.value;
        case "contains":
          return text.includes(condition.value);
        case "starts":
          return text.startsWith(condition.value);
        case "ends":
          return text.endsWith(condition.value);
      }
      return false;
    }
    case "textIn": {
      const text = asText(value(condition.field));
      return text !== undefined && condition.values.includes(text) !== condition.negated;
    }
    case "bool": {
      const flag = value(condition.field);
      if (typeof flag !== "boolean") return false;
      return condition.op === "=" ? flag === condition.value : flag !== condition.value;
    }
    case "date": {
      const ms = asNumber(value(condition.field));
      if (ms === undefined) return false;
      const day = dayStart(ms);
      if (condition.op === "before") return day < condition.value;
      if (condition.op === "after") return day > condition.value;
      return compare(day, condition.op, condition.value);
    }
    case "dateBetween": {
      const ms = asNumber(value(condition.field));
      if (ms === undefined) return false;
      const day = dayStart(ms);
      return day >= condition.low && day <= condition.high;
    }
    case "dateWithin": {
      const ms = asNumber(value(condition.field));
      if (ms === undefined) return false;
      const age = asOf - ms;
      return age >= 0 && age <= condition.days * DAY_MS;
    }
    case "listContains": {
      const list = value(condition.field);
      return Array.isArray(list) && list.some((item) => item === condition.value);
    }
    case "known":
      return (value(condition.field) !== undefined) !== condition.negated;
  }
}
