// The parser: every construct of SPEC section 2 reads into the AST, and broken text gives several
// plain-word errors in one pass while the rest of the file still parses.

import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import type { Condition, Rule } from "../../src/ast/nodes.js";

function onlyRule(source: string): Rule {
  const { ast, diagnostics } = parse(source);
  expect(diagnostics).toEqual([]);
  expect(ast.statements).toHaveLength(1);
  return ast.statements[0] as Rule;
}

function shape(condition: Condition): unknown {
  switch (condition.kind) {
    case "or":
    case "and":
      return [condition.kind, shape(condition.left), shape(condition.right)];
    case "not":
      return ["not", shape(condition.operand)];
    case "subject":
      return condition.subject.name;
    default:
      return condition.kind;
  }
}

describe("rules", () => {
  it("reads points, each, up to and decay", () => {
    const rule = onlyRule("when opened email add 2.5 each up to 10 decay 10% every 2 weeks");
    expect(rule).toMatchObject({ sign: 1, points: 2.5, each: true, upTo: 10, decay: { percent: 10, every: { amount: 2, unit: "week", days: 14 } } });
  });

  it.each([
    ["a or b and c", ["or", "a", ["and", "b", "c"]]],
    ["not a and b", ["and", ["not", "a"], "b"]],
    ["not (a or b)", ["not", ["or", "a", "b"]]],
    ["a and b or c and d", ["or", ["and", "a", "b"], ["and", "c", "d"]]],
    ["(a or b) and c", ["and", ["or", "a", "b"], "c"]],
  ])("precedence not > and > or: %s", (condition, expected) => {
    expect(shape(onlyRule(`when ${condition} add 1`).condition)).toEqual(expected);
  });

  it.each([
    ["x = 5", "compare"],
    ["x is not 5", "compare"],
    ["x between 1 and 2", "between"],
    ['x not in ["a", "b"]', "in"],
    ['x starts with "a"', "textMatch"],
    ["x before 2026-01-01", "dateCompare"],
    ["x is unknown", "known"],
    ["visited pricing page at least 3 times within 14 days", "subject"],
    ['"registered for webinar" within 2 months', "subject"],
  ])("reads %s", (condition, kind) => {
    expect(onlyRule(`when ${condition} add 1`).condition.kind).toBe(kind);
  });

  it("lets a list wrap over lines", () => {
    expect(onlyRule('when x in [\n  "a",\n  "b"\n] add 1').condition).toMatchObject({ kind: "in", values: [{ value: "a" }, { value: "b" }] });
  });

  it("unescapes strings", () => {
    expect(onlyRule('when x is "a \\"b\\" \\\\" add 1').condition).toMatchObject({ value: { value: 'a "b" \\' } });
  });
});

describe("statements", () => {
  it("splits statements on ; and newlines and keeps comments", () => {
    const { ast, diagnostics } = parse("# head\nwhen a add 1; when b subtract 2 # trailing\n\nqualify at least 3\nscore between -5 and 50");
    expect(diagnostics).toEqual([]);
    expect(ast.statements.map((s) => s.kind)).toEqual(["rule", "rule", "qualify", "scoreLimit"]);
    expect(ast.comments.map((c) => c.text)).toEqual(["# head", "# trailing"]);
  });

  it("reads tiers for a group and examples", () => {
    const { ast, diagnostics } = parse(
      'tiers for fit {\n  A above 20\n  B otherwise\n}\nexample "x" {\n  lead { title: "VP", tags: ["a", "b"] }\n  events { opened email 3 days ago, visited pricing page }\n  expect score 5, fit tier A, fit score 3, not qualified\n}',
    );
    expect(diagnostics).toEqual([]);
    expect(ast.statements[0]).toMatchObject({ kind: "tiers", group: { name: "fit" }, tiers: [{ name: "A", op: ">", threshold: 20 }, { name: "B", op: "otherwise" }] });
    expect(ast.statements[1]).toMatchObject({
      kind: "example",
      fields: [{ name: "title" }, { name: "tags", value: { kind: "list" } }],
      events: [{ event: { name: "opened email" }, daysAgo: { days: 3 } }, { event: { name: "visited pricing page" } }],
      expectations: [
        { kind: "score", value: 5 },
        { kind: "tier", group: "fit", name: "A" },
        { kind: "score", group: "fit", value: 3 },
        { kind: "qualified", value: false },
      ],
    });
  });
});

describe("syntax errors", () => {
  it("reports every error in one pass, in plain words, and keeps the good statements", () => {
    const source = "when x add\nwhen y >> 3 add 4\nwhen z add 2\nqualify above\ntiers {\n  hot at least\n  cold otherwise\n}\n";
    const { ast, diagnostics } = parse(source);
    expect(diagnostics.map((d) => [d.code, source.slice(0, d.span.start).split("\n").length])).toEqual([
      ["LS1003", 1],
      ["LS1003", 2],
      ["LS1003", 4],
      ["LS1003", 6],
    ]);
    expect(diagnostics[0].message).toBe("Expected a number of points after 'add', but found the end of the line.");
    // `y >> 3` recovers by dropping the extra `>`; `when x add` has no points and is dropped.
    expect(ast.statements.filter((s) => s.kind === "rule")).toHaveLength(2);
    expect(ast.statements.find((s) => s.kind === "tiers")).toMatchObject({ tiers: [{ name: "cold" }] });
  });

  it.each([
    ["when a add 1 each up", "LS1003"],
    ['when title is "vp add 1', "LS1002"],
    ["when a ~ 3 add 1", "LS1001"],
    ["lead {\n  size: integer\n}", "LS1004"],
  ])("%s -> %s", (source, code) => {
    expect(parse(source).diagnostics.map((d) => d.code)).toContain(code);
  });
});

describe("an unclosed parenthesis", () => {
  it("ends at the next line that starts a statement", () => {
    const { ast, diagnostics } = parse("when (a or b add 1\nwhen c add 2\n");
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(ast.statements.some((s) => s.kind === "rule" && s.points === 2)).toBe(true);
  });
});
