// One lead written as JSON text (a JSONL line, an element of a JSON array) becomes one LeadInput:
// the parsed object, or a malformed input saying why not.

import type { LeadInput } from "./lead-input.js";

/** `line` is the line of the text's first character in its file. */
export function parseLeadJson(text: string, file: string, line: number): LeadInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: "malformed", file, line, message: `not valid JSON: ${describeJsonError((error as Error).message, text, line)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "malformed", file, line, message: `expected a lead object ({...}), got ${preview(text)}` };
  }
  return { kind: "lead", raw: value as Record<string, unknown>, file, line };
}

/**
 * JSON.parse speaks of positions in the text it was given, and sometimes quotes all of it. Users
 * need a line in their file, and a short message.
 */
function describeJsonError(message: string, text: string, line: number): string {
  const position = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (position) {
    const offset = Number(position[1]);
    let errorLine = line;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) errorLine++;
    return `${message.slice(0, position.index)} on line ${errorLine}`;
  }
  const quoting = /^(.*?), (?:\.\.\.)?".*" is not valid JSON$/s.exec(message);
  return quoting ? quoting[1] : message;
}

function preview(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return trimmed.length <= 40 ? trimmed : `${trimmed.slice(0, 37)}...`;
}
