// The result writers, by output format (`leadscore score --format`).

import type { Writable } from "node:stream";
import type { ResultWriter, ResultWriterOptions } from "./result-writer.js";
import { createCsvWriter } from "./write-csv.js";
import { createJsonlWriter } from "./write-jsonl.js";
import { createTableWriter } from "./write-table.js";

export type { ResultWriter, ResultWriterOptions } from "./result-writer.js";

export const RESULT_FORMATS = ["jsonl", "csv", "table"] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export function createResultWriter(format: ResultFormat, out: Writable, options: ResultWriterOptions = {}): ResultWriter {
  switch (format) {
    case "jsonl":
      return createJsonlWriter(out, options);
    case "csv":
      return createCsvWriter(out, options);
    case "table":
      return createTableWriter(out, options);
  }
}
