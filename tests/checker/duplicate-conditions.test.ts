// LS6002: the same condition scored twice in one group (ungrouped rules are one group).

import { describe, expect, it } from "vitest";
import { findings, lintDiagnostics, model, type Finding } from "./lint-findings.js";

const TWICE: Finding[] = [["LS6002", "warning"]];

const CASES: [description: string, source: string, expected: Finding[]][] = [
  ["the same rule twice", model("when downloaded whitepaper add 5", "when downloaded whitepaper add 5"), TWICE],
  ["different points", model("when competitor subtract 20", "when competitor add 3"), TWICE],
  ["and-items in another order", model("when a and b add 5", "when b and a add 3"), TWICE],
  ["or-items in another order", model("when a or b add 5", "when b or a add 3"), TWICE],
  ["is and =", model('when title is "vp" add 5', 'when title = "VP " add 3'), TWICE],
  ["list values in another order", model('when title in ["a", "b"] add 5', 'when title in ["b", "a"] add 3'), TWICE],
  ["1 week and 7 days", model("when opened email within 1 week add 5", "when opened email within 7 days add 3"), TWICE],
  ["three times is reported twice", model("when a add 1", "when a add 2", "when a add 3"), [...TWICE, ...TWICE]],
  ["in the same group", model("group fit {", "when a add 5", "when a add 3", "}"), TWICE],
  ["in two groups", model("group fit { when a add 5 }", "group intent { when a add 3 }"), []],
  ["in a group and outside", model("group fit { when a add 5 }", "when a add 3"), []],
  ["different conditions", model("when a add 5", "when b add 3"), []],
  ["different windows", model("when opened email within 7 days add 5", "when opened email within 30 days add 3"), []],
  ["different counts", model("when opened email at least 2 times add 5", "when opened email at least 3 times add 3"), []],
  ["per occurrence and once", model("when opened email add 2 each up to 10", "when opened email add 5"), []],
  ["a condition and its negation", model("when a add 5", "when not a subtract 5"), []],
];

describe("duplicate conditions", () => {
  it.each(CASES)("%s", (_, source, expected) => {
    expect(findings(source)).toEqual(expected);
  });

  it("points at the second rule's condition and names the first rule's line", () => {
    const source = model("when a add 5", "when b add 1", "when a add 3");
    const [diagnostic] = lintDiagnostics(source);
    expect(source.slice(diagnostic.span.start, diagnostic.span.end)).toBe("a");
    expect(diagnostic.span.start).toBe(source.lastIndexOf("when a") + 5);
    expect(diagnostic.message).toMatch(/\bline 1\b/);
  });
});
