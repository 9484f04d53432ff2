// The result writers: jsonl, csv (columns, groups, formula neutralisation, hits) and table, and
// back-pressure on a slow output.

import { Writable } from "node:stream";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LeadRecord, ScoreResult } from "../../src/ir/result.js";
import { csvColumns, csvLine, neutralizeCell, type Cell } from "../../src/io/write-csv.js";
import { createResultWriter, type ResultFormat, type ResultWriterOptions } from "../../src/io/write-results.js";
import { fuzzRuns } from "../support/fuzz-budget.js";

/** A Writable that keeps what it is given; `delay` makes it slow, so back-pressure kicks in. */
class Sink extends Writable {
  text = "";
  constructor(private readonly delay = false) {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    if (this.delay) setTimeout(done, 1);
    else done();
  }
}

async function render(format: ResultFormat, records: LeadRecord[], options: ResultWriterOptions = {}, sink = new Sink()): Promise<string> {
  const writer = createResultWriter(format, sink, options);
  for (const record of records) {
    const wait = writer.write(record);
    if (wait) await wait;
  }
  await writer.finish();
  return sink.text;
}

const hot: ScoreResult = {
  id: "L-1",
  score: 41,
  qualified: true,
  tier: "hot",
  groups: { fit: { score: 26, tier: "B" }, engagement: { score: 15, tier: null } },
  hits: [
    { line: 17, group: "fit", points: 10, rule: "when company_size >= 200 add 10" },
    { line: 20, group: null, points: -2.5, rule: "when competitor subtract 2.5" },
  ],
};
const gated: ScoreResult = { id: 7, score: -5, qualified: false, tier: "cold", groups: { fit: { score: 0, tier: "C" }, engagement: { score: 0, tier: null } }, disqualified_by: 23, hits: [] };
const invalid: LeadRecord = { id: "L-3", error: 'leads.csv:4: company_size: expected a number, got "abc"' };
const groups = ["fit", "engagement"];

describe("jsonl writer", () => {
  it("writes one JSON object per line, keys in the order given, hits only with explain", async () => {
    const plain = await render("jsonl", [hot, invalid]);
    const lines = plain.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(["id", "score", "qualified", "tier", "groups"]);
    expect(JSON.parse(lines[1])).toEqual(invalid);
    expect(JSON.parse((await render("jsonl", [hot], { explain: true })).trim())).toEqual(hot);
  });
});

describe("csv writer", () => {
  it("has a column per group score and tier, and error last", async () => {
    expect(csvColumns({ groups })).toEqual(["id", "score", "qualified", "tier", "disqualified_by", "fit_score", "fit_tier", "engagement_score", "engagement_tier", "error"]);
    const rows = parseCsv(await render("csv", [hot, gated, invalid], { groups })) as string[][];
    expect(rows).toEqual([
      csvColumns({ groups }),
      ["L-1", "41", "true", "hot", "", "26", "B", "15", "", ""],
      ["7", "-5", "false", "cold", "23", "0", "C", "0", "", ""],
      ["L-3", "", "", "", "", "", "", "", "", 'leads.csv:4: company_size: expected a number, got "abc"'],
    ]);
  });

  it("adds a hits column with explain", async () => {
    const rows = parseCsv(await render("csv", [hot, gated], { groups: [], explain: true })) as string[][];
    expect(rows.map((row) => row.at(-1))).toEqual(["hits", "line 17: +10; line 20: -2.5", ""]);
  });

  it("neutralises text cells that a spreadsheet would run as a formula, but not numbers", async () => {
    const evil: ScoreResult = { id: "=HYPERLINK(\"x\")", score: -3, qualified: null, tier: "+tier", groups: { fit: { score: -1, tier: "@B" } }, disqualified_by: undefined };
    const rows = parseCsv(await render("csv", [evil, { id: "-1", error: "-oops" }], { groups: ["fit"] })) as string[][];
    expect(rows[1]).toEqual(["'=HYPERLINK(\"x\")", "-3", "", "'+tier", "", "-1", "'@B", ""]);
    expect(rows[2]).toEqual(["'-1", "", "", "", "", "", "", "'-oops"]);
    expect(["=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", " =1"].map(neutralizeCell)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "a=1", " =1"]);
  });
});

