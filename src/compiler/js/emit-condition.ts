// A PlanCondition as a JavaScript boolean expression over the scorer's locals. Unknown values are
// `undefined`; comparisons that would be true for undefined (`!=`, `not in`, text methods) are
// guarded. A test whose field cannot hold the compared type (outside the schema, or ill-typed) is
// the constant `false`, as the interpreter's runtime type checks make it.

import type { PlanCondition } from "../../ir/plan.js";
import { DAY_MS } from "../../semantics/values.js";
import type { EventSlotTable } from "./event-slots.js";
import type { Family, FieldTable } from "./field-table.js";
import type { ListMatchers } from "./list-matcher.js";
import type { TextMatchers } from "./text-matcher.js";
import { booleanLiteral, numberLiteral, stringLiteral } from "./literals.js";

export interface ConditionScope {
  fields: FieldTable;
  events: EventSlotTable;
  texts: TextMatchers;
  lists: ListMatchers;
}

const COMPARE: Record<string, string> = { "=": "===", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/**
 * `value op literal`, false when `known` is unknown. Only `!=` would be true for undefined; the
 * other comparisons are guarded all the same, because one lead without the value turns a
 * comparison's type feedback generic, and V8 then compares through a builtin call on every later
 * lead (~4% of a 100-rule lead). The guards of anyOf() and of the between and within forms below
 * are there for the same reason.
 */
function compare(value: string, op: string, literal: string, known: string): string {
  const js = op === "!=" ? "!==" : COMPARE[op];
  if (!js) throw new TypeError(`scoring plan: unknown comparison ${JSON.stringify(op)}`);
  return `(${known} !== undefined && ${value} ${js} ${literal})`;
}

function anyOf(value: string, literals: string[], negated: boolean): string {
  if (negated) return `(${[`${value} !== undefined`, ...literals.map((l) => `${value} !== ${l}`)].join(" && ")})`;
  return literals.length === 0 ? "false" : `(${value} !== undefined && (${literals.map((l) => `${value} === ${l}`).join(" || ")}))`;
}

export function emitCondition(condition: PlanCondition, scope: ConditionScope): string {
  const emit = (c: PlanCondition): string => emitCondition(c, scope);
  /** The field's local when it holds values of `family`, else undefined (the test is false). */
  const typed = (field: string, family: Family): string | undefined => {
    const ref = scope.fields.ref(field);
    return ref && ref.family === family ? ref.expr : undefined;
  };
  switch (condition.k) {
    case "and":
      return condition.items.length === 0 ? "true" : `(${condition.items.map(emit).join(" && ")})`;
    case "or":
      return condition.items.length === 0 ? "false" : `(${condition.items.map(emit).join(" || ")})`;
    case "not":
      return `!${emit(condition.item)}`;
    case "const":
      return booleanLiteral(condition.value);
    case "event":
      return `(${scope.events.count(condition.event, condition.withinDays)} >= ${numberLiteral(condition.atLeast)})`;
    case "isTrue": {
      const ref = scope.fields.ref(condition.field);
      return ref ? `(${ref.expr} === true)` : "false";
    }
    case "bool": {
      if (condition.op !== "=" && condition.op !== "!=") throw new TypeError("scoring plan: bad boolean operator");
      // `!= true` is `=== false` for a boolean, and false for anything else (unknown included).
      const literal = booleanLiteral(condition.value);
      const wanted = condition.op === "=" ? literal : booleanLiteral(!condition.value);
      const ref = scope.fields.ref(condition.field);
      return ref ? `(${ref.expr} === ${wanted})` : "false";
    }
    case "number": {
      const literal = numberLiteral(condition.value);
      const f = typed(condition.field, "number");
      return f ? compare(f, condition.op, literal, f) : "false";
    }
    case "numberBetween": {
      const [low, high] = [numberLiteral(condition.low), numberLiteral(condition.high)];
      const f = typed(condition.field, "number");
      return f ? `(${f} !== undefined && ${f} >= ${low} && ${f} <= ${high})` : "false";
    }
    case "numberIn": {
      const literals = condition.values.map(numberLiteral);
      const f = typed(condition.field, "number");
      return f ? anyOf(f, literals, condition.negated) : "false";
    }
    case "text": {
      const literal = stringLiteral(condition.value);
      const f = typed(condition.field, "string");
      if (!f) return "false";
      if (condition.op === "=" || condition.op === "!=") return compare(f, condition.op, literal, f);
      // A field with many such tests is matched once per lead (text-matcher.ts).
      const matched = scope.texts.test(condition.field, condition.op, condition.value);
      if (matched) return matched;
      switch (condition.op) {
        case "contains":
          return `(${f} !== undefined && ${f}.includes(${literal}))`;
        case "starts":
          return `(${f} !== undefined && ${f}.startsWith(${literal}))`;
        case "ends":
          return `(${f} !== undefined && ${f}.endsWith(${literal}))`;
      }
      throw new TypeError("scoring plan: bad text operator");
    }
    case "textIn": {
      const literals = condition.values.map(stringLiteral);
      const f = typed(condition.field, "string");
      return f ? anyOf(f, literals, condition.negated) : "false";
    }
    case "date": {
      const literal = numberLiteral(condition.value);
      const f = typed(condition.field, "number");
      if (!f) return "false";
      const day = scope.fields.dayStart(condition.field);
      const op = condition.op === "before" ? "<" : condition.op === "after" ? ">" : condition.op;
      return compare(day, op, literal, f);
    }
    case "dateBetween": {
      const [low, high] = [numberLiteral(condition.low), numberLiteral(condition.high)];
      const f = typed(condition.field, "number");
      if (!f) return "false";
      const day = scope.fields.dayStart(condition.field);
      return `(${day} >= ${low} && ${day} <= ${high})`;
    }
    case "dateWithin": {
      const maxAge = numberLiteral(condition.days * DAY_MS);
      const f = typed(condition.field, "number");
      return f ? `(${f} !== undefined && asOf - ${f} >= 0 && asOf - ${f} <= ${maxAge})` : "false";
    }
    case "listContains": {
      const literal = stringLiteral(condition.value);
      const f = typed(condition.field, "list");
      if (!f) return "false";
      // A list field with many such tests is looked up once per lead (list-matcher.ts).
      return scope.lists.test(condition.field, condition.value) ?? `(${f} !== undefined && ${f}.includes(${literal}))`;
    }
    case "known": {
      const ref = scope.fields.ref(condition.field);
      if (!ref) return booleanLiteral(condition.negated);
      return `(${ref.expr} ${condition.negated ? "===" : "!=="} undefined)`;
    }
  }
  throw new TypeError(`scoring plan: unknown condition ${JSON.stringify((condition as { k?: unknown }).k)}`);
}
