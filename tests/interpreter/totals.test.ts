// Groups and caps, limits, rounding, tiers, qualification and gates, result shape and hits,
// ids and error records, on every back end.

import { describe, expect, it } from "vitest";
import type { PlanCondition, PlanTier } from "../../src/ir/plan.js";
import { BACKENDS } from "../support/backends.js";
import { planOf, type PlanSpec } from "../support/plan-builder.js";

const AS_OF = Date.UTC(2026, 5, 15, 12);
const yes: PlanCondition = { k: "const", value: true };
const flag = (field: string): PlanCondition => ({ k: "isTrue", field });
const TIERS: PlanTier[] = [
  { name: "hot", op: ">=", threshold: 9 },
  { name: "warm", op: ">", threshold: 5 },
  { name: "cold", op: "otherwise", threshold: 0 },
];

/** A plan awarding `points` once per listed amount (each an always-true rule). */
const sums = (amounts: number[], extra: PlanSpec = {}): PlanSpec => ({ rules: amounts.map((points) => ({ when: yes, points })), ...extra });

type Case = [description: string, spec: PlanSpec, lead: Record<string, unknown>, expected: Record<string, unknown>];

const CASES: Case[] = [
  ["no rules: score 0, nulls, no groups", {}, {}, { score: 0, qualified: null, tier: null, groups: {} }],
  ["ungrouped rules add up", sums([5, -20, 2.5]), {}, { score: -12.5 }],
  ["rounding: half away from zero", sums([0.125]), {}, { score: 0.13 }],
  ["rounding: negative half away from zero", sums([-0.125]), {}, { score: -0.13 }],
  ["rounding: 1.005 is 1.01", sums([1.005]), {}, { score: 1.01 }],
  ["rounding: 0.1 + 0.2 is 0.3", sums([0.1, 0.2]), {}, { score: 0.3 }],
  ["rounding: tiny negative is 0", sums([0.001, -0.002]), {}, { score: 0 }],
  [
    "a group caps its sub-score; the total uses the cap",
    { groups: [{ name: "fit", upTo: 25 }], rules: [10, 10, 10].map((points) => ({ when: yes, points, group: 0 })) },
    {},
    { score: 25, groups: { fit: { score: 25, tier: null } } },
  ],
  [
    "a cap does not lift a negative group",
    { groups: [{ name: "fit", upTo: 25 }], rules: [{ when: yes, points: -3, group: 0 }] },
    {},
    { score: -3, groups: { fit: { score: -3, tier: null } } },
  ],
  [
    "every group is listed in plan order, even with no rules",
    { groups: [{ name: "b" }, { name: "a" }], rules: [{ when: yes, points: 1, group: 1 }, { when: yes, points: 2 }] },
    {},
    { score: 3, groups: { b: { score: 0, tier: null }, a: { score: 1, tier: null } } },
  ],
  ["score at least clamps", sums([-30], { limit: { min: 0 } }), {}, { score: 0 }],
  ["score up to clamps", sums([130], { limit: { max: 100 } }), {}, { score: 100 }],
  ["score between clamps both ways", sums([-5], { limit: { min: 1, max: 10 } }), {}, { score: 1 }],
  ["within limits nothing changes", sums([5], { limit: { min: 1, max: 10 } }), {}, { score: 5 }],

  ["tier: at least at the boundary", sums([9], { tiers: TIERS }), {}, { tier: "hot" }],
  ["tier: above is strict", sums([5], { tiers: TIERS }), {}, { tier: "cold" }],
  ["tier: above", sums([5.01], { tiers: TIERS }), {}, { tier: "warm" }],
  ["tier: uses the rounded score", sums([8.996], { tiers: TIERS }), {}, { score: 9, tier: "hot" }],
  ["tier: none matched is null", sums([1], { tiers: TIERS.slice(0, 2) }), {}, { tier: null }],
  ["tier: first match wins", sums([20], { tiers: [{ name: "a", op: ">", threshold: 1 }, { name: "b", op: ">", threshold: 10 }] }), {}, { tier: "a" }],
  [
    "group tiers use the capped, rounded group score",
    { groups: [{ name: "fit", upTo: 12, tiers: [{ name: "A", op: ">=", threshold: 12 }, { name: "B", op: "otherwise", threshold: 0 }] }, { name: "eng" }], rules: [{ when: yes, points: 20.004, group: 0 }] },
    {},
    { score: 12, groups: { fit: { score: 12, tier: "A" }, eng: { score: 0, tier: null } } },
  ],

  ["qualify above is strict", sums([20], { qualify: { op: ">", threshold: 20 } }), {}, { qualified: false }],
  ["qualify above", sums([20.01], { qualify: { op: ">", threshold: 20 } }), {}, { qualified: true }],
  ["qualify at least", sums([20], { qualify: { op: ">=", threshold: 20 } }), {}, { qualified: true }],
  ["qualify uses the rounded score", sums([19.996], { qualify: { op: ">=", threshold: 20 } }), {}, { qualified: true }],
  [
    "a gate disqualifies whatever the score",
    { fields: { competitor: "boolean" }, ...sums([50]), qualify: { op: ">", threshold: 20 }, gates: [flag("competitor")] },
    { competitor: true },
    { score: 50, qualified: false, disqualified_by: 100 },
  ],
  [
    "the first matching gate is named",
    { fields: { a: "boolean", b: "boolean" }, qualify: { op: ">", threshold: 0 }, gates: [flag("a"), flag("b")] },
    { a: false, b: true },
    { qualified: false, disqualified_by: 101 },
  ],
  [
    "a gate without qualify: qualified stays null",
    { fields: { a: "boolean" }, gates: [flag("a")] },
    { a: "yes" },
    { qualified: null, disqualified_by: 100 },
  ],
];

