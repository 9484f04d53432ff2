// LS6001: conditions that can never be true, by interval and set reasoning over the resolved plan.

import { describe, expect, it } from "vitest";
import { findings, lintDiagnostics, model } from "./lint-findings.js";

const SCHEMA = model(
  "lead {",
  "  company_size: number",
  '  industry: "saas" | "retail" | "finance"',
  "  title: text",
  "  competitor: boolean",
  "  signed_up: date",
  "  tags: list",
  "}",
  "events {",
  "  opened email",
  "  visited pricing page",
  "}",
);
// Uses every declaration once, so "never used" notes stay out of the way.
const USE_ALL = 'when company_size > 0 or industry is "saas" or title is "x" or competitor or signed_up before 2020-01-01 or tags contains "x" or opened email or visited pricing page add 1';

const NEVER: [condition: string][] = [
  ["company_size > 500 and company_size < 100"],
  ["company_size > 5 and company_size <= 5"],
  ["company_size >= 5 and company_size < 5"],
  ["company_size = 5 and company_size != 5"],
  ["company_size is 5 and company_size is 6"],
  ["company_size between 10 and 5"],
  ["company_size in []"],
  ["company_size in [1, 2] and company_size not in [1, 2]"],
  ["company_size in [1, 2] and company_size > 2"],
  ["company_size between 1 and 3 and (company_size < 1 or company_size > 3)"],
  ['industry is "saas" and industry is "retail"'],
  ['industry in ["saas", "retail"] and industry is "finance"'],
  ['industry is not "saas" and industry is not "retail" and industry is not "finance"'],
  ['industry contains "zzz"'],
  ['title is "a" and title is "b"'],
  ['title is "director" and title contains "vp"'],
  ['title starts with "vp" and title starts with "director"'],
  ['title ends with "inc" and title ends with "ltd"'],
  ['title starts with "vp" and not title contains "p"'],
  ['title contains "vp" and not title contains "v"'],
  ["title is known and title is unknown"],
  ["company_size is unknown and company_size > 5"],
  ["not (company_size is known) and not (company_size is unknown)"],
  ["competitor and not competitor"],
  ["competitor is true and competitor is false"],
  ["competitor is not true and competitor is not false"],
  ["signed_up after 2026-01-01 and signed_up before 2026-01-02"],
  ["signed_up before 2026-01-01 and signed_up after 2026-06-01"],
  ['tags contains "partner" and not tags contains "partner"'],
  ["opened email and not opened email"],
  ["visited pricing page at least 3 times and not visited pricing page at least 2 times"],
  ["visited pricing page at least 3 times within 7 days and not visited pricing page at least 3 times within 14 days"],
  ["opened email within 7 days and not opened email"],
  ["not (company_size > 5) and company_size > 10"],
  ["not (company_size > 5 or company_size is unknown) and company_size > 10"],
  ["(company_size > 10 or company_size < 2) and company_size between 3 and 9"],
  ["not (competitor or not competitor)"],
];

const POSSIBLE: [condition: string][] = [
  ["company_size > 500 and company_size < 600"],
  ["company_size >= 5 and company_size <= 5"],
  ["company_size > 5 and company_size < 5.0001"],
  ["company_size != 5 and company_size != 6"],
  ["company_size in [1, 2] and company_size not in [1]"],
  ["not (company_size > 5) and company_size is unknown"],
  ["not (company_size > 5) and not (company_size < 3)"],
  ['industry is not "saas" and industry is not "retail"'],
  ['industry contains "a"'],
  ['title starts with "vp" and title starts with "v"'],
  ['title starts with "vp" and title ends with "sales"'],
  ['title contains "vp" and not title contains "director"'],
  ['title is not "a" and title is not "b"'],
  ["not competitor and competitor is false"],
  ["not competitor and not (competitor is false)"],
  ["signed_up after 2026-01-01 and signed_up before 2026-01-03"],
  ["signed_up within 30 days and signed_up before 2000-01-01"],
  ['tags contains "partner" and not tags contains "vip"'],
  ["opened email and not visited pricing page"],
  ["visited pricing page at least 3 times within 14 days and not visited pricing page at least 3 times within 7 days"],
  ["visited pricing page at least 2 times and not visited pricing page at least 3 times"],
  ["company_size > 500 and company_size < 100 or opened email"],
];

describe("conditions that can never be true", () => {
  it.each(NEVER)("never: %s", (condition) => {
    expect(findings(SCHEMA + model(USE_ALL, `when ${condition} add 5`))).toContainEqual(["LS6001", "warning"]);
  });

  it.each(POSSIBLE)("possible: %s", (condition) => {
    expect(findings(SCHEMA + model(USE_ALL, `when ${condition} add 5`))).toEqual([]);
  });

  it.each(NEVER)("in a gate: %s", (condition) => {
    expect(findings(SCHEMA + model(USE_ALL, `disqualify when ${condition}`))).toEqual([["LS6001", "warning"]]);
  });

  it("points at the rule's condition and names the field", () => {
    const source = SCHEMA + model(USE_ALL, "when company_size > 500 and company_size < 100 add 5");
    const [diagnostic] = lintDiagnostics(source);
    expect(source.slice(diagnostic.span.start, diagnostic.span.end)).toBe("company_size > 500 and company_size < 100");
    expect(diagnostic.message).toContain("company_size");
  });

  it("points at a gate's condition", () => {
    const source = SCHEMA + model(USE_ALL, "disqualify when competitor and not competitor");
    const [diagnostic] = lintDiagnostics(source);
    expect(source.slice(diagnostic.span.start, diagnostic.span.end)).toBe("competitor and not competitor");
  });

  it("works on an inferred schema", () => {
    expect(findings("when size > 500 and size < 100 add 5")).toEqual([["LS6001", "warning"]]);
  });

  it("says nothing about a condition that already has an error", () => {
    const source = SCHEMA + model(USE_ALL, "when company_sise > 500 and company_size < 100 and company_size > 200 add 5");
    expect(findings(source)).toEqual([]);
  });
});
