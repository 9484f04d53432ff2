// .json arrays and .jsonl / .ndjson files: one LeadInput per lead, in order, with its line; bad
// elements and lines are reported and reading goes on.

import { describe, expect, it } from "vitest";
import { InputError } from "../../src/io/input-error.js";
import { leadFileFormat, readLeads } from "../../src/io/read-leads.js";
import { collect, writeFiles } from "./files.js";

describe("reading a JSON array of leads", () => {
  it("yields each object with its starting line, and reports elements that are not leads", async () => {
    const { "leads.json": path } = writeFiles({
      "leads.json": '[\n  {"id": "L-1", "events": ["opened email"]},\n  42,\n  {"id": "L-2",\n   "x": tru},\n  {"id": "L-3"}\n]\n',
    });
    expect(await collect(readLeads(path))).toEqual([
      { kind: "lead", raw: { id: "L-1", events: ["opened email"] }, file: path, line: 2 },
      { kind: "malformed", file: path, line: 3, message: "expected a lead object ({...}), got 42" },
      { kind: "malformed", file: path, line: 4, message: "not valid JSON: Unexpected token '}'" },
      { kind: "lead", raw: { id: "L-3" }, file: path, line: 6 },
    ]);
  });

  it("reports a syntactically broken file with the line, after the leads before it", async () => {
    const { "leads.json": path } = writeFiles({ "leads.json": '[{"id": "L-1"},\n {"id": "L-2", "n": [1}]' });
    const inputs = await collect(readLeads(path));
    expect(inputs.map((input) => [input.kind, input.line])).toEqual([
      ["lead", 1],
      ["malformed", 2],
    ]);
  });

  it("names the line of a JSON error inside a lead", async () => {
    const { "leads.json": path } = writeFiles({ "leads.json": '[{"id": "L-1",\n  "n": 1,\n  "x" 2}]' });
    expect(await collect(readLeads(path))).toEqual([{ kind: "malformed", file: path, line: 1, message: expect.stringMatching(/^not valid JSON: .* on line 3$/) }]);
  });

  it("drops a byte-order mark", async () => {
    const { "leads.json": path } = writeFiles({ "leads.json": '\uFEFF[{"id": 1}]' });
    expect(await collect(readLeads(path))).toEqual([{ kind: "lead", raw: { id: 1 }, file: path, line: 1 }]);
  });
});

describe("reading JSON Lines", () => {
  it("skips blank lines, reports bad lines and reads on", async () => {
    const { "leads.jsonl": path } = writeFiles({ "leads.jsonl": '{"id": "L-1"}\r\n\r\n   \n{"id": \n["not", "a lead"]\n{"id": "L-2"}' });
    expect(await collect(readLeads(path))).toEqual([
      { kind: "lead", raw: { id: "L-1" }, file: path, line: 1 },
      { kind: "malformed", file: path, line: 4, message: expect.stringContaining("not valid JSON") },
      { kind: "malformed", file: path, line: 5, message: expect.stringContaining("expected a lead object") },
      { kind: "lead", raw: { id: "L-2" }, file: path, line: 6 },
    ]);
  });

  it("reads .ndjson the same way", async () => {
    const { "leads.ndjson": path } = writeFiles({ "leads.ndjson": '{"id": 1}\n{"id": 2}\n' });
    expect((await collect(readLeads(path))).map((input) => input.line)).toEqual([1, 2]);
  });
});

describe("choosing the reader", () => {
  it.each([
    ["a.csv", "csv"],
    ["A.CSV", "csv"],
    ["a.json", "json"],
    ["a.jsonl", "jsonl"],
    ["a.ndjson", "jsonl"],
  ])("%s is read as %s", (path, format) => {
    expect(leadFileFormat(path)).toBe(format);
  });

  it("refuses other extensions and missing files with an InputError", async () => {
    expect(() => leadFileFormat("leads.xlsx")).toThrow(InputError);
    await expect(collect(readLeads("/nonexistent/leads.csv"))).rejects.toThrow(/leads\.csv: no such file/);
  });
});
