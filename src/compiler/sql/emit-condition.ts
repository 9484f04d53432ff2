// A PlanCondition as an SQL boolean expression over the lead_facts stage. SQL's three-valued logic
// is kept out: every test is written so it is TRUE or FALSE, never NULL (an unknown value makes a
// comparison FALSE, `!=` and `not in` included), so NOT, AND and OR mean what they mean in the
// interpreter (src/interpreter/conditions.ts). A test on a field that cannot hold the compared type
// (outside the schema, or ill-typed) is the constant FALSE, as in the JavaScript back ends.

import type { PlanCondition } from "../../ir/plan.js";
import { DAY_MS } from "../../semantics/values.js";
import type { SqlDialect } from "./dialect.js";
import type { EventSlots } from "./event-slots.js";
import type { Family } from "../js/field-table.js";
import type { LeadValues } from "./lead-values.js";
import { booleanLiteral, comparisonLiteral, stringLiteral } from "./literals.js";

export interface ConditionScope {
  dialect: SqlDialect;
  fields: LeadValues;
  events: EventSlots;
}

const COMPARE: Record<string, string> = { "=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

function known(value: string, test: string): string {
  return `(${value} IS NOT NULL AND ${test})`;
}

function compare(value: string, op: string, literal: string): string {
  const sql = COMPARE[op];
  if (!sql) throw new TypeError(`scoring plan: unknown comparison ${JSON.stringify(op)}`);
  return known(value, `${value} ${sql} ${literal}`);
}

function anyOf(value: string, literals: string[], negated: boolean): string {
  if (literals.length === 0) return negated ? `(${value} IS NOT NULL)` : "FALSE";
  return known(value, `${value} ${negated ? "NOT IN" : "IN"} (${literals.join(", ")})`);
}

export function emitCondition(condition: PlanCondition, scope: ConditionScope): string {
  const emit = (c: PlanCondition): string => emitCondition(c, scope);
  const d = scope.dialect;
  const num = (value: number): string => comparisonLiteral(value, d.doubleType);
  /** The field's value column when it holds values of `family`, else undefined (the test is FALSE). */
  const typed = (field: string, family: Family): string | undefined => {
    const ref = scope.fields.ref(field);
    return ref && ref.family === family ? ref.expr : undefined;
  };
  switch (condition.k) {
    case "and":
      return condition.items.length === 0 ? "TRUE" : `(${condition.items.map(emit).join(" AND ")})`;
    case "or":
      return condition.items.length === 0 ? "FALSE" : `(${condition.items.map(emit).join(" OR ")})`;
    case "not":
      return `(NOT ${emit(condition.item)})`;
    case "const":
      return booleanLiteral(condition.value);
    case "event":
      return `(${scope.events.count(condition.event, condition.withinDays)} >= ${num(condition.atLeast)})`;
    case "isTrue": {
      const f = typed(condition.field, "boolean");
      return f ? `(${f} IS TRUE)` : "FALSE";
    }
    case "bool": {
      if (condition.op !== "=" && condition.op !== "!=") throw new TypeError("scoring plan: bad boolean operator");
      const f = typed(condition.field, "boolean");
      if (!f) return "FALSE";
      // `!= true` is `= false` for a boolean, and false for anything else (unknown included).
      const wanted = condition.op === "=" ? condition.value : !condition.value;
      if (typeof wanted !== "boolean") throw new TypeError("scoring plan: expected true or false");
      return `(${f} IS ${wanted ? "TRUE" : "FALSE"})`;
    }
    case "number": {
      const f = typed(condition.field, "number");
      return f ? compare(f, condition.op, num(condition.value)) : "FALSE";
    }
    case "numberBetween": {
      const f = typed(condition.field, "number");
      return f ? known(f, `${f} >= ${num(condition.low)} AND ${f} <= ${num(condition.high)}`) : "FALSE";
    }
    case "numberIn": {
      const f = typed(condition.field, "number");
      return f ? anyOf(f, condition.values.map(num), condition.negated) : "FALSE";
    }
    case "text": {
      const f = typed(condition.field, "string");
      if (!f) return "FALSE";
      const literal = stringLiteral(condition.value);
      switch (condition.op) {
        case "=":
        case "!=":
          return compare(f, condition.op, literal);
        case "contains":
          return known(f, d.contains(f, literal));
        case "starts":
          return known(f, d.startsWith(f, literal));
        case "ends":
          return known(f, d.endsWith(f, literal));
      }
      throw new TypeError("scoring plan: bad text operator");
    }
    case "textIn": {
      const f = typed(condition.field, "string");
      return f ? anyOf(f, condition.values.map(stringLiteral), condition.negated) : "FALSE";
    }
    case "date": {
      const f = typed(condition.field, "number");
      if (!f) return "FALSE";
      const day = scope.fields.dayStart(condition.field);
      const op = condition.op === "before" ? "<" : condition.op === "after" ? ">" : condition.op;
      return compare(day, op, num(condition.value));
    }
    case "dateBetween": {
      const f = typed(condition.field, "number");
      if (!f) return "FALSE";
      const day = scope.fields.dayStart(condition.field);
      return known(day, `${day} >= ${num(condition.low)} AND ${day} <= ${num(condition.high)}`);
    }
    case "dateWithin": {
      const f = typed(condition.field, "number");
      return f ? known(f, `as_of_ms - ${f} >= 0 AND as_of_ms - ${f} <= ${num(condition.days * DAY_MS)}`) : "FALSE";
    }
    case "listContains": {
      const f = typed(condition.field, "list");
      // A list never holds a blank element, so it can never contain "".
      if (!f || condition.value === "") return "FALSE";
      return known(f, d.arrayContains(f, stringLiteral(condition.value)));
    }
    case "known": {
      const ref = scope.fields.ref(condition.field);
      if (!ref) return booleanLiteral(condition.negated);
      return `(${ref.expr} ${condition.negated ? "IS NULL" : "IS NOT NULL"})`;
    }
  }
  throw new TypeError(`scoring plan: unknown condition ${JSON.stringify((condition as { k?: unknown }).k)}`);
}
