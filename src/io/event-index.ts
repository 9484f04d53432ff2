// The simple join: read the whole events file into a Map from lead id to occurrences, then look up
// each lead. Works whatever the order of either file, but memory grows with the events file
// (about 160 bytes per occurrence, 3 to 4 times the file), so big ordered files use the merge join
// (event-merge.ts).

import { attachEvents, leadKey } from "./attach-events.js";
import type { LeadInput, MalformedInput, RawEvent } from "./lead-input.js";
import { readEventRows } from "./read-events.js";

export async function* indexJoin(leads: AsyncIterable<LeadInput[]>, eventsPath: string, idField: string): AsyncGenerator<LeadInput[]> {
  const { index, problems } = await indexEvents(eventsPath);
  // Bad event rows cannot be placed among the leads (their lead is unknown): they come first.
  if (problems.length > 0) yield problems;
  for await (const batch of leads) {
    for (const input of batch) {
      if (input.kind !== "lead") continue;
      const key = leadKey(input.raw, idField);
      const events = key === undefined ? undefined : index.get(key);
      if (events !== undefined) attachEvents(input.raw, events);
    }
    yield batch;
  }
}

export async function indexEvents(eventsPath: string): Promise<{ index: Map<string, RawEvent[]>; problems: MalformedInput[] }> {
  const index = new Map<string, RawEvent[]>();
  const problems: MalformedInput[] = [];
  const types = new Map<string, string>();
  for await (const rows of readEventRows(eventsPath)) {
    for (const row of rows) {
      if (row.kind === "malformed") {
        problems.push(row);
        continue;
      }
      // The few event types are shared; times and ids are copied out of the chunk they were read from.
      let type = types.get(row.event.type);
      if (type === undefined) {
        type = detach(row.event.type);
        types.set(type, type);
      }
      const event: RawEvent = row.event.at === undefined ? { type } : { type, at: detach(row.event.at) };
      const list = index.get(row.leadId);
      if (list === undefined) index.set(detach(row.leadId), [event]);
      else list.push(event);
    }
  }
  return { index, problems };
}

/**
 * V8 may represent a substring as a view into its parent string; a value kept in the index would
 * then keep the whole 256 KB chunk it was read from alive. Concatenating and slicing forces a copy.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}
