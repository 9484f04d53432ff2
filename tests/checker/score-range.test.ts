// The score range (SPEC 2.7): the minimum and maximum total a model can give, null when unbounded.

import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/checker/check.js";
import { computeScoreRanges } from "../../src/checker/lints/index.js";
import { planOf, event } from "../support/plan-builder.js";
import { model } from "./lint-findings.js";

type Range = [min: number | null, max: number | null];

const CASES: [description: string, source: string, expected: Range][] = [
  ["no rules", "qualify above 0", [0, 0]],
  ["add", "when a add 5", [0, 5]],
  ["subtract", "when a subtract 5", [-5, 0]],
  ["add and subtract", "when a add 5\nwhen b subtract 3", [-3, 5]],
  ["the smallest model in the spec", "when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20", [-20, 5]],
  ["decimals are rounded to 2 places", "when a add 1.1\nwhen b add 2.2\nwhen c subtract 0.155", [-0.16, 3.3]],
  ["each without up to", "when opened email add 2 each", [0, null]],
  ["each with up to", "when opened email add 2 each up to 10", [0, 10]],
  ["subtract each without up to", "when bounced email subtract 2 each\nwhen a add 3", [null, 3]],
  ["subtract each with up to", "when bounced email subtract 2 each up to 6\nwhen a add 3", [-6, 3]],
  ["both sides unbounded", "when opened email add 1 each\nwhen bounced email subtract 1 each", [null, null]],
  ["each within a window", "when opened email within 30 days add 2 each up to 8", [0, 8]],
  ["decay never raises points", "when opened email add 10 decay 50% every 7 days", [0, 10]],
  ["a group without a cap", "group fit { when a add 3; when b add 4 }", [0, 7]],
  ["a group cap lowers the maximum", "group fit up to 5 { when a add 3; when b add 4 }", [0, 5]],
  ["a group cap above the sum changes nothing", "group fit up to 50 { when a add 3; when b add 4 }", [0, 7]],
  ["a group cap with negative rules", "group fit up to 5 { when a subtract 8; when b add 20 }", [-8, 5]],
  ["a group cap on an uncapped each", "group engagement up to 12 { when opened email add 2 each }", [0, 12]],
  ["a group cap below zero", "group odd up to 5 { when a subtract 10 }\nwhen b add 1", [-10, 1]],
  ["groups and ungrouped rules add up", "group fit up to 10 { when a add 8; when b add 8 }\ngroup intent { when c add 4 }\nwhen d subtract 20", [-20, 14]],
  ["score at least", "when a subtract 30\nwhen b add 10\nscore at least 0", [0, 10]],
  ["score up to", "when opened email add 2 each\nscore up to 50", [0, 50]],
  ["score between", "when opened email add 2 each\nwhen bounced email subtract 2 each\nscore between -10 and 40", [-10, 40]],
  ["score at least above every score", "when a add 10\nscore at least 20", [20, 20]],
  ["a rule that can never fire contributes nothing", "when size > 500 and size < 100 add 50\nwhen a add 5", [0, 5]],
  ["a rule with an unknown name contributes nothing", "lead { size: number }\nwhen size > 1 add 1\nwhen sise > 5 add 10", [0, 1]],
];

describe("score range", () => {
  it.each(CASES)("%s", (_, source, [min, max]) => {
    expect(checkSource(source).scoreRange).toEqual({ min, max });
  });

  it("matches the full model of the spec", () => {
    const source = model(
      "lead {",
      "  title: text",
      "  company_size: number",
      '  industry: "saas" | "retail" | "finance" | "other"',
      "  competitor: boolean",
      "  email: text",
      "}",
      "events {",
      "  opened email",
      "  downloaded whitepaper",
      "  registered webinar",
      "  attended webinar",
      "  visited pricing page",
      "}",
      "group fit up to 50 {",
      "  when company_size >= 200 add 10",
      '  when industry in ["saas", "finance"] add 5',
      '  when title contains "vp" or title contains "director" add 8',
      "}",
      "group engagement {",
      "  when opened email add 2 each up to 10",
      "  when downloaded whitepaper add 5",
      "  when registered webinar add 8",
      "  when attended webinar within 30 days add 10",
      "  when visited pricing page at least 3 times within 14 days add 15",
      "}",
      "when competitor subtract 20",
      'when email ends with "@gmail.com" subtract 5',
      "qualify above 20",
    );
    const result = checkSource(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.scoreRange).toEqual({ min: -25, max: 71 });
  });

  it("gives each group's sub-score range", () => {
    const plan = planOf({
      events: ["opened email"],
      groups: [{ name: "fit", upTo: 10 }, { name: "engagement" }, { name: "negative", upTo: 5 }],
      rules: [
        { when: { k: "isTrue", field: "a" }, points: 8, group: 0 },
        { when: { k: "isTrue", field: "b" }, points: 8, group: 0 },
        { when: event("opened email"), points: 2, group: 1, each: { event: "opened email" } },
        { when: { k: "isTrue", field: "c" }, points: -4, group: 2 },
        { when: { k: "isTrue", field: "d" }, points: 1 },
      ],
    });
    expect(computeScoreRanges(plan)).toEqual({
      total: { min: -4, max: null },
      groups: [
        { min: 0, max: 10 },
        { min: 0, max: null },
        { min: -4, max: 0 },
      ],
    });
  });

  it("leaves out rules the caller knows can never fire", () => {
    const plan = planOf({ rules: [{ when: { k: "isTrue", field: "a" }, points: 8 }, { when: { k: "isTrue", field: "b" }, points: -3 }] });
    expect(computeScoreRanges(plan, (i) => i === 0).total).toEqual({ min: -3, max: 0 });
  });

  it("never reports -0", () => {
    const range = checkSource("when a subtract 0.001").scoreRange;
    expect(Object.is(range.min, -0)).toBe(false);
    expect(range).toEqual({ min: 0, max: 0 });
  });
});
