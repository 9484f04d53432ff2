// A .json file: an array of lead objects, read element by element (see json-array-splitter.ts).

import { JsonArraySplitter, type JsonPiece } from "./json-array-splitter.js";
import { parseLeadJson } from "./json-lead.js";
import type { LeadInput } from "./lead-input.js";
import { readTextChunks } from "./text-chunks.js";

export async function* readJsonLeadBatches(path: string): AsyncGenerator<LeadInput[]> {
  const splitter = new JsonArraySplitter();
  for await (const chunk of readTextChunks(path)) {
    const pieces: JsonPiece[] = [];
    splitter.push(chunk, pieces);
    if (pieces.length > 0) yield toInputs(pieces, path);
  }
  const pieces: JsonPiece[] = [];
  splitter.finish(pieces);
  if (pieces.length > 0) yield toInputs(pieces, path);
}

function toInputs(pieces: JsonPiece[], file: string): LeadInput[] {
  return pieces.map((piece) =>
    piece.kind === "element" ? parseLeadJson(piece.text, file, piece.line) : { kind: "malformed", file, line: piece.line, message: piece.message },
  );
}