describe("csv rows", () => {
  // Text drawn mostly from the characters that matter to CSV quoting, so they meet often.
  const awkwardText = fc.string({ unit: fc.constantFrom(",", '"', "\n", "\r", " ", "'", "=", "a", "é", "\t", "\u2028") });
  const cell: fc.Arbitrary<Cell> = fc.oneof(awkwardText, fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));

  it("are written as csv-stringify writes them, and read back by csv-parse", () => {
    const options = { cast: { boolean: (value: boolean) => (value ? "true" : "false") } };
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        const line = csvLine(cells);
        expect(line).toBe(stringify([cells], options));
        const [row] = parseCsv(line, { relax_column_count: true }) as string[][];
        expect(row).toEqual(cells.map((value) => (value === null || value === undefined ? "" : String(value))));
      }),
      { numRuns: fuzzRuns(2000), seed: 20261123 },
    );
  });
});

describe("table writer", () => {
  it("aligns columns, shows errors in place, and lists hits under each lead with explain", async () => {
    const text = await render("table", [hot, gated, invalid], { groups, explain: true });
    expect(text).toBe(
      [
        "id   score  qualified  tier  fit  fit tier  engagement  gate",
        "---  -----  ---------  ----  ---  --------  ----------  -------",
        "L-1     41  yes        hot    26  B                 15",
        "    line 17   fit     +10  when company_size >= 200 add 10",
        "    line 20   -      -2.5  when competitor subtract 2.5",
        "7       -5  no         cold    0  C                  0  line 23",
        'L-3  error: leads.csv:4: company_size: expected a number, got "abc"',
        "",
      ].join("\n"),
    );
  });

  it("leaves out qualified and tier columns when the model has neither", async () => {
    const bare: ScoreResult = { id: 1, score: 5, qualified: null, tier: null, groups: {} };
    expect(await render("table", [bare])).toBe("id  score  gate\n--  -----  ----\n1       5\n");
  });

  it("keeps streaming after the first rows have set the widths", async () => {
    const records = Array.from({ length: 250 }, (_, i): ScoreResult => ({ id: `L-${i}`, score: i, qualified: null, tier: null, groups: {} }));
    const lines = (await render("table", records)).trimEnd().split("\n");
    expect(lines).toHaveLength(252);
    expect(lines[251]).toBe("L-249    249");
  });
});

describe("back-pressure", () => {
  it.each(["jsonl", "csv", "table"] as const)("%s waits for a slow output and loses nothing", async (format) => {
    const records = Array.from({ length: 10000 }, (_, i): ScoreResult => ({ id: `L-${i}`, score: i, qualified: i % 2 === 0, tier: "warm", groups: {} }));
    const sink = new Sink(true);
    let waits = 0;
    const writer = createResultWriter(format, sink, {});
    for (const record of records) {
      const wait = writer.write(record);
      if (wait) {
        waits++;
        expect(sink.writableLength).toBeGreaterThan(0);
        await wait;
      }
    }
    await writer.finish();
    expect(waits).toBeGreaterThan(0);
    expect(sink.text).toContain("L-9999");
    expect(sink.text.indexOf("L-5000")).toBeGreaterThan(sink.text.indexOf("L-4999"));
  });
});

describe("a failing output", () => {
  it("rejects instead of waiting for a 'drain' that never comes", async () => {
    const sink = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, done) {
        setTimeout(() => done(new Error("EPIPE")), 1);
      },
    });
    sink.on("error", () => {});
    const writer = createResultWriter("jsonl", sink, {});
    const record: ScoreResult = { id: "L-1", score: 1, qualified: null, tier: null, groups: {} };
    const writeAll = async () => {
      for (let i = 0; i < 100_000; i++) {
        const wait = writer.write({ ...record, id: `L-${i}` });
        if (wait) await wait;
      }
      await writer.finish();
    };
    await expect(writeAll()).rejects.toThrow();
  });
});
