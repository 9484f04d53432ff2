// Every PlanCondition kind, with unknown values, case and whitespace, on every back end.
// Each case is one field `x` of a type, the rule `when CONDITION add 1`, and the lead value of x.

import { describe, expect, it } from "vitest";
import type { FieldType, PlanCondition } from "../../src/ir/plan.js";
import { BACKENDS } from "../support/backends.js";
import { planOf } from "../support/plan-builder.js";

const AS_OF = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
const JAN1 = Date.UTC(2026, 0, 1);
const ABSENT = Symbol("absent");

type Case = [description: string, type: FieldType["kind"] | FieldType, condition: PlanCondition, value: unknown, holds: boolean];

const n = (op: "=" | "!=" | "<" | "<=" | ">" | ">=", value: number): PlanCondition => ({ k: "number", field: "x", op, value });
const text = (op: "=" | "!=" | "contains" | "starts" | "ends", value: string): PlanCondition => ({ k: "text", field: "x", op, value });
const date = (op: "before" | "after" | "=" | "!=" | "<" | "<=" | ">" | ">=", value: number): PlanCondition => ({ k: "date", field: "x", op, value });
const ENUM: FieldType = { kind: "enum", values: ["saas", "retail"] };

const CASES: Case[] = [
  ["number = holds", "number", n("=", 5), 5, true],
  ["number = fails", "number", n("=", 5), 6, false],
  ["number = on numeric text", "number", n("=", 200), " 200 ", true],
  ["number != holds", "number", n("!=", 5), 6, true],
  ["number != on unknown is false", "number", n("!=", 5), null, false],
  ["number != on absent is false", "number", n("!=", 5), ABSENT, false],
  ["number < boundary", "number", n("<", 5), 5, false],
  ["number <= boundary", "number", n("<=", 5), 5, true],
  ["number > boundary", "number", n(">", 5), 5, false],
  ["number >= boundary", "number", n(">=", 5), 5, true],
  ["number < on unknown is false", "number", n("<", 5), null, false],
  ["number >= on blank text is false", "number", n(">=", -100), "  ", false],
  ["between includes low", "number", { k: "numberBetween", field: "x", low: 1, high: 3 }, 1, true],
  ["between includes high", "number", { k: "numberBetween", field: "x", low: 1, high: 3 }, 3, true],
  ["between excludes outside", "number", { k: "numberBetween", field: "x", low: 1, high: 3 }, 3.01, false],
  ["between on unknown", "number", { k: "numberBetween", field: "x", low: -1e9, high: 1e9 }, null, false],
  ["number in", "number", { k: "numberIn", field: "x", values: [1, 2], negated: false }, 2, true],
  ["number in misses", "number", { k: "numberIn", field: "x", values: [1, 2], negated: false }, 3, false],
  ["number not in", "number", { k: "numberIn", field: "x", values: [1, 2], negated: true }, 3, true],
  ["number not in on unknown is false", "number", { k: "numberIn", field: "x", values: [1, 2], negated: true }, null, false],
  ["number in an empty list", "number", { k: "numberIn", field: "x", values: [], negated: false }, 1, false],

  ["text = ignores case and whitespace", "text", text("=", "vp"), "  VP \n", true],
  ["text = fails", "text", text("=", "vp"), "vpx", false],
  ["text != holds", "text", text("!=", "vp"), "cto", true],
  ["text != on unknown is false", "text", text("!=", "vp"), null, false],
  ["text != on blank is false", "text", text("!=", "vp"), "   ", false],
  ["text contains", "text", text("contains", "vp"), "SVP Sales", true],
  ["text contains misses", "text", text("contains", "vp"), "Director", false],
  ["text contains on unknown", "text", text("contains", ""), ABSENT, false],
  ["text starts with", "text", text("starts", "vp"), " VP Marketing", true],
  ["text starts with misses", "text", text("starts", "vp"), "SVP", false],
  ["text ends with", "text", text("ends", "@gmail.com"), "Jane@GMAIL.com ", true],
  ["text ends with misses", "text", text("ends", "@gmail.com"), "jane@acme.com", false],
  ["text from a number value", "text", text("=", "42"), 42, true],
  ["text in", "text", { k: "textIn", field: "x", values: ["a", "b"], negated: false }, " B", true],
  ["text not in", "text", { k: "textIn", field: "x", values: ["a", "b"], negated: true }, "c", true],
  ["text not in on unknown is false", "text", { k: "textIn", field: "x", values: ["a", "b"], negated: true }, "", false],
  ["enum = ignores case", ENUM, text("=", "saas"), " SaaS", true],
  ["enum != holds", ENUM, text("!=", "saas"), "retail", true],
  ["enum in", ENUM, { k: "textIn", field: "x", values: ["saas", "finance"], negated: false }, "SAAS", true],
  ["enum not in on unknown", ENUM, { k: "textIn", field: "x", values: ["saas"], negated: true }, null, false],

  ["isTrue on true", "boolean", { k: "isTrue", field: "x" }, true, true],
  ["isTrue on false", "boolean", { k: "isTrue", field: "x" }, false, false],
  ["isTrue on 'yes'", "boolean", { k: "isTrue", field: "x" }, "yes", true],
  ["isTrue on unknown", "boolean", { k: "isTrue", field: "x" }, null, false],
  ["not isTrue on unknown is true", "boolean", { k: "not", item: { k: "isTrue", field: "x" } }, null, true],
  ["is true", "boolean", { k: "bool", field: "x", op: "=", value: true }, 1, true],
  ["is false", "boolean", { k: "bool", field: "x", op: "=", value: false }, "No", true],
  ["is not true on false", "boolean", { k: "bool", field: "x", op: "!=", value: true }, false, true],
  ["is not true on unknown is false", "boolean", { k: "bool", field: "x", op: "!=", value: true }, null, false],

  ["date = the same UTC day", "date", date("=", JAN1), "2026-01-01T23:59:59Z", true],
  ["date = with an offset is the UTC day", "date", date("=", JAN1), "2026-01-02T01:00:00+02:00", true],
  ["date before excludes the day itself", "date", date("before", JAN1), "2026-01-01T00:00:00Z", false],
  ["date before", "date", date("before", JAN1), "2025-12-31T23:59:59Z", true],
  ["date after excludes the day itself", "date", date("after", JAN1), "2026-01-01T23:59:59Z", false],
  ["date after", "date", date("after", JAN1), "2026-01-02", true],
  ["date != on unknown is false", "date", date("!=", JAN1), null, false],
  ["date != holds", "date", date("!=", JAN1), "2026-01-02", true],
  ["date <= the day", "date", date("<=", JAN1), "2026-01-01T12:00:00Z", true],
  ["date from a Date object", "date", date("=", JAN1), new Date(JAN1 + 5), true],
  ["date between inclusive", "date", { k: "dateBetween", field: "x", low: JAN1, high: JAN1 + DAY }, "2026-01-02T23:00:00Z", true],
  ["date between outside", "date", { k: "dateBetween", field: "x", low: JAN1, high: JAN1 + DAY }, "2026-01-03", false],
  ["date within: exactly D ago", "date", { k: "dateWithin", field: "x", days: 30 }, new Date(AS_OF - 30 * DAY).toISOString(), true],
  ["date within: just over D ago", "date", { k: "dateWithin", field: "x", days: 30 }, new Date(AS_OF - 30 * DAY - 1).toISOString(), false],
  ["date within: the future is not within", "date", { k: "dateWithin", field: "x", days: 30 }, new Date(AS_OF + 1).toISOString(), false],
  ["date within: now", "date", { k: "dateWithin", field: "x", days: 0 }, new Date(AS_OF).toISOString(), true],
  ["date within on unknown", "date", { k: "dateWithin", field: "x", days: 30 }, ABSENT, false],

  ["list contains", "list", { k: "listContains", field: "x", value: "partner" }, ["VIP", " Partner "], true],
  ["list contains from ;-text", "list", { k: "listContains", field: "x", value: "partner" }, "vip; partner", true],
  ["list contains is element equality", "list", { k: "listContains", field: "x", value: "partner" }, ["partners"], false],
  ["list contains on unknown", "list", { k: "listContains", field: "x", value: "partner" }, null, false],

  ["known on a value", "number", { k: "known", field: "x", negated: false }, 0, true],
  ["known on null", "number", { k: "known", field: "x", negated: false }, null, false],
  ["unknown on absent", "text", { k: "known", field: "x", negated: true }, ABSENT, true],
  ["unknown on blank text", "text", { k: "known", field: "x", negated: true }, " \t ", true],
  ["unknown on false", "boolean", { k: "known", field: "x", negated: true }, false, false],
  ["a field outside the schema is unknown", "number", { k: "known", field: "y", negated: true }, 1, true],
  ["a comparison on a field outside the schema is false", "number", { k: "number", field: "y", op: "!=", value: 1 }, 1, false],

  ["const true", "number", { k: "const", value: true }, null, true],
  ["const false", "number", { k: "const", value: false }, null, false],
  ["and of nothing is true", "number", { k: "and", items: [] }, null, true],
  ["or of nothing is false", "number", { k: "or", items: [] }, null, false],
  ["and needs both", "number", { k: "and", items: [n(">", 1), n("<", 3)] }, 2, true],
  ["and fails on one", "number", { k: "and", items: [n(">", 1), n("<", 3)] }, 3, false],
  ["or takes either", "number", { k: "or", items: [n("<", 1), n(">", 3)] }, 4, true],
  ["not inverts a false from an unknown", "number", { k: "not", item: n("=", 1) }, null, true],
  ["not of !=: unknown makes it true", "number", { k: "not", item: n("!=", 1) }, null, true],
];

describe.each(BACKENDS)("conditions (%s)", (_name, prepare) => {
  it.each(CASES)("%s", (_description, type, condition, value, holds) => {
    const score = prepare(planOf({ fields: { x: type }, rules: [{ when: condition, points: 1 }] }));
    const lead: Record<string, unknown> = { id: "L" };
    if (value !== ABSENT) lead.x = value;
    expect(score(lead, { asOfMs: AS_OF })).toMatchObject({ id: "L", score: holds ? 1 : 0 });
  });
});
