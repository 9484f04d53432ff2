// The entry point for reading leads: picks the reader by file extension and, with an events file,
// attaches each lead's events. Every input record yields exactly one LeadInput, in file order
// (plus one malformed input per bad row of the events file); nothing is held beyond a chunk of
// each file, except the events index for small or unordered events files (see event-join.ts).

import { extname } from "node:path";
import { joinEvents } from "./event-join.js";
import { InputError } from "./input-error.js";
import type { LeadInput, ReadLeadsOptions } from "./lead-input.js";
import { readCsvLeadBatches } from "./read-csv.js";
import { readJsonLeadBatches } from "./read-json.js";
import { readJsonlLeadBatches } from "./read-jsonl.js";

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
export async function* readLeads(path: string, options: ReadLeadsOptions = {}): AsyncGenerator<LeadInput> {
  for await (const batch of readLeadBatches(path, options)) yield* batch;
}

/**
 * The same inputs as readLeads in batches (one per chunk of the file): the CLI's fast path, which
 * saves an await per lead on million-lead files.
 */
export function readLeadBatches(path: string, options: ReadLeadsOptions = {}): AsyncIterable<LeadInput[]> {
  const format = leadFileFormat(path);
  const open = () => readFile(path, format);
  if (options.eventsPath === undefined) return open();
  return joinEvents(open, options.eventsPath, { idField: options.idField ?? "id", join: options.eventsJoin ?? "auto" });
}

function readFile(path: string, format: LeadFileFormat): AsyncGenerator<LeadInput[]> {
  switch (format) {
    case "csv":
      return readCsvLeadBatches(path);
    case "json":
      return readJsonLeadBatches(path);
    case "jsonl":
      return readJsonlLeadBatches(path);
  }
}
