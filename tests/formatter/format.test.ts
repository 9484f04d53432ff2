// The formatter's API and its building blocks: format(), formatModel() on edited trees (the visual
// rule builder), formatStatement() for one node, number and text printing, and real example models
// that must already be canonical.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Condition, NameRef, Rule, Statement } from "../../src/ast/nodes.js";
import { parse } from "../../src/ast/parse.js";
import { format, formatCondition, formatModel, formatStatement } from "../../src/formatter/format.js";
import { formatNumber, formatString } from "../../src/formatter/print.js";

const repo = join(import.meta.dirname, "../..");

function statement(source: string, index = 0): Statement {
  const { ast, diagnostics } = parse(source);
  expect(diagnostics).toEqual([]);
  return ast.statements[index];
}

function name(text: string, quoted = false): NameRef {
  return { name: text, wordCount: text.split(" ").length, quoted, span: { start: 0, end: 0 } };
}

describe("format()", () => {
  it("returns the canonical text and whether it changed", () => {
    expect(format("when a   add 5")).toEqual({ text: "when a add 5\n", changed: true, diagnostics: [] });
    expect(format("when a add 5\n")).toEqual({ text: "when a add 5\n", changed: false, diagnostics: [] });
  });

  it("leaves a text with syntax errors untouched and returns the errors", () => {
    const source = "when a add\nwhen   b add 2\n";
    const result = format(source);
    expect(result.text).toBe(source);
    expect(result.changed).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code.startsWith("LS1") && d.severity === "error")).toBe(true);
  });

  it.each([
    ["an unterminated text", 'when title is "vp add 1'],
    ["an unknown character", "when a add 1 $"],
    ["an unknown escape", 'when title is "a\\n" add 1'],
    ["an unknown type", "lead { a: integer }"],
  ])("treats %s as a syntax error", (_, source) => {
    const result = format(source);
    expect(result.text).toBe(source);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("formats a model whose only problems are for the checker (unknown names, bad types)", () => {
    const result = format("lead { a: number }\nwhen   b add 1\nwhen a is   \"x\" add 1");
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe('lead {\n  a: number\n}\n\nwhen b add 1\nwhen a is "x" add 1\n');
  });

  it("turns an empty or blank file into an empty file", () => {
    expect(format("").text).toBe("");
    expect(format("\n \n\t\n").text).toBe("");
  });

  it("writes LF line ends whatever the input used", () => {
    expect(format("when a add 1\r\nwhen b add 2\r\n").text).toBe("when a add 1\nwhen b add 2\n");
  });
});

describe("formatNumber", () => {
  it.each([
    ["5.0", "5"],
    ["2.50", "2.5"],
    ["-3", "-3"],
    ["-3.50", "-3.5"],
    ["007", "7"],
    ["0", "0"],
    ["0.000", "0"],
    ["-0", "0"],
    ["-0.0", "0"],
    [".5", "0.5"],
    ["-.25", "-0.25"],
    ["100", "100"],
    ["10.01", "10.01"],
    ["12345678901234567890123", "12345678901234567890123"],
  ])("writes %s as %s", (raw, expected) => {
    expect(formatNumber(Number(raw), raw)).toBe(expected);
  });

  it.each([
    [1e21, "1000000000000000000000"],
    [-2.5e22, "-25000000000000000000000"],
    [1e-7, "0.0000001"],
    [1.25e-7, "0.000000125"],
    [2.5, "2.5"],
    [-0, "0"],
  ])("writes the value %d without exponent notation as %s", (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
    expect(Number(expected)).toBe(value === 0 ? 0 : value);
  });

  it("ignores a raw text that does not match the value (a node edited by the builder)", () => {
    expect(formatNumber(7, "5")).toBe("7");
  });
});

describe("formatString", () => {
  it("escapes quotes and backslashes, and nothing else", () => {
    expect(formatString('say "hi" \\ now\t#')).toBe('"say \\"hi\\" \\\\ now\t#"');
  });
});

