// CSV leads: the header row names the fields, every later row becomes one record of strings keyed
// by those names (the scorer converts the strings by the model's schema). Rows come in batches,
// one per chunk of the file, so the per-row cost stays a plain loop rather than an await.

import { CsvTokenizer, type CsvRow } from "./csv-tokenizer.js";
import type { LeadInput } from "./lead-input.js";
import { readTextChunks, type FilePart, type ReadMeter } from "./text-chunks.js";

/**
 * Every row of a CSV file (header included), in order, a batch per chunk read. With
 * `columnsAfterHeader`, later rows hold only the columns it names (others are ""), for passes that
 * need one column of a big file.
 */
export async function* readCsvRows(path: string, columnsAfterHeader?: (header: string[]) => number[], part?: CsvPart, meter?: ReadMeter): AsyncGenerator<CsvRow[]> {
  const tokenizer = new CsvTokenizer(undefined, columnsAfterHeader, part?.line);
  for await (const chunk of readTextChunks(path, part, meter)) {
    const rows: CsvRow[] = [];
    tokenizer.push(chunk, rows);
    if (rows.length > 0) yield rows;
  }
  const rows: CsvRow[] = [];
  tokenizer.finish(rows);
  if (rows.length > 0) yield rows;
}

/**
 * A section of a CSV file that starts at a record (not its header), with the file's header row:
 * what a worker thread of the parallel scorer reads (parallel-plan.ts cuts the file).
 */
export interface CsvPart extends FilePart {
  /** The file's header row. */
  header: string[];
}

/** The leads of a CSV file, or of a section of it. */
export async function* readCsvLeadBatches(path: string, part?: CsvPart, meter?: ReadMeter): AsyncGenerator<LeadInput[]> {
  let header = part === undefined ? undefined : new CsvHeader(part.header);
  for await (const rows of readCsvRows(path, undefined, part, meter)) {
    const batch: LeadInput[] = [];
    for (const row of rows) {
      if (header === undefined) {
        if (row.kind === "error") {
          // Without field names no later row can be read.
          yield [...batch, { kind: "malformed", file: path, line: row.line, message: `cannot read the header row: ${row.message}` }];
          return;
        }
        header = new CsvHeader(row.fields);
        continue;
      }
      const input = leadInputOfRow(row, header, path);
      if (input !== undefined) batch.push(input);
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * The id of each lead of a CSV file, in order ("" for a lead without one), reading only the id
 * column: what the merge join's order check needs. Rows that are not leads are left out exactly as
 * readCsvLeadBatches leaves them out.
 */
export async function* readCsvLeadIds(path: string, idField: string): AsyncGenerator<string[]> {
  let header: CsvHeader | undefined;
  let idColumn = -1;
  const chooseColumns = (names: string[]) => {
    header = new CsvHeader(names);
    idColumn = header.columnOf(idField);
    return [idColumn];
  };
  let first = true;
  for await (const rows of readCsvRows(path, chooseColumns)) {
    const ids: string[] = [];
    for (const row of rows) {
      if (first) {
        first = false;
        if (row.kind === "error") return;
        continue;
      }
      if (header === undefined || row.kind === "error" || rowProblem(row.fields, header) !== undefined) continue;
      ids.push(idColumn === -1 ? "" : row.fields[idColumn].trim());
    }
    if (ids.length > 0) yield ids;
  }
}

/** A row after the header as a lead or a malformed input; undefined for a blank line. */
function leadInputOfRow(row: CsvRow, header: CsvHeader, path: string): LeadInput | undefined {
  if (row.kind === "error") return { kind: "malformed", file: path, line: row.line, message: row.message };
  const problem = rowProblem(row.fields, header);
  if (problem === SKIP) return undefined;
  if (problem !== undefined) return { kind: "malformed", file: path, line: row.line, message: problem };
  return { kind: "lead", raw: header.toRecord(row.fields), file: path, line: row.line };
}

const SKIP = Symbol("skip");

/** Why a row after the header is not a lead: a message, SKIP for a blank line, undefined when it is one. */
function rowProblem(fields: string[], header: CsvHeader): string | typeof SKIP | undefined {
  if (isBlankRow(fields, header.names.length)) return SKIP;
  return header.checkWidth(fields);
}

/** The message for a row of `got` fields under a header of `expected`. */
export function widthProblem(expected: number, got: number): string {
  return `expected ${expected} fields as in the header, got ${got}`;
}

/** The header row: trimmed field names, and the checks and record building that depend on them. */
export class CsvHeader {
  readonly names: string[];
  /** toRecord for this header, built on first use (buildRecordMaker). */
  private makeRecord: ((fields: string[]) => Record<string, unknown>) | undefined;

  constructor(fields: string[]) {
    this.names = fields.map((name) => name.trim());
  }

  /** A message when the row does not have one field per column, else undefined. */
  checkWidth(fields: string[]): string | undefined {
    return fields.length === this.names.length ? undefined : widthProblem(this.names.length, fields.length);
  }

  toRecord(fields: string[]): Record<string, unknown> {
    return (this.makeRecord ??= buildRecordMaker(this.names))(fields);
  }

  /** The column a record's field `name` comes from: the last of repeated names, as in toRecord; -1 for none. */
  columnOf(name: string): number {
    return this.names.lastIndexOf(name);
  }

}

/**
 * A function building a lead record from a row with one object literal, `{"id": f[0], ...}`: V8
 * then allocates the record in one piece with every field inside it, where assigning field after
 * field to `{}` puts all but the first four in a second, separate array. That saves an allocation
 * and an indirection per lead and field read: building and scoring a 12-column benchmark lead
 * went from ~2.1 to ~1.7 µs. The literal gives the record that assignment does: the same keys
 * in the same order, the last of duplicate names winning, a "__proto__" column as an own
 * property (a computed key defines it, as defineProperty did).
 */
function buildRecordMaker(names: readonly string[]): (fields: string[]) => Record<string, unknown> {
  const entries = names.map((name, i) => `${name === "__proto__" ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: f[${i}]`);
  return new Function("f", `return { ${entries.join(", ")} };`) as (fields: string[]) => Record<string, unknown>;
}

/** A line holding only spaces is a blank line that an editor left behind, not a record. */
function isBlankRow(fields: string[], width: number): boolean {
  return width > 1 && fields.length === 1 && fields[0].trim() === "";
}
