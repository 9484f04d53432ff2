// The events file for CSV leads: one row per occurrence, `lead_id,type,at`, the shape in which CRMs
// export activities. Header names are matched ignoring case, spaces, '_' and '-', in any order;
// other columns are ignored. A bad row is reported as a malformed input of the events file (never
// dropped silently); a file without lead_id and type columns cannot be used at all (InputError).

import type { CsvRow } from "./csv-tokenizer.js";
import { readCsvRows, CsvHeader, type CsvPart } from "./read-csv.js";
import { InputError } from "./input-error.js";
import type { MalformedInput, RawEvent } from "./lead-input.js";

export type EventRow = { kind: "event"; leadId: string; event: RawEvent; line: number } | MalformedInput;

export interface EventColumns {
  header: CsvHeader;
  leadId: number;
  type: number;
  /** -1 when the file has no `at` column: no occurrence has a time. */
  at: number;
}

/** The rows of an events file, or of a section of it. */
export async function* readEventRows(path: string, part?: CsvPart): AsyncGenerator<EventRow[]> {
  let columns = part === undefined ? undefined : requireEventColumns(path, part.header);
  for await (const rows of readCsvRows(path, undefined, part)) {
    const batch: EventRow[] = [];
    for (const row of rows) {
      if (columns === undefined) {
        if (row.kind === "error") throw new InputError(path, `cannot read the header row (line ${row.line}): ${row.message}`);
        columns = requireEventColumns(path, row.fields);
        continue;
      }
      const event = eventRowOf(row, columns, path);
      if (event !== undefined) batch.push(event);
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * The lead_id of each event row, in order, reading only that column: what the merge join's order
 * check needs. Rows with the wrong width or no lead_id are left out, as readEventRows reports them.
 */
export async function* readEventLeadIds(path: string): AsyncGenerator<string[]> {
  let columns: EventColumns | undefined;
  const chooseColumns = (names: string[]) => {
    columns = requireEventColumns(path, names);
    return [columns.leadId];
  };
  let first = true;
  for await (const rows of readCsvRows(path, chooseColumns)) {
    const ids: string[] = [];
    for (const row of rows) {
      if (first) {
        first = false;
        if (row.kind === "error") throw new InputError(path, `cannot read the header row (line ${row.line}): ${row.message}`);
        continue;
      }
      if (row.kind === "error" || columns === undefined || columns.header.checkWidth(row.fields) !== undefined) continue;
      const id = row.fields[columns.leadId].trim();
      if (id !== "") ids.push(id);
    }
    if (ids.length > 0) yield ids;
  }
}

/** A row after the header as an event, a malformed input, or undefined for a line of spaces. */
function eventRowOf(row: CsvRow, columns: EventColumns, file: string): EventRow | undefined {
  if (row.kind === "error") return { kind: "malformed", file, line: row.line, message: row.message };
  return toEventRow(row.fields, row.line, columns, file);
}

function toEventRow(fields: string[], line: number, columns: EventColumns, file: string): EventRow | undefined {
  if (fields.length === 1 && columns.header.names.length > 1 && fields[0].trim() === "") return undefined;
  const width = columns.header.checkWidth(fields);
  if (width !== undefined) return { kind: "malformed", file, line, message: width };
  const leadId = fields[columns.leadId].trim();
  if (leadId === "") return { kind: "malformed", file, line, message: NO_LEAD_ID };
  const type = fields[columns.type];
  if (type.trim() === "") return { kind: "malformed", file, line, message: noTypeProblem(leadId) };
  const at = columns.at === -1 ? "" : fields[columns.at];
  const event: RawEvent = at.trim() === "" ? { type } : { type, at };
  return { kind: "event", leadId, event, line };
}

export const NO_LEAD_ID = "an event without a lead_id";

/** The message for a row of lead `leadId` (trimmed) whose type is blank. */
export function noTypeProblem(leadId: string): string {
  return `an event of lead ${JSON.stringify(leadId)} without a type`;
}

/** The columns of an events header row; undefined without lead_id and type columns. */
export function findEventColumns(names: string[]): EventColumns | undefined {
  const header = new CsvHeader(names);
  const keys = header.names.map((name) => name.toLowerCase().replace(/[\s_-]+/g, ""));
  const leadId = keys.indexOf("leadid");
  const type = keys.indexOf("type");
  if (leadId === -1 || type === -1) return undefined;
  return { header, leadId, type, at: keys.indexOf("at") };
}

/** findEventColumns, or an InputError naming the header's columns. */
export function requireEventColumns(file: string, names: string[]): EventColumns {
  const columns = findEventColumns(names);
  if (columns === undefined) {
    const found = names.map((name) => JSON.stringify(name.trim())).join(", ");
    throw new InputError(file, `an events file needs the columns lead_id, type and at; its header has ${found}`);
  }
  return columns;
}
