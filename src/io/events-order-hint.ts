// A quick look at the start of an events file for proof that it is not in lead order: a lead's
// rows that come back after another lead's (A, B, A). With unique lead ids no leads file has that
// order, so the order check (a pass over both files that, for an events file sorted by time, may
// read almost all the leads before it fails: ~0.8 s for 1M leads) can be skipped and the events
// put in order straight away. Leads may repeat ids, and then A, B, A can be in order: callers
// only skip the check when the reordering succeeds, which proves the ids unique.

import { open } from "node:fs/promises";
import { scanCsvRecords, valueText } from "./csv-record-scanner.js";
import { IrregularInput } from "./plan-files.js";
import { findEventColumns } from "./read-events.js";

/** Event rows looked at: the first block's worth at most. */
const ROWS = 16 * 1024;

/** True when the first rows of the events file show a lead's rows apart (see above). */
export async function eventsEvidentlyOutOfOrder(eventsPath: string): Promise<boolean> {
  let file;
  try {
    file = await open(eventsPath, "r");
  } catch {
    return false; // the readers report it
  }
  try {
    let column = -1;
    let width = 0;
    const records = scanCsvRecords(file, {
      column: (header) => {
        width = header.length;
        column = findEventColumns(header)?.leadId ?? -1;
        return column;
      },
    });
    const finished = new Set<string>();
    let current: string | undefined;
    let rows = 0;
    for await (const batch of records) {
      if (column < 0) return false;
      for (let r = rows === 0 ? 1 : 0; r < batch.count; r++) {
        if (batch.widths[r] !== width) continue; // a bad row: not an event
        const id = valueText(batch, r).trim();
        if (id === "" || id === current) continue;
        if (finished.has(id)) return true;
        if (current !== undefined) finished.add(current);
        current = id;
      }
      rows += batch.count;
      if (rows >= ROWS) break;
    }
    return false;
  } catch (error) {
    if (error instanceof IrregularInput) return false;
    throw error;
  } finally {
    await file.close();
  }
}