describe.each(BACKENDS)("totals (%s)", (_name, prepare) => {
  it.each(CASES)("%s", (_description, spec, lead, expected) => {
    const result = prepare(planOf(spec))({ id: "L", ...lead }, { asOfMs: AS_OF });
    expect(result).toMatchObject(expected);
    if (!("disqualified_by" in expected)) expect(result).not.toHaveProperty("disqualified_by");
  });

  it("keys come in the documented order; hits only with explain", () => {
    const run = prepare(planOf({ fields: { a: "boolean" }, groups: [{ name: "g" }], ...sums([1]), gates: [flag("a")] }));
    expect(Object.keys(run({ a: true }, { asOfMs: AS_OF }))).toEqual(["id", "score", "qualified", "tier", "groups", "disqualified_by"]);
    expect(Object.keys(run({ a: false }, { asOfMs: AS_OF }))).toEqual(["id", "score", "qualified", "tier", "groups"]);
    expect(Object.keys(run({ a: true }, { asOfMs: AS_OF, explain: true }))).toEqual(["id", "score", "qualified", "tier", "groups", "disqualified_by", "hits"]);
    expect(Object.keys(run({ a: false }, { asOfMs: AS_OF, explain: true }))).toEqual(["id", "score", "qualified", "tier", "groups", "hits"]);
  });

  it("hits: rules that contributed, in source order, points before the group cap", () => {
    const run = prepare(planOf({
      fields: { x: "number" },
      groups: [{ name: "fit", upTo: 5 }],
      rules: [
        { when: yes, points: 10, group: 0, text: "when a add 10" },
        { when: { k: "number", field: "x", op: ">", value: 1 }, points: 3, text: "when x > 1 add 3" },
        { when: yes, points: -2.345, text: "when b subtract 2.345" },
      ],
    }));
    const result = run({ x: 0 }, { asOfMs: AS_OF, explain: true });
    expect(result).toEqual({
      id: 1,
      score: 2.66,
      qualified: null,
      tier: null,
      groups: { fit: { score: 5, tier: null } },
      hits: [
        { line: 10, group: "fit", points: 10, rule: "when a add 10" },
        { line: 12, group: null, points: -2.35, rule: "when b subtract 2.345" },
      ],
    });
  });

  it("ids: the id field, else the position; blank and non-finite ids are missing", () => {
    const run = prepare(planOf({}));
    expect(run({ id: "L-1" }, { asOfMs: AS_OF })).toMatchObject({ id: "L-1" });
    expect(run({ id: 7 }, { asOfMs: AS_OF })).toMatchObject({ id: 7 });
    expect(run({}, { asOfMs: AS_OF })).toMatchObject({ id: 1 });
    expect(run({}, { asOfMs: AS_OF, position: 4 })).toMatchObject({ id: 4 });
    expect(run({ id: "  " }, { asOfMs: AS_OF, position: 4 })).toMatchObject({ id: 4 });
    expect(run({ id: Number.NaN }, { asOfMs: AS_OF, position: 4 })).toMatchObject({ id: 4 });
    expect(run({ id: null }, { asOfMs: AS_OF, position: 4 })).toMatchObject({ id: 4 });
    expect(run({ id: "x", lead_id: "K-9" }, { asOfMs: AS_OF, idField: "lead_id" })).toMatchObject({ id: "K-9" });
  });

  const ERRORS: Array<[string, PlanSpec, unknown, { id: string | number; error: string }]> = [
    ["a number field", { fields: { company_size: "number" } }, { id: "L-7", company_size: "abc" }, { id: "L-7", error: 'company_size: expected a number, got "abc"' }],
    ["a non-finite number", { fields: { n: "number" } }, { n: Infinity }, { id: 1, error: "n: expected a number, got null" }],
    ["an enum field", { fields: { industry: { kind: "enum", values: ["saas", "retail"] } } }, { industry: "Banking" }, { id: 1, error: 'industry: expected one of "saas", "retail", got "Banking"' }],
    ["a boolean field", { fields: { competitor: "boolean" } }, { competitor: "maybe" }, { id: 1, error: 'competitor: expected true or false (also yes/no, 1/0), got "maybe"' }],
    ["a date field", { fields: { d: "date" } }, { d: "June 1" }, { id: 1, error: 'd: expected a date (YYYY-MM-DD), got "June 1"' }],
    ["a text field", { fields: { t: "text" } }, { t: { a: 1 } }, { id: 1, error: 't: expected text, got {"a":1}' }],
    ["a list field", { fields: { tags: "list" } }, { tags: [{}] }, { id: 1, error: "tags: expected a list of text, got [{}]" }],
    ["the first bad field in schema order", { fields: { b: "number", a: "number" } }, { a: "x", b: "y" }, { id: 1, error: 'b: expected a number, got "y"' }],
    ["fields before events", { fields: { b: "number" }, events: ["x y"] }, { b: "y", events: 5 }, { id: 1, error: 'b: expected a number, got "y"' }],
    ["events not a list", { events: ["x y"] }, { events: "x y" }, { id: 1, error: 'events: expected a list of events, got "x y"' }],
    ["an event that is not one", {}, { events: ["ok", 42] }, { id: 1, error: 'events: expected an event ("type" or {"type", "at"}), got 42' }],
    ["an event time that is not ISO", { events: ["x y"] }, { id: 3, events: [{ type: "X  y", at: "yesterday" }] }, { id: 3, error: 'events: expected an ISO-8601 time for "X  y", got "yesterday"' }],
    ["an event time that is a number", {}, { events: [{ type: "x", at: 5 }] }, { id: 1, error: 'events: expected an ISO-8601 time for "x", got 5' }],
    ["a lead that is not an object", {}, [1], { id: 1, error: "expected a lead object, got [1]" }],
    ["a lead that is null", {}, null, { id: 1, error: "expected a lead object, got null" }],
  ];

  it.each(ERRORS)("error record: %s", (_description, spec, lead, expected) => {
    expect(prepare(planOf(spec))(lead, { asOfMs: AS_OF, explain: true })).toEqual(expected);
  });

  it("an invalid lead keeps its position as id", () => {
    expect(prepare(planOf({ fields: { n: "number" } }))("lead", { asOfMs: AS_OF, position: 9 })).toEqual({ id: 9, error: 'expected a lead object, got "lead"' });
  });
});
