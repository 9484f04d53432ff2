// The CSV tokenizer: fields, quoting, line ends, line numbers, malformed rows and recovery, and the
// same result however the text is cut into chunks. Checked against csv-parse on well-formed CSV.

import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, type CsvRow } from "../../src/io/csv-tokenizer.js";
import { chunksOf } from "./files.js";

function tokenize(chunks: readonly string[], maxRecordChars?: number): CsvRow[] {
  const tokenizer = new CsvTokenizer(maxRecordChars);
  const out: CsvRow[] = [];
  for (const chunk of chunks) tokenizer.push(chunk, out);
  tokenizer.finish(out);
  return out;
}

const rows = (text: string) => tokenize([text]);
const row = (line: number, ...fields: string[]): CsvRow => ({ kind: "row", fields, line });

describe("CsvTokenizer", () => {
  it.each([
    ["plain fields", "a,b,c\n1,2,3\n", [row(1, "a", "b", "c"), row(2, "1", "2", "3")]],
    ["no final line end", "a,b\n1,2", [row(1, "a", "b"), row(2, "1", "2")]],
    ["empty fields", "a,b,c\n,,\n1,,3\n", [row(1, "a", "b", "c"), row(2, "", "", ""), row(3, "1", "", "3")]],
    ["quoted comma", 'a,b\n"Acme, Inc.",2\n', [row(1, "a", "b"), row(2, "Acme, Inc.", "2")]],
    ["escaped quote", 'a\n"say ""hi"""\n', [row(1, "a"), row(2, 'say "hi"')]],
    ["empty quoted field", 'a,b\n"",""\n', [row(1, "a", "b"), row(2, "", "")]],
    ["newline in quotes", 'a,b\n"two\nlines",x\nnext,y\n', [row(1, "a", "b"), row(2, "two\nlines", "x"), row(4, "next", "y")]],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n", [row(1, "a", "b"), row(2, "1", "2"), row(3, "3", "4")]],
    ["CRLF in quotes counts one line", 'a,b\r\n"x\r\ny",1\r\n2,3\r\n', [row(1, "a", "b"), row(2, "x\r\ny", "1"), row(4, "2", "3")]],
    ["lone CR line ends", "a,b\r1,2\r3,4", [row(1, "a", "b"), row(2, "1", "2"), row(3, "3", "4")]],
    ["blank lines are skipped but counted", "a\n\n1\r\n\r\n2\n", [row(1, "a"), row(3, "1"), row(5, "2")]],
    ["a quote inside an unquoted field is a character", 'a,b\n5" screen,x\n', [row(1, "a", "b"), row(2, '5" screen', "x")]],
    ["spaces are kept", "a,b\n  x , y \n", [row(1, "a", "b"), row(2, "  x ", " y ")]],
  ])("%s", (_name, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it("reports a quote that is never closed at the line the record starts, then reads on from the next line", () => {
    const out = rows('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(out).toEqual([
      row(1, "a", "b"),
      row(2, "1", "2"),
      { kind: "error", line: 3, message: expect.stringContaining("never closed") },
      row(4, "4", "5"),
      row(5, "6", "7"),
    ]);
  });

  it("reports text after a closing quote and reads on from the next line", () => {
    const out = rows('a,b\n"x"y,1\n2,3\n');
    expect(out).toEqual([row(1, "a", "b"), { kind: "error", line: 2, message: expect.stringContaining('"y"') }, row(3, "2", "3")]);
  });

  it("names the line of the bad quote inside a multi-line record", () => {
    const out = rows('a,b\n"one\ntwo"x,1\n2,3\n');
    expect(out[1]).toEqual({ kind: "error", line: 2, message: expect.stringContaining("line 3") });
    expect(out[2]).toEqual(row(4, "2", "3"));
  });

  it("gives up on a quoted field longer than the limit, and resumes after the quote's line", () => {
    const long = "x".repeat(50);
    const out = tokenize(chunksOf(`a,b\n1,"${long}\n${long}\n2,3\n`, [7]), 40);
    expect(out[1]).toEqual({ kind: "error", line: 2, message: expect.stringContaining("within 40 characters") });
    expect(out.slice(2)).toEqual([row(3, long), row(4, "2", "3")]);
  });

  it("keeps only the columns named from the header, leaving the others blank", () => {
    const tokenizer = new CsvTokenizer(undefined, (header) => [header.indexOf("id")]);
    const out: CsvRow[] = [];
    tokenizer.push('name,id\n"Acme, Inc.",L-1\nx,"L-2"\ny\n', out);
    tokenizer.finish(out);
    expect(out).toEqual([row(1, "name", "id"), row(2, "", "L-1"), row(3, "", "L-2"), row(4, "")]);
  });

  it("gives the same rows however the text is cut into chunks", () => {
    const text = 'id,name,note\r\n1,"Acme, Inc.","two\r\nlines"\r\n\r\n2,x"y,\r\n3,"a""b",\r\n4,"bad"x,1\r\n5,"unclosed\r\n6,ok,\r';
    const whole = rows(text);
    for (const size of [1, 2, 3, 5, 8, 13]) expect(tokenize(chunksOf(text, [size]))).toEqual(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 8, 9]);
  });
});

// Well-formed CSV from arbitrary field text: fields that need it are quoted, some others too.
const fieldArb = fc.tuple(fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", "x") }), fc.boolean());
const csvArb = fc
  .record({
    records: fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
    lineEnd: fc.constantFrom("\n", "\r\n"),
    finalLineEnd: fc.boolean(),
    cuts: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
  })
  // A record of one empty unquoted field is a blank line, which no reader returns as a record.
  .filter(({ records }) => records.every((fields) => !(fields.length === 1 && fields[0][0] === "" && !fields[0][1])));

function encodeField([text, forceQuotes]: [string, boolean]): string {
  return forceQuotes || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

describe("CsvTokenizer on generated CSV", () => {
  it("agrees with csv-parse, counts lines exactly, and ignores chunk boundaries", () => {
    fc.assert(
      fc.property(csvArb, ({ records, lineEnd, finalLineEnd, cuts }) => {
        const lines = records.map((fields) => fields.map(encodeField).join(","));
        const text = lines.join(lineEnd) + (finalLineEnd ? lineEnd : "");
        const out = tokenize(chunksOf(text, cuts));

        const expected = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
        expect(out.map((r) => (r.kind === "row" ? r.fields : r))).toEqual(expected);

        let line = 1;
        const starts = lines.map((encoded) => {
          const start = line;
          line += lineBreaks(encoded) + 1;
          return start;
        });
        expect(out.map((r) => r.line)).toEqual(starts);
      }),
      { numRuns: 400 },
    );
  });
});
