// The byte-level record scanner of the parallel scorer's planning pass: on well-formed CSV it must
// find exactly the records CsvTokenizer finds (start offsets, lines, widths, the chosen column, blank
// rows, a second column when asked, each record's bytes), whatever the block size; on malformed
// quoting it must refuse rather than guess.

import { open } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { IrregularCsv, scanCsvRecords, secondText, valueText, type ScanOptions } from "../../src/io/csv-record-scanner.js";
import { CsvTokenizer, type CsvRow } from "../../src/io/csv-tokenizer.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { writeFiles } from "./files.js";

interface Scanned {
  header: string[];
  /** One entry per record after the header: [start, line, width, column text, blank]. */
  records: [number, number, number, string, boolean][];
  /** Per record after the header: the second column's text, and the record's bytes as text. */
  seconds: string[];
  spans: string[];
}

async function scan(path: string, column: (header: string[]) => number | [number, number], blockBytes?: number, section?: ScanOptions["section"]): Promise<Scanned & { nextLine: number }> {
  const file = await open(path, "r");
  const result: Scanned & { nextLine: number } = { header: section?.header ?? [], records: [], seconds: [], spans: [], nextLine: 0 };
  let first = section?.header === undefined;
  try {
    for await (const batch of scanCsvRecords(file, { column: (header) => ((result.header = header), column(header)), blockBytes, section })) {
      result.nextLine = batch.nextLine;
      for (let r = 0; r < batch.count; r++) {
        if (first) {
          first = false;
          continue;
        }
        result.records.push([batch.starts[r], batch.lines[r], batch.widths[r], valueText(batch, r), batch.blanks[r] === 1]);
        result.seconds.push(secondText(batch, r));
        result.spans.push(batch.buffer.toString("utf8", batch.starts[r] - batch.base, batch.ends[r] - batch.base));
      }
    }
  } finally {
    await file.close();
  }
  return result;
}

function tokenize(text: string, firstLine = 1): CsvRow[] {
  const tokenizer = new CsvTokenizer(undefined, undefined, firstLine);
  const rows: CsvRow[] = [];
  tokenizer.push(text, rows);
  tokenizer.finish(rows);
  return rows;
}

