// A quick look at an events file for proof that it is not in lead order: a lead's rows that come
// back after another lead's (A, B, A). With unique lead ids no leads file has that order, so the
// order check (a pass over both files that, for an events file sorted by time, may read almost all
// the leads before it fails: ~0.8 s for 1M leads) can be skipped and the events put in order
// straight away. Leads may repeat ids, and then A, B, A can be in order: callers only skip the
// check when the reordering succeeds, which proves the ids unique. A wrong guess costs time, never
// a different result: events rewritten in lead order give every lead the same rows.
//
// It looks at the first rows, then at rows from the middle of the file (rows without a time may
// come first in an export by date, and those can be in lead order).

import type { FileHandle } from "node:fs/promises";
import { scanCsvRecords, valueText, type ScanOptions } from "./csv-record-scanner.js";
import { fileSize, lineStartAfter, withFiles } from "./plan-files.js";
import { findEventColumns } from "./read-events.js";

/** Bytes looked at in each place: ~20k rows. */
const SAMPLE_BYTES = 1024 * 1024;

/** True when rows of the events file show a lead's rows apart (see above). */
export async function eventsEvidentlyOutOfOrder(eventsPath: string): Promise<boolean> {
  // A file that cannot be read or cut shows nothing (the readers report it).
  const evident = await withFiles(eventsPath, undefined, async (file) => {
    const size = await fileSize(eventsPath);
    let header: string[] | undefined;
    if (await showsDisorder(file, { start: 0, end: Math.min(size, SAMPLE_BYTES) }, (names) => (header = names))) return true;
    if (header === undefined || size <= 2 * SAMPLE_BYTES) return false;
    // From the first line end past the middle: in a quoted field it reads nonsense, which can only
    // cost time (see above) or end in IrregularInput.
    const start = await lineStartAfter(file, Math.floor(size / 2));
    return start !== undefined && (await showsDisorder(file, { start, end: Math.min(size, start + SAMPLE_BYTES), header }));
  });
  return evident ?? false;
}

/** Whether the section's rows show a lead's rows apart; `onHeader` receives the header read at the file's start. */
async function showsDisorder(file: FileHandle, section: NonNullable<ScanOptions["section"]>, onHeader?: (names: string[]) => void): Promise<boolean> {
  let column = -1;
  let width = 0;
  const records = scanCsvRecords(file, {
    column: (names) => {
      onHeader?.(names);
      width = names.length;
      column = findEventColumns(names)?.leadId ?? -1;
      return column;
    },
    section,
  });
  const finished = new Set<string>();
  let current: string | undefined;
  let headerRow = section.header === undefined;
  for await (const batch of records) {
    if (column < 0) return false;
    for (let r = 0; r < batch.count; r++) {
      if (headerRow) {
        headerRow = false;
        continue;
      }
      if (batch.widths[r] !== width) continue; // a bad row: not an event
      const id = valueText(batch, r).trim();
      if (id === "" || id === current) continue;
      if (finished.has(id)) return true;
      if (current !== undefined) finished.add(current);
      current = id;
    }
  }
  return false;
}
