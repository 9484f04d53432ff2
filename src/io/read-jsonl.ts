// JSON Lines (.jsonl, .ndjson): one lead per line; blank lines are skipped. A line that is not a
// JSON object is reported on its own and the next line is read as usual.

import { parseLeadJson } from "./json-lead.js";
import type { LeadInput } from "./lead-input.js";
import { readTextChunks, type FilePart, type ReadMeter } from "./text-chunks.js";

/** The leads of a JSONL file, or of a section of it (a worker thread's part, jsonl-plan.ts). */
export async function* readJsonlLeadBatches(path: string, part?: FilePart, meter?: ReadMeter): AsyncGenerator<LeadInput[]> {
  let carry = "";
  let line = part?.line ?? 1;
  for await (const chunk of readTextChunks(path, part, meter)) {
    const text = carry === "" ? chunk : carry + chunk;
    const batch: LeadInput[] = [];
    let start = 0;
    // The carried text has no line end: searching it again would make a long line quadratic.
    for (let end = text.indexOf("\n", carry.length); end !== -1; end = text.indexOf("\n", start)) {
      pushLine(text.slice(start, end), path, line, batch);
      line++;
      start = end + 1;
    }
    carry = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  const batch: LeadInput[] = [];
  pushLine(carry, path, line, batch);
  if (batch.length > 0) yield batch;
}

function pushLine(text: string, file: string, line: number, batch: LeadInput[]): void {
  // trim() also drops the CR of a CRLF line end.
  const trimmed = text.trim();
  if (trimmed !== "") batch.push(parseLeadJson(trimmed, file, line));
}
