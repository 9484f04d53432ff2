// CSV output: id, score, qualified, tier, disqualified_by, then `<group>_score` and `<group>_tier`
// for each group, then error (and hits with explain). Quoting is csv-stringify's; what we add is
// protection against formula injection: spreadsheets run a cell that starts with = + - @ (or a tab
// or CR, which some of them skip before looking), so such text gets a leading apostrophe.
// Numbers are not text and are left alone: a score of -5 stays -5.

import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { isErrorRecord, type Hit, type LeadRecord } from "../ir/result.js";
import { OutputBuffer } from "./output-buffer.js";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

/** Rows are stringified in batches: one csv-stringify call per row would dominate the run time. */
const ROWS_PER_BATCH = 512;

type Cell = string | number | boolean | null | undefined;

const STRINGIFY_OPTIONS = { cast: { boolean: (value: boolean) => (value ? "true" : "false") } };

export function csvColumns(options: ResultWriterOptions = {}): string[] {
  const columns = ["id", "score", "qualified", "tier", "disqualified_by"];
  for (const group of options.groups ?? []) columns.push(`${group}_score`, `${group}_tier`);
  columns.push("error");
  if (options.explain) columns.push("hits");
  return columns;
}

export function createCsvWriter(out: Writable, options: ResultWriterOptions = {}): ResultWriter {
  const buffer = new OutputBuffer(out);
  const groups = options.groups ?? [];
  const explain = options.explain === true;
  let rows: Cell[][] = options.header === false ? [] : [csvColumns(options)];

  const flushRows = (): Promise<void> | undefined => {
    const text = stringify(rows, STRINGIFY_OPTIONS);
    rows = [];
    return buffer.push(text);
  };

  return {
    write(record) {
      rows.push(csvRow(record, groups, explain));
      return rows.length >= ROWS_PER_BATCH ? flushRows() : undefined;
    },
    async finish() {
      if (rows.length > 0) await flushRows();
      await buffer.finish();
    },
  };
}

/** The header row as csv text, for output assembled from parts written without it. */
export function csvHeaderText(options: ResultWriterOptions = {}): string {
  return stringify([csvColumns(options)], STRINGIFY_OPTIONS);
}

export function csvRow(record: LeadRecord, groups: readonly string[], explain: boolean): Cell[] {
  const row: Cell[] = [textCell(record.id)];
  if (isErrorRecord(record)) {
    row.push(null, null, null, null);
    for (let i = 0; i < groups.length; i++) row.push(null, null);
    row.push(textCell(record.error));
    if (explain) row.push(null);
    return row;
  }
  row.push(record.score, record.qualified, textCell(record.tier), record.disqualified_by);
  for (const group of groups) {
    const result = Object.hasOwn(record.groups, group) ? record.groups[group] : undefined;
    row.push(result?.score, textCell(result?.tier));
  }
  row.push(null);
  if (explain) row.push(textCell(formatHits(record.hits ?? [])));
  return row;
}

/** "line 17: +10; line 20: -20" */
export function formatHits(hits: readonly Hit[]): string {
  return hits.map((hit) => `line ${hit.line}: ${hit.points >= 0 ? "+" : ""}${hit.points}`).join("; ");
}

/** Text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function textCell(value: string | number | null | undefined): Cell {
  return typeof value === "string" ? neutralizeCell(value) : value;
}
