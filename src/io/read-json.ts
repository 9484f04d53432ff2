// A .json file: an array of lead objects, read element by element (see json-array-splitter.ts).

import { DEFAULT_MAX_ELEMENT_CHARS, JsonArraySplitter, type JsonPiece } from "./json-array-splitter.js";
import { parseLeadJson } from "./json-lead.js";
import type { LeadInput } from "./lead-input.js";
import { readTextChunks, type FilePart, type ReadMeter } from "./text-chunks.js";

/**
 * The leads of a JSON array file, or of a section of it: a worker thread's part (json-array-plan.ts),
 * a run of whole elements, read as if it were an array of its own.
 */
export async function* readJsonLeadBatches(path: string, part?: FilePart, meter?: ReadMeter): AsyncGenerator<LeadInput[]> {
  const splitter = new JsonArraySplitter(DEFAULT_MAX_ELEMENT_CHARS, part?.line ?? 1);
  if (part !== undefined) splitter.push("[", []);
  for await (const chunk of readTextChunks(path, part, meter)) {
    const pieces: JsonPiece[] = [];
    splitter.push(chunk, pieces);
    if (pieces.length > 0) yield toInputs(pieces, path);
  }
  const pieces: JsonPiece[] = [];
  if (part !== undefined) splitter.push("]", pieces);
  splitter.finish(pieces);
  if (pieces.length > 0) yield toInputs(pieces, path);
}

function toInputs(pieces: JsonPiece[], file: string): LeadInput[] {
  return pieces.map((piece) =>
    piece.kind === "element" ? parseLeadJson(piece.text, file, piece.line) : { kind: "malformed", file, line: piece.line, message: piece.message },
  );
}