/** What the tokenizer says about the same records, in the scanner's terms. */
function expected(text: string, column: number): Scanned {
  const rows = tokenize(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const fieldsOf = (row: CsvRow) => (row.kind === "row" ? row.fields : []);
  return {
    header: fieldsOf(rows[0]),
    records: rows.slice(1).map((row) => {
      const fields = fieldsOf(row);
      return [-1, row.line, fields.length, fields[column] ?? "", fields.length === 1 && fields[0].trim() === ""];
    }),
    seconds: [],
    spans: [],
  };
}

/** The second column's text of each record after the header, as the tokenizer reads it. */
function expectedSeconds(text: string, column: number): string[] {
  const rows = tokenize(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return rows.slice(1).map((row) => (row.kind === "row" ? (row.fields[column] ?? "") : ""));
}

const FIELDS = ["a", "", " ", "x y", "L-1", " L-2 ", "é", "naïve café", '"q"', '"a,b"', '"l1\nl2"', '"l1\r\nl2"', '"e""s"', '""', 'un"quoted', '"\u00a0"'];
const LINE_ENDS = ["\n", "\r\n", "\r"];

function randomCsv(rng: Rng): string {
  const width = rng.int(1, 4);
  const lines: string[] = [];
  const header = Array.from({ length: width }, (_, i) => `c${i}`);
  lines.push(header.join(","));
  for (let i = rng.int(0, 30); i > 0; i--) {
    const kind = rng.int(0, 9);
    if (kind === 0) lines.push(""); // blank line
    else if (kind === 1) lines.push("   "); // a line of spaces
    else {
      const w = kind === 2 ? rng.int(1, width + 2) : width;
      lines.push(Array.from({ length: w }, () => rng.pick(FIELDS)).join(","));
    }
  }
  let text = lines.map((line) => line + rng.pick(LINE_ENDS)).join("");
  if (rng.int(0, 2) === 0) text = text.replace(/(\r\n|\r|\n)$/, "");
  if (rng.int(0, 5) === 0) text = "\ufeff" + text;
  return text;
}

describe("scanCsvRecords", () => {
  it("finds the tokenizer's records, lines, widths and column values on generated CSV, at any block size", async () => {
    const runs = fuzzRuns(150);
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const text = randomCsv(rng);
      const column = rng.int(-1, 2);
      const second = rng.chance(0.5) ? (column + 1 + rng.int(0, 1)) % 3 : -1; // another column, or none
      const { "f.csv": path } = writeFiles({ "f.csv": text });
      const want = expected(text, column);
      for (const blockBytes of [64, 97, 1 << 20]) {
        const got = await scan(path, () => (second < 0 ? column : [column, second]), blockBytes).catch((error: Error) => {
          throw new Error(`seed ${seed}, block ${blockBytes}, ${JSON.stringify(text)}: ${error.message}`);
        });
        expect(got.header, `seed ${seed}, block ${blockBytes}`).toEqual(want.header);
        expect(got.records.map(([, ...rest]) => rest), `seed ${seed}, block ${blockBytes}`).toEqual(want.records.map(([, ...rest]) => rest));
        if (second >= 0) expect(got.seconds, `seed ${seed}, block ${blockBytes}`).toEqual(expectedSeconds(text, second));
        // Each record's bytes are the record alone, with its line end unless the file ends there.
        got.spans.forEach((span, i) => {
          const rows = tokenize(span, got.records[i][1]);
          expect(rows.length === 1 && rows[0].kind === "row" && rows[0].fields.length, `seed ${seed}, record ${i}`).toBe(got.records[i][2]);
          expect(/[\r\n]$/.test(span) || i === got.spans.length - 1, `seed ${seed}, record ${i}`).toBe(true);
        });
        // Each start offset is where the tokenizer, started there, reads that very record.
        const bytes = Buffer.from(text);
        for (const [start, line, width] of got.records) {
          const first = tokenize(bytes.subarray(start).toString("utf8"), line)[0];
          expect(first.kind === "row" && [first.line, first.fields.length]).toEqual([line, width]);
        }
      }
    }
  });

  it("scans a section as the whole file's records from there (lines counted from its start)", async () => {
    for (let seed = 1; seed <= fuzzRuns(150); seed++) {
      const rng = createRng(seed);
      const text = randomCsv(rng);
      const { "f.csv": path } = writeFiles({ "f.csv": text });
      const whole = await scan(path, () => 0);
      if (whole.records.length === 0) continue;
      const cut = rng.int(0, whole.records.length - 1); // the section starts at this record
      const [at, line] = whole.records[cut];
      const size = Buffer.byteLength(text);
      const blockBytes = rng.pick([64, 1 << 20]);
      const head = await scan(path, () => 0, blockBytes, { start: 0, end: at });
      expect(head.records, `seed ${seed}`).toEqual(whole.records.slice(0, cut));
      expect(head.nextLine, `seed ${seed}`).toBe(line);
      const rest = await scan(path, () => 0, blockBytes, { start: at, end: size, header: whole.header });
      expect(rest.records, `seed ${seed}`).toEqual(whole.records.slice(cut).map(([start, l, ...more]) => [start, l - line + 1, ...more]));
      expect(rest.nextLine + line - 1, `seed ${seed}`).toBe(whole.nextLine);
    }
  });

  it("reads quoted ids with escapes and multi-byte characters", async () => {
    const { "f.csv": path } = writeFiles({ "f.csv": 'name,id\n"Acme, Inc.","L-""1"""\nZoë,"L-2\n(2)"\n' });
    const got = await scan(path, (header) => header.indexOf("id"));
    expect(got.records.map(([, line, width, value]) => [line, width, value])).toEqual([
      [2, 2, 'L-"1"'],
      [3, 2, "L-2\n(2)"],
    ]);
  });

  it.each([
    ["text after a closing quote", 'a,b\n"x"y,1\n'],
    ["a quote never closed", 'a,b\n1,"open\n2,3\n'],
  ])("refuses a file with %s (the sequential reader reports it)", async (_, text) => {
    const { "f.csv": path } = writeFiles({ "f.csv": text });
    await expect(scan(path, () => 0)).rejects.toBeInstanceOf(IrregularCsv);
  });

  it("refuses a record longer than its block", async () => {
    const { "f.csv": path } = writeFiles({ "f.csv": `a\n"${"x".repeat(200)}"\n` });
    await expect(scan(path, () => 0, 64)).rejects.toBeInstanceOf(IrregularCsv);
    expect((await scan(path, () => 0, 1024)).records).toHaveLength(1);
  });
});
