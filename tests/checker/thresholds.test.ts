// What the score range says about the qualify threshold and the tiers: never reached, always reached.

import { describe, expect, it } from "vitest";
import { findings, lintDiagnostics, model, type Finding } from "./lint-findings.js";

const CASES: [description: string, source: string, expected: Finding[]][] = [
  // qualify: scores 0..10 unless stated
  ["qualify above the maximum", model("when a add 10", "qualify above 20"), [["LS5004", "warning"]]],
  ["qualify above exactly the maximum", model("when a add 10", "qualify above 10"), [["LS5004", "warning"]]],
  ["qualify at least exactly the maximum", model("when a add 10", "qualify at least 10"), []],
  ["qualify at least above the maximum", model("when a add 10", "qualify at least 10.5"), [["LS5004", "warning"]]],
  ["qualify at least the minimum", model("when a add 10", "qualify at least 0"), [["LS5005", "warning"]]],
  ["qualify above the minimum", model("when a add 10", "qualify above 0"), []],
  ["qualify above below the minimum", model("when a add 10", "qualify above -1"), [["LS5005", "warning"]]],
  ["the smallest model in the spec", "when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20", [["LS5004", "warning"]]],
  ["no maximum with an uncapped each", model("when opened email add 2 each", "qualify above 1000"), []],
  ["a capped each has a maximum", model("when opened email add 2 each up to 10", "qualify above 10"), [["LS5004", "warning"]]],
  ["no minimum with an uncapped subtract each", model("when bounced email subtract 2 each", "when a add 5", "qualify above -1000"), []],
  ["a score floor makes qualifying certain", model("when a add 10", "score at least 5", "qualify at least 5"), [["LS5005", "warning"]]],
  ["a score ceiling makes qualifying impossible", model("when opened email add 2 each", "score up to 20", "qualify above 20"), [["LS5004", "warning"]]],
  ["a group cap makes qualifying impossible", model("group fit up to 10 { when a add 8; when b add 8 }", "qualify above 12"), [["LS5004", "warning"]]],
  ["a rule that can never fire does not count", model("when x > 5 and x < 2 add 50", "when a add 5", "qualify above 20"), [["LS5004", "warning"], ["LS6001", "warning"]]],
  ["qualify within the range", model("when a add 10", "when b subtract 5", "qualify above 3"), []],

  // tiers on the total
  ["a tier above the maximum", model("when a add 10", "tiers { hot at least 20; cold otherwise }".replace(/; /g, "\n")), [["LS5006", "warning"]]],
  ["a tier above exactly the maximum", model("when a add 10", "tiers {", "hot above 10", "cold otherwise", "}"), [["LS5006", "warning"]]],
  ["a tier at least exactly the maximum", model("when a add 10", "tiers {", "hot at least 10", "cold otherwise", "}"), []],
  ["the first tier always reached", model("when a add 10", "tiers {", "all at least 0", "cold otherwise", "}"), [["LS5007", "warning"]]],
  ["a middle tier always reached", model("when a add 10", "score at least 3", "tiers {", "hot at least 5", "warm at least 2", "cold otherwise", "}"), [["LS5007", "warning"]]],
  ["tiers after an always-reached tier are not reported again", model("when a add 10", "tiers {", "all at least 0", "low at least -5", "cold otherwise", "}"), [["LS5007", "warning"]]],
  ["a last tier always reached shadows nothing", model("when a add 10", "tiers {", "hot at least 9", "rest at least 0", "}"), []],
  ["an uncapped each reaches every tier", model("when opened email add 1 each", "tiers {", "hot at least 500", "cold otherwise", "}"), []],
  ["a covered tier is not also reported as unreachable", model("when a add 10", "tiers {", "warm at least 5", "hot at least 50", "cold otherwise", "}"), [["LS5002", "error"]]],

  // tiers for a group use the group's sub-score
  ["a group tier above the group's cap", model("group fit up to 5 { when a add 10 }", "when b add 100", "tiers for fit {", "A at least 8", "B otherwise", "}"), [["LS5006", "warning"]]],
  ["a group tier within the group's range", model("group fit { when a add 10 }", "when b add 100", "tiers for fit {", "A at least 8", "B otherwise", "}"), []],
  ["a group tier always reached", model("group fit { when a add 10 }", "tiers for fit {", "A at least 0", "B otherwise", "}"), [["LS5007", "warning"]]],

  // a model with errors in its rules: the range is not trusted
  ["no range warnings while a rule has an unknown name", model("lead { size: number }", "when size > 1 add 1", "when sise > 5 add 10", "qualify above 50"), []],
];

describe("thresholds and the score range", () => {
  it.each(CASES)("%s", (_, source, expected) => {
    expect(findings(source)).toEqual(expected);
  });

  it("names the range and the threshold", () => {
    const [diagnostic] = lintDiagnostics(model("when a add 10", "when b subtract 5", "qualify above 20"));
    expect(diagnostic.message).toContain("-5");
    expect(diagnostic.message).toContain("10");
    expect(diagnostic.message).toContain("20");
  });

  it("points at the qualify line and at the tier", () => {
    const source = model("when a add 10", "qualify above 20", "tiers {", "  hot at least 20", "  cold otherwise", "}");
    const spans = lintDiagnostics(source).map((d) => source.slice(d.span.start, d.span.end));
    expect(spans).toEqual(["qualify above 20", "hot at least 20"]);
  });
});
