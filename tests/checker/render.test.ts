// The terminal rendering and the JSON report of diagnostics, on hand-made diagnostics.

import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { jsonReport, renderDiagnostics, summarize } from "../../src/diagnostics/render.js";

function at(source: string, text: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  const start = source.indexOf(text);
  if (start < 0) throw new Error(`${text} not in source`);
  return { code: "LS2001", severity: "error", message: "There is no field named company_sise.", span: { start, end: start + text.length }, ...extra };
}

const SOURCE = "lead { company_size: number }\n\ngroup fit {\n  when company_sise >= 200 add 10\n}\n";

describe("renderDiagnostics", () => {
  it("renders the header, location, source line, carets and help", () => {
    const text = renderDiagnostics("rules.score", SOURCE, [at(SOURCE, "company_sise", { suggestions: ["company_size"] })], { color: false });
    expect(text).toBe(
      [
        "error[LS2001]: There is no field named company_sise.",
        " --> rules.score:4:8",
        "  |",
        "4 |   when company_sise >= 200 add 10",
        "  |        ^^^^^^^^^^^^",
        "  = help: did you mean company_size?",
        "",
      ].join("\n"),
    );
  });

  it("lists several suggestions", () => {
    const text = renderDiagnostics("f.score", SOURCE, [at(SOURCE, "company_sise", { suggestions: ["a", "b", "c"] })], { color: false });
    expect(text).toContain("= help: did you mean one of: a, b, c?");
  });

  it("omits help without suggestions and separates diagnostics by a blank line", () => {
    const text = renderDiagnostics("f.score", SOURCE, [at(SOURCE, "company_sise"), at(SOURCE, "group", { severity: "warning", code: "LS6002", message: "Again." })], { color: false });
    expect(text).not.toContain("help");
    expect(text).toContain("^^^^^^^^^^^^\n\nwarning[LS6002]: Again.\n");
  });

  it("widens the gutter for long line numbers", () => {
    const source = "\n".repeat(11) + "when x add 1\n";
    const text = renderDiagnostics("f.score", source, [at(source, "x")], { color: false });
    expect(text.split("\n").slice(1, 5)).toEqual(["  --> f.score:12:6", "   |", "12 | when x add 1", "   |      ^"]);
  });

  it("underlines the first line of a multi-line span to its end", () => {
    const start = SOURCE.indexOf("group");
    const text = renderDiagnostics("f.score", SOURCE, [{ code: "LS5003", severity: "warning", message: "m", span: { start, end: SOURCE.length - 1 } }], { color: false });
    expect(text).toContain("3 | group fit {\n  | ^^^^^^^^^^^\n");
  });

  it("shows one caret for an empty span, also at the end of a line", () => {
    const source = "when a add\nqualify above 5\n";
    const end = source.indexOf("\n");
    const text = renderDiagnostics("f.score", source, [{ code: "LS1003", severity: "error", message: "m", span: { start: end, end } }], { color: false });
    expect(text).toContain(" --> f.score:1:11\n  |\n1 | when a add\n  |           ^\n");
  });

  it("points after the last line for the end of the file", () => {
    const source = "tiers {\n  hot at least 5\n";
    const text = renderDiagnostics("f.score", source, [{ code: "LS1003", severity: "error", message: "m", span: { start: source.length, end: source.length } }], { color: false });
    expect(text).toContain(" --> f.score:2:17\n  |\n2 |   hot at least 5\n  |                 ^\n");
  });

  it("expands tabs and keeps the carets aligned", () => {
    const source = "group fit {\n\twhen x add 1\n}\n";
    const text = renderDiagnostics("f.score", source, [at(source, "x")], { color: false });
    expect(text).toContain("2 |     when x add 1\n  |          ^\n");
  });

  it("never writes control characters from the model to the terminal", () => {
    const source = 'when title is "\u001b[31mred" add 1\n';
    const text = renderDiagnostics("f.score", source, [at(source, "title", { message: "Bad \u001b[2J value.", suggestions: ["\u001b]0;x\u0007"] })], { color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("keeps the carets under a span after a character outside the basic plane", () => {
    const source = 'when title is "😀" and x add 1\n';
    const text = renderDiagnostics("f.score", source, [at(source, "x")], { color: false });
    const lines = text.split("\n");
    expect(lines[4].indexOf("^")).toBe([...lines[3]].indexOf("x"));
  });

  it("colours only when asked: red errors, yellow warnings, blue notes", () => {
    const diagnostics = [at(SOURCE, "company_sise"), at(SOURCE, "group", { severity: "warning" }), at(SOURCE, "lead", { severity: "info" })];
    const plain = renderDiagnostics("f.score", SOURCE, diagnostics, { color: false });
    const coloured = renderDiagnostics("f.score", SOURCE, diagnostics, { color: true });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[1m\u001b[31merror[LS2001]");
    expect(coloured).toContain("\u001b[1m\u001b[33mwarning[LS2001]");
    expect(coloured).toContain("\u001b[1m\u001b[34mnote[LS2001]");
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
  });

  it("renders nothing for no diagnostics", () => {
    expect(renderDiagnostics("f.score", SOURCE, [], { color: false })).toBe("");
  });
});

describe("summarize", () => {
  const d = (severity: Diagnostic["severity"]): Diagnostic => ({ code: "X", severity, message: "", span: { start: 0, end: 0 } });
  it.each([
    [[], "no problems"],
    [[d("error")], "1 error"],
    [[d("error"), d("error"), d("warning")], "2 errors, 1 warning"],
    [[d("info"), d("warning"), d("info")], "1 warning, 2 notes"],
  ] as [Diagnostic[], string][])("%j -> %s", (diagnostics, expected) => {
    expect(summarize(diagnostics)).toBe(expected);
    expect(summarize("rules.score", diagnostics)).toBe(`rules.score: ${expected}`);
  });
});

describe("jsonReport", () => {
  it("has the shape of SPEC 6, with 1-based lines and columns and an exclusive end column", () => {
    const report = jsonReport("rules.score", SOURCE, [at(SOURCE, "company_sise", { suggestions: ["company_size"] }), at(SOURCE, "group", { severity: "warning", code: "LS6002", message: "m" })], {
      min: -5,
      max: null,
    });
    expect(JSON.stringify(report)).toBe(
      JSON.stringify({
        file: "rules.score",
        diagnostics: [
          { severity: "error", code: "LS2001", message: "There is no field named company_sise.", line: 4, column: 8, endLine: 4, endColumn: 20, suggestions: ["company_size"] },
          { severity: "warning", code: "LS6002", message: "m", line: 3, column: 1, endLine: 3, endColumn: 6, suggestions: [] },
        ],
        scoreRange: { min: -5, max: null },
      }),
    );
  });

  it("gives the end line of a multi-line span", () => {
    const [diagnostic] = jsonReport("f", SOURCE, [{ code: "LS5003", severity: "warning", message: "m", span: { start: SOURCE.indexOf("group"), end: SOURCE.length - 1 } }], { min: 0, max: 0 }).diagnostics;
    expect([diagnostic.line, diagnostic.column, diagnostic.endLine, diagnostic.endColumn]).toEqual([3, 1, 5, 2]);
  });
});

describe("rendering any text", () => {
  it("never throws and keeps positions inside the file, whatever the spans", () => {
    const sources = ["", "\n", "when a add 1", "when a add 1\r\nqualify above 5\r\n", "\t\twhen 😀 add\n\n", SOURCE];
    for (const source of sources) {
      for (let start = 0; start <= source.length + 2; start++) {
        for (const length of [0, 1, 3, 100]) {
          const diagnostic: Diagnostic = { code: "LS1003", severity: "error", message: "m", span: { start, end: start + length } };
          expect(() => renderDiagnostics("f", source, [diagnostic], { color: true })).not.toThrow();
          const [json] = jsonReport("f", source, [diagnostic], { min: null, max: null }).diagnostics;
          const lineCount = source.split("\n").length;
          expect(json.line).toBeGreaterThanOrEqual(1);
          expect(json.endLine).toBeLessThanOrEqual(lineCount);
          expect(json.endLine > json.line || json.endColumn >= json.column).toBe(true);
        }
      }
    }
  });
});
