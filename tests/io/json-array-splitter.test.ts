// The streaming splitter for .json arrays: where each element starts and ends, on which line, and
// what a broken file yields; the same result however the text is cut into chunks.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonArraySplitter, type JsonPiece } from "../../src/io/json-array-splitter.js";
import { chunksOf } from "./files.js";

function split(chunks: readonly string[], maxElementChars?: number): JsonPiece[] {
  const splitter = new JsonArraySplitter(maxElementChars);
  const out: JsonPiece[] = [];
  for (const chunk of chunks) splitter.push(chunk, out);
  splitter.finish(out);
  return out;
}

function splitEverywhere(text: string): JsonPiece[] {
  const whole = split([text]);
  for (const size of [1, 2, 3, 7]) expect(split(chunksOf(text, [size]))).toEqual(whole);
  return whole;
}

const element = (line: number, text: string): JsonPiece => ({ kind: "element", text, line });
const error = (line: number, message: string): JsonPiece => ({ kind: "error", line, message: expect.stringContaining(message) });

describe("JsonArraySplitter", () => {
  it("yields each top-level element with the line it starts on", () => {
    const text = '[\n  {"id": 1},\n  {"id": 2,\n   "tags": ["a", "b"]}\n]\n';
    expect(splitEverywhere(text)).toEqual([element(2, '{"id": 1}'), element(3, '{"id": 2,\n   "tags": ["a", "b"]}')]);
  });

  it("is not fooled by brackets, commas and escaped quotes inside strings", () => {
    const text = '[{"a": "x], {y", "b": "say \\"hi\\", [ok]", "c": "\\\\"}, {"d": "}"}]';
    const pieces = splitEverywhere(text);
    expect(pieces.map((piece) => (piece.kind === "element" ? JSON.parse(piece.text) : piece))).toEqual([
      { a: "x], {y", b: 'say "hi", [ok]', c: "\\" },
      { d: "}" },
    ]);
  });

  it("keeps nested objects and arrays in one element", () => {
    const text = '[{"events": [{"type": "opened email", "at": "2026-01-01"}, "x"], "o": {"p": {"q": []}}}]';
    expect(splitEverywhere(text)).toEqual([element(1, text.slice(1, -1))]);
  });

  it("yields scalars too (the reader reports them as not a lead)", () => {
    expect(splitEverywhere("[1, \"two\", null]")).toEqual([element(1, "1"), element(1, '"two"'), element(1, "null")]);
  });

  it("reads an empty array and an empty file as no elements", () => {
    expect(splitEverywhere("[ ]")).toEqual([]);
    expect(splitEverywhere("  \n")).toEqual([]);
  });

  it("reports a comma with no lead and reads on", () => {
    expect(splitEverywhere('[{"a":1},\n,{"b":2},\n]')).toEqual([
      element(1, '{"a":1}'),
      error(1, "no lead after it"),
      element(2, '{"b":2}'),
      error(2, "no lead after it"),
    ]);
    expect(splitEverywhere("[,{}]")).toEqual([error(1, "no lead before it"), element(1, "{}")]);
  });

  it.each([
    ["not an array", '{"id": 1}', [error(1, "expected a JSON array")]],
    ["text after the array", '[{"a":1}]\nx', [element(1, '{"a":1}'), error(2, "after the closing ']'")]],
    ["a mismatched bracket", '[{"a":1},\n{"b": [1}\n, {"c":3}]', [element(1, '{"a":1}'), error(2, "does not match")]],
    ["an unclosed string", '[{"a":1},\n{"b": "open}]\n', [element(1, '{"a":1}'), error(2, "file ends inside the lead that starts on line 2")]],
    ["a missing closing bracket", '[{"a":1}, {"b":2}', [element(1, '{"a":1}'), error(1, "file ends inside")]],
    ["a missing ']' after a comma", '[{"a":1},\n', [element(1, '{"a":1}'), error(2, "before the closing ']'")]],
  ])("stops at broken structure: %s", (_name, text, expected) => {
    expect(splitEverywhere(text)).toEqual(expected);
  });

  it("stops at an element longer than the limit instead of buffering the rest of the file", () => {
    const text = `[{"a": 1}, {"b": "${"x".repeat(100)}`;
    expect(split(chunksOf(text, [16]), 50)).toEqual([element(1, '{"a": 1}'), error(1, "longer than 50 characters")]);
  });
});

describe("JsonArraySplitter on generated arrays", () => {
  it("splits any array of objects back into its elements, with their lines, however it is cut", () => {
    const arrayArb = fc.record({
      leads: fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }),
      indent: fc.constantFrom(0, 2),
      cuts: fc.array(fc.integer({ min: 1, max: 11 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arrayArb, ({ leads, indent, cuts }) => {
        const texts = leads.map((lead) => JSON.stringify(lead, null, indent));
        const text = `[\n${texts.join(",\n")}\n]\n`;
        let line = 2;
        const expected = texts.map((element) => {
          const piece = element_(line, element);
          line += element.split("\n").length;
          return piece;
        });
        const pieces = split(chunksOf(text, cuts));
        expect(pieces).toEqual(expected);
        // Compared after a JSON round trip: -0 is written as 0.
        expect(pieces.map((piece) => (piece.kind === "element" ? JSON.parse(piece.text) : piece))).toEqual(texts.map((t) => JSON.parse(t)));
      }),
      { numRuns: 300 },
    );
  });
});

function element_(line: number, text: string): JsonPiece {
  return { kind: "element", text, line };
}
