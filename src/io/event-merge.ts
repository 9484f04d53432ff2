// The streaming join: when the events file lists leads in the order of the leads file (each lead's
// rows together, leads in file order, no rows for leads that are not in the file), both files can
// be walked side by side, holding one lead's events at a time: memory does not grow with the files.
//
// That order cannot be confirmed while scoring (a lead that seems to have no events might find them
// further down, after its result was written), so eventsFollowLeadOrder checks it first, in a pass
// over both files that reads only their id columns and keeps only the current id of each: constant
// memory, for about a fifth of the time the join itself takes. When the check fails, event-join.ts
// falls back to the index join.
//
// One difference remains: when the leads file repeats an id, the merge gives the events to the
// first of those leads only, the index to all of them (ids are meant to be unique; neither is wrong).

import { attachEvents, leadKey } from "./attach-events.js";
import { BatchCursor } from "./batch-cursor.js";
import type { LeadInput, RawEvent } from "./lead-input.js";
import type { CsvPart } from "./read-csv.js";
import { readEventRows, type EventRow } from "./read-events.js";

/**
 * True when every event row's lead is matched, in order, by a lead of the leads file: the events
 * file's sequence of lead ids is the leads' sequence with some leads (those without events) left
 * out. Both arguments are id sequences read from the start of their files ("": a lead without id).
 */
export async function eventsFollowLeadOrder(leadIds: AsyncIterable<string[]>, eventLeadIds: AsyncIterable<string[]>): Promise<boolean> {
  const leads = new BatchCursor(leadIds[Symbol.asyncIterator]());
  let matched: string | undefined;
  try {
    for await (const ids of eventLeadIds) {
      for (const id of ids) {
        if (id === matched) continue;
        // Move past the next lead with this id (awaiting only to load the next batch of leads).
        matched = undefined;
        while (matched === undefined) {
          const leadId = leads.peek();
          if (leadId === undefined) {
            if (await leads.refill()) continue;
            return false;
          }
          leads.advance();
          if (leadId === id) matched = id;
        }
      }
    }
    return true;
  } finally {
    await leads.close();
  }
}

/**
 * Attaches events by walking both files together; only correct after eventsFollowLeadOrder said so.
 * A worker thread joins a section of each file (`eventsPart`), cut where the whole-file join would
 * pass from one lead to the next (parallel-plan.ts).
 */
export async function* mergeJoin(leads: AsyncIterable<LeadInput[]>, eventsPath: string, idField: string, eventsPart?: CsvPart): AsyncGenerator<LeadInput[]> {
  const events = new BatchCursor<EventRow>(readEventRows(eventsPath, eventsPart));
  try {
    for await (const batch of leads) {
      const out: LeadInput[] = [];
      for (const input of batch) {
        if (input.kind === "lead") {
          const key = leadKey(input.raw, idField);
          let taken: RawEvent[] | undefined;
          for (;;) {
            const row = events.peek();
            if (row === undefined) {
              if (await events.refill()) continue;
              break;
            }
            if (row.kind === "malformed") {
              // Reported where it stands in the events file, between the leads around it.
              out.push(row);
            } else if (row.leadId === key) {
              (taken ??= []).push(row.event);
            } else {
              break;
            }
            events.advance();
          }
          if (taken !== undefined) attachEvents(input.raw, taken);
        }
        out.push(input);
      }
      yield out;
    }
    // Only bad rows can be left over: the order check matched every good one to a lead. A good
    // one means the files changed since, or a chunk was cut wrong: an error, never a lost event.
    const rest: LeadInput[] = [];
    for (let row = await events.next(); row !== undefined; row = await events.next()) {
      if (row.kind === "malformed") rest.push(row);
      else throw new Error(`${eventsPath}:${row.line}: an event of lead ${JSON.stringify(row.leadId)} out of place: did the files change while they were read?`);
    }
    if (rest.length > 0) yield rest;
  } finally {
    await events.close();
  }
}
