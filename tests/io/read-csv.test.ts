// CSV lead files: records keyed by the trimmed header, BOM, line numbers, malformed rows reported
// while later rows still come through.

import { describe, expect, it } from "vitest";
import { readLeads } from "../../src/io/read-leads.js";
import { CsvHeader } from "../../src/io/read-csv.js";
import { collect, writeFiles } from "./files.js";

async function read(text: string) {
  const { "leads.csv": path } = writeFiles({ "leads.csv": text });
  return { path, inputs: await collect(readLeads(path)) };
}

describe("reading CSV leads", () => {
  it("keys each row by the trimmed header names and keeps values as text", async () => {
    const { path, inputs } = await read(" id , company_size ,competitor\nL-1, 500 ,yes\n");
    expect(inputs).toEqual([{ kind: "lead", raw: { id: "L-1", company_size: " 500 ", competitor: "yes" }, file: path, line: 2 }]);
  });

  it("drops a byte-order mark and reads CRLF files", async () => {
    const { inputs } = await read("\uFEFFid,title\r\nL-1,VP\r\nL-2,CEO\r\n");
    expect(inputs.map((input) => (input.kind === "lead" ? input.raw : input))).toEqual([
      { id: "L-1", title: "VP" },
      { id: "L-2", title: "CEO" },
    ]);
  });

  it("gives the line each record starts on, counting blank lines and line breaks in quotes", async () => {
    const { inputs } = await read('id,note\nL-1,"a\nb"\n\nL-2,"x, ""y"""\nL-3,\n');
    expect(inputs.map((input) => [input.line, input.kind === "lead" ? input.raw.note : undefined])).toEqual([
      [2, "a\nb"],
      [5, 'x, "y"'],
      [6, ""],
    ]);
  });

  it("reports rows with the wrong number of fields and reads on", async () => {
    const { path, inputs } = await read("id,title\nL-1,VP\nL-2,VP,extra\nL-3\nL-4,CEO\n");
    expect(inputs).toEqual([
      { kind: "lead", raw: { id: "L-1", title: "VP" }, file: path, line: 2 },
      { kind: "malformed", file: path, line: 3, message: "expected 2 fields as in the header, got 3" },
      { kind: "malformed", file: path, line: 4, message: "expected 2 fields as in the header, got 1" },
      { kind: "lead", raw: { id: "L-4", title: "CEO" }, file: path, line: 5 },
    ]);
  });

  it("reports an unclosed quote on the line its record starts, and reads on from the next line", async () => {
    const { inputs } = await read('id,title\nL-1,"VP\nL-2,CEO\nL-3,CTO\n');
    expect(inputs.map((input) => [input.kind, input.line])).toEqual([
      ["malformed", 2],
      ["lead", 3],
      ["lead", 4],
    ]);
  });

  it("reports text after a closing quote once and reads on from the next line", async () => {
    const { inputs } = await read('id,title\nL-1,"a"b"c"\nL-2,CEO\n');
    expect(inputs.map((input) => [input.kind, input.line])).toEqual([
      ["malformed", 2],
      ["lead", 3],
    ]);
  });

  it("skips lines of spaces, and a file with only a header has no leads", async () => {
    expect((await read("id,title\n   \nL-1,VP\n")).inputs.map((input) => input.line)).toEqual([3]);
    expect((await read("id,title\n")).inputs).toEqual([]);
    expect((await read("")).inputs).toEqual([]);
  });

  it("treats a column named __proto__ as an ordinary field", async () => {
    const { inputs } = await read("id,__proto__\nL-1,x\n");
    const raw = inputs[0].kind === "lead" ? inputs[0].raw : {};
    expect(Object.hasOwn(raw, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
  });

  it("reports a broken header row and stops", async () => {
    const { inputs } = await read('id,"title\nL-1,VP\n');
    expect(inputs).toEqual([{ kind: "malformed", file: expect.any(String), line: 1, message: expect.stringContaining("header") }]);
  });

  it("keeps a character whose bytes are split between two chunks", async () => {
    // The reader takes 32 KB at a time: put the two bytes of "é" on either side of that boundary.
    const header = "id,name\n";
    const filler = "x".repeat(32 * 1024 - header.length - 3);
    const { inputs } = await read(`${header}1,${filler}é\n2,ü\n`);
    expect(inputs.map((input) => (input.kind === "lead" ? String(input.raw.name).slice(-1) : input))).toEqual(["é", "ü"]);
  });

  it("streams a file bigger than one chunk in order", async () => {
    const lines = ["id,n"];
    for (let i = 1; i <= 20000; i++) lines.push(`L-${i},"${i}, ${i}"`);
    const { inputs } = await read(lines.join("\n"));
    expect(inputs).toHaveLength(20000);
    expect(inputs.every((input, i) => input.kind === "lead" && input.raw.id === `L-${i + 1}` && input.line === i + 2)).toBe(true);
  });
});

/**
 * The record built by assigning the fields to `{}` one by one, in column order (how toRecord used
 * to build it): a "__proto__" column is defined, since assigning it would set the prototype.
 */
function assignedRecord(names: string[], fields: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  names.forEach((name, i) => {
    if (name === "__proto__") Object.defineProperty(record, name, { value: fields[i], enumerable: true, writable: true, configurable: true });
    else record[name] = fields[i];
  });
  return record;
}

describe("CsvHeader.toRecord", () => {
  const headers: string[][] = [
    ["id", "title", "company_size"],
    ["id", "a", "a", "b", "a"], // the last of duplicate names wins, at the first one's place
    ["__proto__", "id", "constructor", "toString"],
    ["2", "1", "id", "10"], // integer-like names come first, in numeric order, either way
    ["", " spaced name ", 'quote"d', "back\\slash", "new\nline", "ünïcode", "${x}", "f[0]"],
    Array.from({ length: 40 }, (_, i) => `column_${i}`),
  ];

  it.each(headers.map((names) => [names.join("|").slice(0, 40), names]))("builds what assigning the fields one by one builds (%s)", (_, names) => {
    const header = new CsvHeader(names);
    const fields = names.map((_, i) => `value ${i}`);
    const built = header.toRecord(fields);
    const assigned = assignedRecord(header.names, fields);
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(Object.keys(built)).toEqual(Object.keys(assigned));
    for (const key of Object.keys(assigned)) {
      expect(Object.getOwnPropertyDescriptor(built, key), key).toEqual(Object.getOwnPropertyDescriptor(assigned, key));
    }
  });

  it("keeps a __proto__ column as a field, not as the record's prototype", () => {
    const record = new CsvHeader(["id", "__proto__"]).toRecord(["L-1", "x"]);
    expect(Object.hasOwn(record, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});
