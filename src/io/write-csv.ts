// CSV output: id, score, qualified, tier, disqualified_by, then `<group>_score` and `<group>_tier`
// for each group, then error (and hits with explain). Quoting follows csv-stringify's defaults (a
// cell with a comma, a quote or a line break is quoted, quotes doubled); the tests check that it
// gives csv-stringify's text, but rows are written here: csv-stringify took ~1.5 s of a 9.5 s run
// over 1M leads, this ~0.2 s. What we add is protection against formula injection: spreadsheets
// run a cell that starts with = + - @ (or a tab or CR, which some of them skip before looking), so
// such text gets a leading apostrophe. Numbers are not text and are left alone: -5 stays -5.

import type { Writable } from "node:stream";
import { isErrorRecord, type Hit, type LeadRecord } from "../ir/result.js";
import { OutputBuffer } from "./output-buffer.js";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

export type Cell = string | number | boolean | null | undefined;

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
  if (options.header !== false) buffer.push(csvHeaderText(options));
  return {
    write(record) {
      return buffer.push(csvLine(csvRow(record, groups, explain)));
    },
    async finish() {
      await buffer.finish();
    },
  };
}

/** The header row as csv text, for output assembled from parts written without it. */
export function csvHeaderText(options: ResultWriterOptions = {}): string {
  return csvLine(csvColumns(options));
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

/** One record's line, with its line break. */
export function csvLine(cells: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ",";
    line += csvCell(cells[i]);
  }
  return line + "\n";
}

/** A cell as csv-stringify writes it by default: empty for null, quoted when it must be. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

const NEEDS_QUOTES = /[",\n\r]/;

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
