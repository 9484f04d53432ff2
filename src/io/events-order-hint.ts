// A quick look at an events file for proof that it is not in lead order: a lead's rows that come
// back after another lead's (A, B, A), or, given the leads file, two leads whose rows come in the
// other order than the leads (rows of A, then of B, where B is before A in the leads file). With
// unique lead ids no leads file has such an order, so the order check (a pass over both files
// that, for an events file sorted by time, may read almost all the leads before it fails: ~0.8 s
// for 1M leads) can be skipped and the events put in order straight away. Leads may repeat ids,
// and then such rows can be in order: callers only skip the check when the reordering succeeds,
// which proves the ids unique. A wrong guess costs time, never a different result: events
// rewritten in lead order give every lead the same rows.
//
// It looks at the first rows, then at rows from the middle of the file (rows without a time may
// come first in an export by date, and those can be in lead order). The second proof catches an
// events file grouped by lead but in another order than the leads (by id, say, with the leads by
// date), which has no A, B, A in it: the order check would read the leads file to its end first.

import type { FileHandle } from "node:fs/promises";
import { scanCsvRecords, valueText, type ScanOptions } from "./csv-record-scanner.js";
import { fileSize, lineStartAfter, withFiles } from "./plan-files.js";
import { CsvHeader } from "./read-csv.js";
import { findEventColumns } from "./read-events.js";

/** Bytes looked at in each place: ~20k rows. */
const SAMPLE_BYTES = 1024 * 1024;

/** A CSV leads file and the field holding its ids. */
export interface CsvLeads {
  path: string;
  idField: string;
}

/** True when rows of the events file show them out of lead order (see above). */
export async function eventsEvidentlyOutOfOrder(eventsPath: string, leads?: CsvLeads): Promise<boolean> {
  // A file that cannot be read or cut shows nothing (the readers report it).
  const evident = await withFiles(eventsPath, undefined, async (file) => {
    const size = await fileSize(eventsPath);
    let header: string[] | undefined;
    const first = await leadGroups(file, { start: 0, end: Math.min(size, SAMPLE_BYTES) }, (names) => (header = names));
    if (first === "apart") return true;
    if (leads !== undefined && first.length > 1 && (await inOtherOrder(first, leads))) return true;
    if (header === undefined || size <= 2 * SAMPLE_BYTES) return false;
    // From the first line end past the middle: in a quoted field it reads nonsense, which can only
    // cost time (see above) or end in IrregularInput.
    const start = await lineStartAfter(file, Math.floor(size / 2));
    return start !== undefined && (await leadGroups(file, { start, end: Math.min(size, start + SAMPLE_BYTES), header })) === "apart";
  });
  return evident ?? false;
}

/**
 * The lead ids of the section's rows, one per run of rows of one lead, in order; "apart" when a
 * lead's rows come back after another's. `onHeader` receives the header read at the file's start.
 */
async function leadGroups(file: FileHandle, section: Section, onHeader?: (names: string[]) => void): Promise<string[] | "apart"> {
  const finished = new Set<string>();
  const groups: string[] = [];
  let current: string | undefined;
  const column = (names: string[]) => {
    onHeader?.(names);
    return findEventColumns(names)?.leadId ?? -1;
  };
  for await (const id of sectionIds(file, section, column)) {
    if (id === current) continue;
    if (finished.has(id)) return "apart";
    if (current !== undefined) finished.add(current);
    current = id;
    groups.push(id);
  }
  return groups;
}

/** Whether two of the leads of `groups` come in the other order at the start of the leads file. */
async function inOtherOrder(groups: string[], leads: CsvLeads): Promise<boolean> {
  const positions = await leadPositions(leads);
  if (positions === undefined) return false;
  let last = -1;
  for (const id of groups) {
    const position = positions.get(id);
    if (position === undefined) continue;
    if (position < last) return true;
    last = position;
  }
  return false;
}

/**
 * Each lead id of the start of the leads file, with its place; undefined when an id repeats there
 * (the order then proves nothing) or the file cannot be read or cut (the readers report it).
 */
async function leadPositions(leads: CsvLeads): Promise<Map<string, number> | undefined> {
  const size = await fileSize(leads.path);
  const column = (names: string[]) => new CsvHeader(names).columnOf(leads.idField);
  return withFiles(leads.path, undefined, async (file) => {
    const positions = new Map<string, number>();
    for await (const id of sectionIds(file, { start: 0, end: Math.min(size, SAMPLE_BYTES) }, column)) {
      if (positions.has(id)) return undefined;
      positions.set(id, positions.size);
    }
    return positions;
  });
}

type Section = NonNullable<ScanOptions["section"]>;

/**
 * The trimmed text in the header's `column` of each row of the section, but for rows of another
 * width (malformed: neither a lead nor an event) and blank ones; none when there is no such column.
 */
async function* sectionIds(file: FileHandle, section: Section, column: (header: string[]) => number): AsyncGenerator<string> {
  let index = -1;
  let width = 0;
  const records = scanCsvRecords(file, {
    column: (names) => {
      width = names.length;
      index = column(names);
      return index;
    },
    section,
  });
  let headerRow = section.header === undefined;
  for await (const batch of records) {
    if (index < 0) return;
    for (let r = 0; r < batch.count; r++) {
      if (headerRow) {
        headerRow = false;
        continue;
      }
      if (batch.widths[r] !== width) continue;
      const id = valueText(batch, r).trim();
      if (id !== "") yield id;
    }
  }
}
