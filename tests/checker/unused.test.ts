// LS6003 / LS6004: declared fields and events that no rule or gate uses.

import { describe, expect, it } from "vitest";
import { findings, lintDiagnostics, model, type Finding } from "./lint-findings.js";

const CASES: [description: string, source: string, expected: Finding[]][] = [
  ["everything used", model("lead { size: number }", "events { opened email }", "when size > 5 add 1", "when opened email add 1"), []],
  ["an unused field", model("lead { size: number\ncountry: text }", "when size > 5 add 1"), [["LS6003", "info"]]],
  ["an unused event", model("events { opened email\nvisited pricing page }", "when opened email add 1"), [["LS6004", "info"]]],
  ["declared events only: fields are not checked", model("events { opened email }", "when opened email add 1"), []],
  ["a field used only by a gate", model("lead { size: number\nstudent: boolean }", "when size > 5 add 1", "disqualify when student"), []],
  ["a field used only in an is-known test", model("lead { email: text }", "when email is unknown subtract 1"), []],
  [
    "a field used only in an example is unused",
    model("lead { size: number\ntitle: text }", "when size > 5 add 1", 'example "one" {', '  lead { size: 10, title: "VP" }', "  expect score 1", "}"),
    [["LS6003", "info"]],
  ],
  ["an inferred schema has nothing unused", model("when size > 5 add 1", "when opened email add 1"), []],
  ["a field used in a rule with a type error still counts as used", model("lead { size: number }", 'when size is "big" add 1'), []],
  ["nothing while a misspelt name leaves its declaration unused", model("lead { size: number }", "when sise > 5 add 1"), []],
];

describe("declarations never used", () => {
  it.each(CASES)("%s", (_, source, expected) => {
    expect(findings(source)).toEqual(expected);
  });

  it("points at the declaration", () => {
    const source = model("lead {", "  size: number", "  country: text", "}", "events {", "  opened email", "  visited pricing page", "}", "when size > 5 add 1", "when opened email add 1");
    const spans = lintDiagnostics(source).map((d) => source.slice(d.span.start, d.span.end));
    expect(spans).toEqual(["country", "visited pricing page"]);
  });
});
