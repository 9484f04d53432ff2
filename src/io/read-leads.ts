// The entry point for reading leads: picks the reader by file extension and, with an events file,
// attaches each lead's events. Every input record yields exactly one LeadInput, in file order
// (plus one malformed input per bad row of the events file); nothing is held beyond a chunk of
// each file, except the events index for small or unordered events files (see event-join.ts).

import { extname } from "node:path";
import { leadKey } from "./attach-events.js";
import { joinEvents, type LeadSource } from "./event-join.js";
import { InputError } from "./input-error.js";
import type { LeadInput, ReadLeadsOptions } from "./lead-input.js";
import { readCsvLeadBatches, readCsvLeadIds } from "./read-csv.js";
import { readJsonLeadBatches } from "./read-json.js";
import { readJsonlLeadBatches } from "./read-jsonl.js";
import type { ReadMeter } from "./text-chunks.js";

export type LeadFileFormat = "csv" | "json" | "jsonl";

/** The format a leads file is read as, from its extension (any case). */
export function leadFileFormat(path: string): LeadFileFormat {
  switch (extname(path).toLowerCase()) {
    case ".csv":
      return "csv";
    case ".json":
      return "json";
    case ".jsonl":
    case ".ndjson":
      return "jsonl";
    default:
      throw new InputError(path, "a leads file must end in .csv, .json, .jsonl or .ndjson");
  }
}

/**
 * The leads of a file, one at a time. Unreadable files and unusable events files throw InputError;
 * bad records come out as "malformed" inputs and reading goes on.
 */
export function readLeads(path: string, options: ReadLeadsOptions = {}): AsyncIterableIterator<LeadInput> {
  // A hand-written iterator over the batches: an async generator's `yield*` costs about a third
  // of the reading time on a million leads.
  let batches: AsyncIterator<LeadInput[]> | undefined;
  let batch: LeadInput[] = [];
  let index = 0;
  const iterator: AsyncIterableIterator<LeadInput> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      while (index >= batch.length) {
        batches ??= readLeadBatches(path, options)[Symbol.asyncIterator]();
        const next = await batches.next();
        if (next.done) return { done: true, value: undefined };
        batch = next.value;
        index = 0;
      }
      return { done: false, value: batch[index++] };
    },
    async return() {
      await batches?.return?.();
      return { done: true, value: undefined };
    },
  };
  return iterator;
}

/**
 * The same inputs as readLeads in batches (one per chunk of the file): the CLI's fast path, which
 * saves an await per lead on million-lead files.
 */
export function readLeadBatches(path: string, options: ReadLeadsOptions = {}): AsyncIterable<LeadInput[]> {
  const idField = options.idField ?? "id";
  const leads = leadSource(path, idField, options.meter);
  if (options.eventsPath === undefined) return leads.open();
  return joinEvents(leads, options.eventsPath, { idField, join: options.eventsJoin ?? "auto", onReorder: options.onEventsReorder, knownOutOfOrder: options.eventsOutOfOrder });
}

/** The leads file as the events join reads it: its inputs (read under `meter`), and its ids in order. */
export function leadSource(path: string, idField = "id", meter?: ReadMeter): LeadSource {
  const format = leadFileFormat(path);
  return { csvPath: format === "csv" ? path : undefined, open: () => readFile(path, format, meter), openIds: () => readLeadIds(path, idField) };
}

function readFile(path: string, format: LeadFileFormat, meter?: ReadMeter): AsyncGenerator<LeadInput[]> {
  switch (format) {
    case "csv":
      return readCsvLeadBatches(path, undefined, meter);
    case "json":
      return readJsonLeadBatches(path, undefined, meter);
    case "jsonl":
      return readJsonlLeadBatches(path, undefined, meter);
  }
}

/**
 * The id of each lead, in order ("" for a lead without one): the merge join's order check. CSV
 * files are scanned for the id column alone; JSON leads have to be parsed whole.
 */
export async function* readLeadIds(path: string, idField = "id"): AsyncGenerator<string[]> {
  const format = leadFileFormat(path);
  if (format === "csv") {
    yield* readCsvLeadIds(path, idField);
    return;
  }
  for await (const batch of readFile(path, format)) {
    const ids: string[] = [];
    for (const input of batch) if (input.kind === "lead") ids.push(leadKey(input.raw, idField) ?? "");
    yield ids;
  }
}
