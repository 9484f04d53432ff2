// Tiers whatever the scores: `otherwise` not last, a tier an earlier one covers, no `otherwise`.

import { describe, expect, it } from "vitest";
import { findings, lintDiagnostics, model, type Finding } from "./lint-findings.js";

// Every model scores -10..10, so the score range has nothing to say about these tiers.
const scoring = "when downloaded whitepaper add 10\nwhen competitor subtract 10";

const CASES: [description: string, tiers: string, expected: Finding[]][] = [
  ["a well-formed block", "hot at least 9; warm at least 5; cold otherwise", []],
  ["otherwise in the middle", "hot at least 9; cold otherwise; warm at least 5", [["LS5001", "error"], ["LS5002", "error"]]],
  ["otherwise first", "cold otherwise; hot at least 9", [["LS5001", "error"], ["LS5002", "error"]]],
  ["two otherwise", "hot at least 9; cold otherwise; other otherwise", [["LS5001", "error"], ["LS5002", "error"]]],
  ["at least 5 covers a later at least 9", "warm at least 5; hot at least 9; cold otherwise", [["LS5002", "error"]]],
  ["at least 5 covers a later above 5", "warm at least 5; hot above 5; cold otherwise", [["LS5002", "error"]]],
  ["at least 5 does not cover a later at least 4", "warm at least 5; mild at least 4; cold otherwise", []],
  ["above 5 covers a later above 7", "warm above 5; hot above 7; cold otherwise", [["LS5002", "error"]]],
  ["above 5 covers a later at least 6", "warm above 5; hot at least 6; cold otherwise", [["LS5002", "error"]]],
  ["above 5 does not cover a later at least 5", "warm above 5; edge at least 5; cold otherwise", []],
  ["above 5 covers a later above 5", "warm above 5; same above 5; cold otherwise", [["LS5002", "error"]]],
  ["the same threshold twice", "warm at least 5; also at least 5; cold otherwise", [["LS5002", "error"]]],
  ["decimals", "warm at least 2.5; hot at least 2.75; cold otherwise", [["LS5002", "error"]]],
  ["negative thresholds", "warm at least -5; hot at least -2; cold otherwise", [["LS5002", "error"]]],
  ["no otherwise", "hot at least 9; warm at least 5", [["LS5003", "warning"]]],
  ["no otherwise and a covered tier", "warm at least 5; hot at least 9", [["LS5002", "error"], ["LS5003", "warning"]]],
  ["only otherwise", "everyone otherwise", []],
];

describe("tiers", () => {
  it.each(CASES)("%s", (_, tiers, expected) => {
    expect(findings(model(scoring, `tiers { ${tiers.split("; ").join("\n")} }`))).toEqual(expected);
  });

  it.each(CASES)("tiers for a group: %s", (_, tiers, expected) => {
    const source = model(`group engagement { ${scoring} }`, `tiers for engagement {`, ...tiers.split("; "), "}");
    expect(findings(source)).toEqual(expected);
  });

  it("points at the tier that can never match", () => {
    const source = model(scoring, "tiers {", "  warm at least 5", "  hot at least 9", "  cold otherwise", "}");
    const [diagnostic] = lintDiagnostics(source);
    expect(source.slice(diagnostic.span.start, diagnostic.span.end)).toBe("hot at least 9");
    expect(diagnostic.message).toContain("warm at least 5");
  });

  it("points at the misplaced otherwise", () => {
    const source = model(scoring, "tiers {", "  cold otherwise", "  hot at least 9", "}");
    const otherwise = lintDiagnostics(source).find((d) => d.code === "LS5001")!;
    expect(source.slice(otherwise.span.start, otherwise.span.end)).toBe("cold otherwise");
  });

  it("does not ask for otherwise when the score range proves every score gets a tier", () => {
    expect(findings(model(scoring, "score at least 0", "tiers {", "  hot at least 9", "  cold at least 0", "}"))).toEqual([]);
  });

  it("still reports a misplaced otherwise in a file with a syntax error elsewhere", () => {
    const source = model("when downloaded whitepaper add", scoring, "tiers {", "  cold otherwise", "  hot at least 9", "}");
    expect(findings(source)).toEqual([
      ["LS5001", "error"],
      ["LS5002", "error"],
    ]);
  });
});
