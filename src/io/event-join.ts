// Chooses how events from a separate file reach the leads. The index join (event-index.ts) is
// simple and order-free but holds the whole events file in memory; the merge join (event-merge.ts)
// holds one lead's events but needs both files in the same lead order, which a first pass confirms.
// "auto" uses the index for small events files, where that pass would cost more than it saves.

import { indexJoin } from "./event-index.js";
import { eventsFollowLeadOrder, mergeJoin } from "./event-merge.js";
import { csvEventsFollowLeadOrder } from "./parallel-plan.js";
import type { EventsJoin, LeadInput } from "./lead-input.js";
import { fileSize } from "./plan-files.js";
import { readEventLeadIds } from "./read-events.js";

/** Below this size an events file is indexed: its Map then takes at most ~60 MB. */
export const MERGE_JOIN_MIN_BYTES = 16 * 1024 * 1024;

export interface JoinOptions {
  idField: string;
  join: EventsJoin;
}

/** Reads the leads file from its start: its leads, or (for the merge join's order check) their ids. */
export interface LeadSource {
  /** The leads file, when it is a CSV file (its order can then be checked from its bytes). */
  csvPath?: string;
  open(): AsyncIterable<LeadInput[]>;
  /** The id of each lead in order, "" for none (read-leads.ts readLeadIds). */
  openIds(): AsyncIterable<string[]>;
}

export async function* joinEvents(leads: LeadSource, eventsPath: string, options: JoinOptions): AsyncGenerator<LeadInput[]> {
  const merge = options.join === "merge" || (options.join === "auto" && (await fileSize(eventsPath)) >= MERGE_JOIN_MIN_BYTES);
  if (merge && (await followsLeadOrder(leads, eventsPath, options.idField))) {
    yield* mergeJoin(leads.open(), eventsPath, options.idField);
  } else {
    yield* indexJoin(leads.open(), eventsPath, options.idField);
  }
}

async function followsLeadOrder(leads: LeadSource, eventsPath: string, idField: string): Promise<boolean> {
  const fromBytes = leads.csvPath === undefined ? undefined : await csvEventsFollowLeadOrder(leads.csvPath, eventsPath, idField);
  return fromBytes ?? (await eventsFollowLeadOrder(leads.openIds(), readEventLeadIds(eventsPath)));
}