describe("formatStatement", () => {
  it("formats one rule, indented", () => {
    expect(formatStatement(statement("when   a=5 add 5.0 # c"), 1)).toBe("  when a is 5 add 5");
  });

  it("formats a block statement on several lines, without comments", () => {
    const group = statement("group fit up to 50.0 decay 10% every 1 weeks { when a add 1 # c\n when b add 2 }");
    expect(formatStatement(group)).toBe("group fit up to 50 decay 10% every 1 week {\n  when a add 1\n  when b add 2\n}");
    expect(formatStatement(group, 1)).toBe("  group fit up to 50 decay 10% every 1 week {\n    when a add 1\n    when b add 2\n  }");
    expect(formatStatement(statement("tiers for fit {}"))).toBe("tiers for fit {}");
  });

  it.each([
    ["lead { a: number; b: \"x\"|\"y\" }", 'lead {\n  a: number\n  b: "x" | "y"\n}'],
    ['events { opened email; "signed up" }', 'events {\n  opened email\n  "signed up"\n}'],
    ["disqualify when (a or b)", "disqualify when a or b"],
    ["qualify at least 20.0", "qualify at least 20"],
    ["score between -1 and 5", "score between -1 and 5"],
    ["score up to 5", "score up to 5"],
    ["score at least 0", "score at least 0"],
    ['example "x" { expect fit tier A, not qualified; lead { a: [1, 2] } }', 'example "x" {\n  lead { a: [1, 2] }\n  expect fit tier A, not qualified\n}'],
  ])("formats %j", (source, expected) => {
    expect(formatStatement(statement(source))).toBe(expected);
  });

  it("formats a condition, a tier, a field and an event on their own", () => {
    const rule = statement("when not (a or b) and c = 1 add 1") as Rule;
    expect(formatStatement(rule.condition)).toBe("not (a or b) and c is 1");
    expect(formatCondition(rule.condition)).toBe("not (a or b) and c is 1");
    const tiers = statement("tiers { hot above 9.0; cold otherwise }");
    if (tiers.kind !== "tiers") throw new Error("expected tiers");
    expect(formatStatement(tiers.tiers[0], 1)).toBe("  hot above 9");
    expect(formatStatement(tiers.tiers[1])).toBe("cold otherwise");
    const lead = statement('lead { industry: "a" | "b" }');
    if (lead.kind !== "leadDecl") throw new Error("expected lead");
    expect(formatStatement(lead.fields[0])).toBe('industry: "a" | "b"');
    const events = statement('events { "registered for webinar" }');
    if (events.kind !== "eventsDecl") throw new Error("expected events");
    expect(formatStatement(events.events[0])).toBe('"registered for webinar"');
  });

  it("quotes names built without quotes that could not be read back (reserved words, odd characters)", () => {
    const span = { start: 0, end: 0 };
    const condition = (subject: NameRef): Condition => ({ kind: "subject", subject, span });
    expect(formatCondition(condition(name("registered for webinar")))).toBe('"registered for webinar"');
    expect(formatCondition(condition(name("clicked buy-button")))).toBe('"clicked buy-button"');
    expect(formatCondition(condition(name("opened email")))).toBe("opened email");
    expect(formatCondition(condition(name("opened email", true)))).toBe('"opened email"');
  });

  it("formats rules built from scratch (no raw texts, no source)", () => {
    const span = { start: 0, end: 0 };
    const rule: Rule = {
      kind: "rule",
      condition: {
        kind: "and",
        left: { kind: "or", left: { kind: "subject", subject: name("a"), span }, right: { kind: "subject", subject: name("b"), span }, span },
        right: { kind: "compare", field: name("size"), op: "!=", spelled: "symbol", value: { kind: "number", value: 1e21, raw: "", span }, span },
        span,
      },
      sign: -1,
      points: 2.5,
      pointsRaw: "",
      each: false,
      span,
    };
    expect(formatStatement(rule)).toBe("when (a or b) and size is not 1000000000000000000000 subtract 2.5");
  });
});

describe("formatModel on a tree edited by the rule builder", () => {
  const source = "# scoring\nwhen a add 1 # first\n\n# about b\nwhen b add 2\n";

  it("keeps comments beside an edited statement that kept its span", () => {
    const { ast } = parse(source);
    const first = ast.statements[0] as Rule;
    ast.statements[0] = { ...first, points: 10, pointsRaw: "10", sign: -1 };
    expect(formatModel(ast)).toBe("# scoring\nwhen a subtract 10 # first\n\n# about b\nwhen b add 2\n");
  });

  it("moves comments with reordered statements", () => {
    const { ast } = parse(source);
    ast.statements.reverse();
    expect(formatModel(ast)).toBe("# about b\nwhen b add 2\n# scoring\nwhen a add 1 # first\n");
  });

  it("places a new statement with an empty span at the end of the line it follows", () => {
    const { ast } = parse(source);
    const at = source.indexOf("\n\n# about b");
    const added = { ...(ast.statements[0] as Rule), points: 3, pointsRaw: "3", span: { start: at, end: at } };
    ast.statements.splice(1, 0, added);
    expect(formatModel(ast)).toBe("# scoring\nwhen a add 1 # first\nwhen a add 3\n\n# about b\nwhen b add 2\n");
  });

  it("keeps every comment when a statement is deleted", () => {
    const { ast } = parse(source);
    ast.statements.splice(1, 1);
    expect(formatModel(ast)).toBe("# scoring\nwhen a add 1 # first\n\n# about b\n");
  });
});

describe("real example models are canonical", () => {
  const files: string[] = [];
  for (const dir of ["examples", "docs"]) {
    const full = join(repo, dir);
    if (existsSync(full)) for (const file of readdirSync(full, { recursive: true }) as string[]) if (file.endsWith(".score")) files.push(join(dir, file));
  }
  files.push("tests/fixtures/format/spec-full-model/expected.score");

  it.each(files)("%s formats to itself", (file) => {
    const text = readFileSync(join(repo, file), "utf8");
    const result = format(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(text);
  });
});
