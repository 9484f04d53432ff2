// Chooses how events from a separate file reach the leads. The index join (event-index.ts) is
// simple and order-free but holds the whole events file in memory; the merge join (event-merge.ts)
// holds one lead's events but needs both files in the same lead order, which a first pass confirms.
// "auto" uses the index for small events files, where that pass would cost more than it saves.

import { stat } from "node:fs/promises";
import { indexJoin } from "./event-index.js";
import { eventsFollowLeadOrder, mergeJoin } from "./event-merge.js";
import type { EventsJoin, LeadInput } from "./lead-input.js";

/** Below this size an events file is indexed: the Map costs a few times the file, at most ~100 MB. */
export const MERGE_JOIN_MIN_BYTES = 16 * 1024 * 1024;

export interface JoinOptions {
  idField: string;
  join: EventsJoin;
}

/** `openLeads` reads the leads file from the start; the merge join's order check reads it twice. */
export async function* joinEvents(openLeads: () => AsyncIterable<LeadInput[]>, eventsPath: string, options: JoinOptions): AsyncGenerator<LeadInput[]> {
  const merge = options.join === "merge" || (options.join === "auto" && (await fileSize(eventsPath)) >= MERGE_JOIN_MIN_BYTES);
  if (merge && (await eventsFollowLeadOrder(openLeads(), eventsPath, options.idField))) {
    yield* mergeJoin(openLeads(), eventsPath, options.idField);
  } else {
    yield* indexJoin(openLeads(), eventsPath, options.idField);
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0; // reading it will report the problem
  }
}
