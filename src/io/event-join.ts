// Chooses how events from a separate file reach the leads. The index join (event-index.ts) is
// simple and order-free but holds the whole events file in memory; the merge join (event-merge.ts)
// holds one lead's events but needs both files in the same lead order, which a first pass confirms.
// A big events file in another order is first rewritten in lead order (event-reorder.ts), so memory
// stays flat whatever the order. "auto" uses the index for small events files, where those passes
// would cost more than they save.

import { indexJoin } from "./event-index.js";
import { eventsFollowLeadOrder, mergeJoin } from "./event-merge.js";
import { reorderCsvEvents } from "./csv-event-reorder.js";
import { reorderEvents } from "./event-reorder.js";
import { eventsEvidentlyOutOfOrder } from "./events-order-hint.js";
import { csvEventsFollowLeadOrder } from "./parallel-plan.js";
import type { EventsJoin, LeadInput } from "./lead-input.js";
import { fileSize } from "./plan-files.js";
import { readEventLeadIds } from "./read-events.js";

/** Below this size an events file is indexed: its Map then takes at most ~60 MB. */
export const MERGE_JOIN_MIN_BYTES = 16 * 1024 * 1024;

export interface JoinOptions {
  idField: string;
  join: EventsJoin;
  /** Bucket size for putting an unordered events file in order (tests make it small); default BUCKET_BYTES. */
  bucketBytes?: number;
  /** Called before an unordered events file is put in order. */
  onReorder?: () => void;
  /** The events are known not to follow the leads' order: the order check is skipped. */
  knownOutOfOrder?: boolean;
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
  if (!merge) {
    yield* indexJoin(leads.open(), eventsPath, options.idField);
    return;
  }
  // When the file's start shows it out of order (events-order-hint.ts), the order check is left
  // for the case where the rewrite finds a repeated lead id, the one case the hint can be wrong.
  const csvLeads = leads.csvPath === undefined ? undefined : { path: leads.csvPath, idField: options.idField };
  const evident = !options.knownOutOfOrder && (await eventsEvidentlyOutOfOrder(eventsPath, csvLeads));
  if (!options.knownOutOfOrder && !evident && (await followsLeadOrder(leads, eventsPath, options.idField))) {
    yield* mergeJoin(leads.open(), eventsPath, options.idField);
  } else {
    yield* reorderedJoin(leads, eventsPath, options, evident);
  }
}

/**
 * A big events file out of lead order: rewritten in lead order in a temporary file (event-reorder.ts)
 * and merge-joined, its bad rows first as the index join gives them; when the leads repeat an id,
 * the merge join if the events are in order after all (`unchecked`: the order was not checked),
 * else the index join.
 */
async function* reorderedJoin(leads: LeadSource, eventsPath: string, options: JoinOptions, unchecked: boolean): AsyncGenerator<LeadInput[]> {
  options.onReorder?.();
  // From the files' bytes when both are CSV files the byte reader can cut, else as the readers read them.
  const fromBytes = leads.csvPath === undefined ? undefined : await reorderCsvEvents(leads.csvPath, eventsPath, options.idField, { bucketBytes: options.bucketBytes });
  const reordered = fromBytes ?? (await reorderEvents(leads.openIds(), eventsPath, options.bucketBytes));
  if (reordered === undefined) {
    if (unchecked && (await followsLeadOrder(leads, eventsPath, options.idField))) yield* mergeJoin(leads.open(), eventsPath, options.idField);
    else yield* indexJoin(leads.open(), eventsPath, options.idField);
    return;
  }
  try {
    if (reordered.problems.length > 0) yield reordered.problems;
    yield* mergeJoin(leads.open(), reordered.path, options.idField);
  } finally {
    await reordered.remove();
  }
}

async function followsLeadOrder(leads: LeadSource, eventsPath: string, idField: string): Promise<boolean> {
  const fromBytes = leads.csvPath === undefined ? undefined : await csvEventsFollowLeadOrder(leads.csvPath, eventsPath, idField);
  return fromBytes ?? (await eventsFollowLeadOrder(leads.openIds(), readEventLeadIds(eventsPath)));
}
