// The parallel scorer's plan for JSON array files (json-array-plan.ts): reading the planned chunks
// one by one, each as an array of its own, must give exactly the inputs (and lines) of reading the
// whole file; a file the splitter would report a structural problem in gets no plan, so the
// sequential reader reports it.

import { describe, expect, it } from "vitest";
import { planJsonArray } from "../../src/io/json-array-plan.js";
import type { LeadInput } from "../../src/io/lead-input.js";
import { readJsonLeadBatches } from "../../src/io/read-json.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { collect, writeFiles } from "./files.js";

/** Elements with the characters that decide where an element ends, inside and outside strings. */
const ELEMENTS = [
  '{"id":"L-1","title":"VP"}',
  '{"id": 2, "events": ["opened email", {"type": "visited pricing page", "at": "2026-11-01T00:00:00Z"}]}',
  '{"id":"L-3","title":"a ] b } c, d [ { \\" e \\\\"}',
  '{"id":"L-4","title":"Zoë 日本"}',
  '{"id":"L-5","title":"two\nlines"}',
  '{"id":"L-6",\n  "title": "spread",\r\n  "tags": ["a", "b"]\n}',
  "not json",
  "[1, [2, 3]]",
  '"just a string"',
  '{"id":"L-7","company_size":"lots"}',
  "{}",
  '{"id":"L-8","title":"ends with a backslash \\\\"}',
];

function generateArray(rng: Rng): string {
  const gap = () => rng.pick(["", " ", "\n", "\r\n", "\n\n  ", "\t"]);
  const elements = Array.from({ length: rng.int(0, 30) }, () => gap() + rng.pick(ELEMENTS) + gap());
  let text = gap() + "[" + elements.join(",") + "]" + gap();
  if (rng.int(0, 4) === 0) text = "\ufeff" + text;
  return text;
}

async function chunkedInputs(path: string, chunkLeads: number, blockBytes: number): Promise<LeadInput[] | undefined> {
  const plan = await planJsonArray(path, chunkLeads, blockBytes);
  if (plan === undefined) return undefined;
  const inputs: LeadInput[] = [];
  for (const chunk of plan.chunks) {
    expect(chunk.inputsBefore).toBe(inputs.length);
    inputs.push(...(await collect(readJsonLeadBatches(path, { start: chunk.leadsStart, end: chunk.leadsEnd, line: chunk.leadsLine }))).flat());
  }
  return inputs;
}

describe("planJsonArray", () => {
  it("cuts generated arrays into chunks whose reads give the whole file's inputs, lines included", async () => {
    const runs = fuzzRuns(150);
    let planned = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const text = generateArray(rng);
      const { "leads.json": path } = writeFiles({ "leads.json": text });
      const whole = (await collect(readJsonLeadBatches(path))).flat();
      const inputs = await chunkedInputs(path, rng.int(1, 5), rng.pick([5, 16, 64, 1 << 20]));
      if (inputs === undefined) {
        expect(whole, `seed ${seed}: ${JSON.stringify(text)}`).toEqual([]); // only an empty array has no plan
        continue;
      }
      planned++;
      expect(inputs, `seed ${seed}: ${JSON.stringify(text)}`).toEqual(whole);
    }
    expect(planned).toBeGreaterThan(runs / 2);
  });

  it.each([
    ["no array", '{"id": 1}'],
    ["an empty element", '[{"id": 1},, {"id": 2}]'],
    ["a comma before the first element", '[, {"id": 1}]'],
    ["a comma before ]", '[{"id": 1},]'],
    ["a bracket that does not match", '[{"id": [1}]'],
    ["an unclosed string", '[{"id": "L-1}]'],
    ["an unclosed array", '[{"id": 1}, {"id": 2}'],
    ["text after the array", '[{"id": 1}] x'],
    ["an empty array", "[ ]"],
  ])("gives no plan for %s (the sequential reader reports it)", async (_, text) => {
    const { "leads.json": path } = writeFiles({ "leads.json": text });
    expect(await planJsonArray(path, 1)).toBeUndefined();
  });
});
