// JSON Lines output: one JSON.stringify per result, keys in the order the scorer produced them.

import type { Writable } from "node:stream";
import type { LeadRecord } from "../ir/result.js";
import { OutputBuffer } from "./output-buffer.js";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

export function createJsonlWriter(out: Writable, options: ResultWriterOptions = {}): ResultWriter {
  const buffer = new OutputBuffer(out);
  const explain = options.explain === true;
  return {
    write: (record) => buffer.push(JSON.stringify(explain ? record : withoutHits(record)) + "\n"),
    finish: () => buffer.finish(),
  };
}

/** Hits belong to explain output only, whatever the scorer was asked for. */
function withoutHits(record: LeadRecord): LeadRecord {
  if (!("hits" in record)) return record;
  const { hits: _hits, ...rest } = record;
  return rest;
}
