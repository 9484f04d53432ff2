// Leads and events files as DuckDB reads them: read_csv with every column as VARCHAR (so values are
// converted by leadscore's rules, not DuckDB's sniffer), read_json with each lead as one JSON value,
// read_parquet with its own column types. Each becomes a DataSource for compileSql(). Columns are
// renamed c0, c1, ... so that any header (hostile, duplicated, differing only in case) is safe; the
// file order is kept as an explicit position (a loaded table's rowid, Parquet's file_row_number).

import { extname } from "node:path";
import type { FieldType, Schema } from "../ir/plan.js";
import { InputError } from "../io/input-error.js";
import { CsvHeader, readCsvRows } from "../io/read-csv.js";
import { requireEventColumns } from "../io/read-events.js";
import { duckdb } from "../compiler/sql/dialect.js";
import { quoteIdentifier, stringLiteral } from "../compiler/sql/literals.js";
import { jsonSource, type ColumnKind, type EventSource, type LeadSource, type SourceColumn } from "../compiler/sql/source.js";
import type { DuckDBSession } from "./duckdb-session.js";
import type { IdForm } from "./result-records.js";

export type DuckDBFileFormat = "csv" | "json" | "jsonl" | "parquet";

export const POSITION_COLUMN = "leadscore_pos";

export function fileFormat(path: string, what: "leads" | "events"): DuckDBFileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".parquet") return "parquet";
  if (what === "leads") {
    if (extension === ".json") return "json";
    if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
    throw new InputError(path, "a leads file must end in .csv, .json, .jsonl, .ndjson or .parquet");
  }
  throw new InputError(path, "an events file must end in .csv or .parquet");
}

/** The header row of a CSV file, read by leadscore's tokenizer; undefined for an empty file. */
export async function readCsvHeader(path: string): Promise<CsvHeader | undefined> {
  const rows = readCsvRows(path);
  try {
    const first = await rows.next();
    if (first.done || first.value.length === 0) return undefined;
    const row = first.value[0];
    if (row.kind === "error") throw new InputError(path, `cannot read the header row (line ${row.line}): ${row.message}`);
    return new CsvHeader(row.fields);
  } finally {
    await rows.return(undefined);
  }
}

/**
 * read_csv of a file with `width` columns, all VARCHAR, in leadscore's CSV dialect. `rejects`
 * names the tables DuckDB records unreadable rows in (the pre-pass); without it they are skipped.
 */
export function readCsv(path: string, width: number, rejects?: string): string {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const errors = rejects === undefined ? "ignore_errors = true" : `store_rejects = true, rejects_table = '${rejects}_errors', rejects_scan = '${rejects}_scans'`;
  return (
    `read_csv(${stringLiteral(path)}, header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"', ` +
    `strict_mode = true, null_padding = false, allow_quoted_nulls = false, ${errors})`
  );
}

/** The table CSV and JSON leads are loaded into: its rowid is the input order. */
export const LEADS_TABLE = "leadscore_leads";
export const LEAD_REJECTS = "leadscore_lead_rejects";

export interface LeadFile {
  format: DuckDBFileFormat;
  path: string;
  /** Undefined when the file holds no leads at all (an empty CSV file). */
  source?: LeadSource;
  idForm: IdForm;
  /**
   * CSV and JSON: the statement that loads the file into LEADS_TABLE first. A scan that numbers
   * its rows (row_number() OVER ()) would run on one thread, and so would every step after it; a
   * loaded table keeps the input order as its rowid and is scanned in parallel. For CSV it also
   * records the rows DuckDB cannot read in LEAD_REJECTS.
   */
  load?: string;
}

export async function openLeadFile(session: DuckDBSession, path: string, schema: Schema, idField: string): Promise<LeadFile> {
  const format = fileFormat(path, "leads");
  const table = `(SELECT *, rowid AS ${POSITION_COLUMN} FROM ${LEADS_TABLE})`;
  switch (format) {
    case "csv": {
      const header = await readCsvHeader(path);
      if (!header) return { format, path, idForm: "text" };
      const width = header.names.length;
      const fields = new Map<string, SourceColumn>();
      const kept = new Set<number>();
      for (const field of schema.fields) {
        const index = header.columnOf(field.name);
        if (index === -1) continue;
        fields.set(field.name, { expr: `src.c${index}`, kind: "text" });
        kept.add(index);
      }
      const idIndex = header.columnOf(idField);
      if (idIndex !== -1) kept.add(idIndex);
      const source: LeadSource = {
        relation: table,
        fields,
        position: `src.${POSITION_COLUMN}`,
        ...(idIndex !== -1 ? { id: { expr: `src.c${idIndex}`, kind: "text" as const } } : {}),
      };
      // Only the columns the model reads are kept. A blank line of a one-column file is no row
      // (DuckDB reads it as a NULL).
      const columns = kept.size === 0 ? "NULL AS c_none" : [...kept].map((i) => `c${i}`).join(", ");
      const load = `CREATE TEMP TABLE ${LEADS_TABLE} AS SELECT ${columns} FROM ${readCsv(path, width, LEAD_REJECTS)}${width === 1 ? " WHERE c0 IS NOT NULL" : ""}`;
      return { format, path, source, idForm: "text", load };
    }
    case "json":
    case "jsonl": {
      const reader = `read_json(${stringLiteral(path)}, format = '${format === "json" ? "array" : "newline_delimited"}', records = false, columns = {'json': 'JSON'})`;
      const load = `CREATE TEMP TABLE ${LEADS_TABLE} AS SELECT json AS doc FROM ${reader}`;
      return { format, path, idForm: "json", load, source: jsonSource(schema, duckdb, { relation: table, document: "src.doc", position: `src.${POSITION_COLUMN}`, idField }) };
    }
    case "parquet": {
      const reader = `read_parquet(${stringLiteral(path)}, file_row_number = true)`;
      const types = await parquetColumns(session, path);
      const fields = new Map<string, SourceColumn>();
      for (const field of schema.fields) {
        const type = types.get(field.name);
        if (type !== undefined) fields.set(field.name, { expr: `src.${quoteIdentifier(field.name)}`, kind: columnKind(field.type, type) });
      }
      const source: LeadSource = {
        relation: reader,
        fields,
        position: "src.file_row_number",
        ...(types.has(idField) ? { id: { expr: `src.${quoteIdentifier(idField)}`, kind: "typed" as const } } : {}),
      };
      return { format, path, idForm: "value", source };
    }
  }
}

