// JSON Lines output: one line per result, exactly JSON.stringify's text (result-json.ts writes it
// faster), keys in the order the scorer produced them.

import type { Writable } from "node:stream";
import type { LeadRecord } from "../ir/result.js";
import { OutputBuffer } from "./output-buffer.js";
import { ResultJson } from "./result-json.js";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

export function createJsonlWriter(out: Writable, options: ResultWriterOptions = {}): ResultWriter {
  const buffer = new OutputBuffer(out);
  const explain = options.explain === true;
  // Without explain, hits are left out whatever the scorer was asked for (ResultJson drops them).
  const json = new ResultJson();
  return {
    write: (record: LeadRecord) => buffer.push((explain ? JSON.stringify(record) : json.line(record)) + "\n"),
    finish: () => buffer.finish(),
  };
}