async function parquetColumns(session: DuckDBSession, path: string): Promise<Map<string, string>> {
  const rows = await session.rows(`DESCRIBE SELECT * FROM read_parquet(${stringLiteral(path)})`);
  return new Map(rows.map((row) => [String(row[0]), String(row[1]).toUpperCase()]));
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** How a column of DuckDB type `type` holds a field's values (see ColumnKind). */
export function columnKind(field: FieldType, type: string): ColumnKind {
  if (type === "JSON") return "json";
  switch (field.kind) {
    case "number":
      return NUMERIC.test(type) ? "typed" : "text";
    case "boolean":
      return type === "BOOLEAN" ? "typed" : "text";
    case "date":
      return type === "DATE" || type.startsWith("TIMESTAMP") ? "typed" : "text";
    case "list":
      return type.endsWith("[]") ? "typed" : "text";
    case "text":
    case "enum":
      return "text";
  }
}

export const EVENT_REJECTS = "leadscore_event_rejects";

const COMMON_TIME = "'[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z)?'";

export interface EventsFile {
  /** The events in no particular order (scanned in parallel). */
  source: EventSource;
  /** The events with their file position, to find a lead's first bad occurrence (scanned on one thread). */
  numbered: EventSource;
  /**
   * CSV: a query over the file giving two counts: rows that are not occurrences (no lead id, no
   * type), and occurrences whose time may not be ISO-8601. It records unreadable rows in EVENT_REJECTS.
   */
  prepass?: string;
}

export async function openEventsFile(session: DuckDBSession, path: string): Promise<EventsFile> {
  const format = fileFormat(path, "events");
  if (format === "parquet") {
    const reader = `read_parquet(${stringLiteral(path)}, file_row_number = true)`;
    const types = await parquetColumns(session, path);
    const names = [...types.keys()];
    const { leadId, type, at } = requireEventColumns(path, names);
    const atType = at === -1 ? undefined : types.get(names[at])!;
    const source: EventSource = {
      relation: reader,
      leadId: `evt.${quoteIdentifier(names[leadId])}`,
      type: `evt.${quoteIdentifier(names[type])}`,
      position: "evt.file_row_number",
      ...(atType !== undefined ? { at: { expr: `evt.${quoteIdentifier(names[at])}`, kind: atType === "DATE" || atType.startsWith("TIMESTAMP") ? ("typed" as const) : ("text" as const) } } : {}),
    };
    return { source, numbered: source };
  }
  const header = await readCsvHeader(path);
  if (!header) throw new InputError(path, "an events file needs a header row with the columns lead_id, type and at");
  const width = header.names.length;
  const { leadId, type, at } = requireEventColumns(path, header.names);
  const columns = {
    leadId: `evt.c${leadId}`,
    type: `evt.c${type}`,
    ...(at !== -1 ? { at: { expr: `evt.c${at}`, kind: "text" as const } } : {}),
  };
  // Blank: only whitespace. An anchored full match gives up at the first other character.
  const blank = (column: string): string => `(${column} IS NULL OR regexp_full_match(${column}, '[${duckdb.whitespaceClass}]*'))`;
  // Times in toISOString's form (or a plain date) are good; any other is counted as possibly bad
  // (blank ones too), which is cheaper than converting every time here and errs on the exact side.
  const time = `evt.c${at}`;
  const badTimes = at === -1 ? "0" : `count(*) FILTER (WHERE ${time} IS NOT NULL AND NOT regexp_full_match(${time}, ${COMMON_TIME}))`;
  return {
    source: { relation: readCsv(path, width), ...columns },
    numbered: { relation: `(SELECT *, row_number() OVER () AS ${POSITION_COLUMN} FROM ${readCsv(path, width)})`, position: `evt.${POSITION_COLUMN}`, ...columns },
    prepass: `SELECT count(*) FILTER (WHERE ${blank(`evt.c${leadId}`)} OR ${blank(`evt.c${type}`)}), ${badTimes} FROM ${readCsv(path, width, EVENT_REJECTS)} AS evt`,
  };
}
