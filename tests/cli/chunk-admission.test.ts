// The parallel scorer's bound on output waiting to be written (src/cli/parallel/chunk-admission.ts).

import { describe, expect, it } from "vitest";
import { ChunkAdmission, SPECULATIVE_BYTES, SPECULATIVE_CHUNKS } from "../../src/cli/parallel/chunk-admission.js";

/** Takes chunks while allowed, each scored at once into `bytesEach` of output; returns how many. */
function takeAll(admission: ChunkAdmission, planHolds: boolean, bytesEach: number): number {
  let taken = 0;
  while (admission.mayTake(planHolds)) {
    admission.take();
    admission.scored(bytesEach);
    taken++;
  }
  return taken;
}

describe("ChunkAdmission", () => {
  it("hands out no chunk that is not planned yet", () => {
    let planned = 3;
    const admission = new ChunkAdmission(() => planned, 2);
    expect(takeAll(admission, true, 10)).toBe(3);
    planned = 5;
    expect(takeAll(admission, true, 10)).toBe(2);
  });

  it("once the plan holds, lets 8 chunks per thread wait to be written, and more as they are", () => {
    const admission = new ChunkAdmission(() => 1000, 2);
    expect(takeAll(admission, true, 1)).toBe(16);
    admission.written(1);
    admission.written(1);
    expect(admission.nextToWrite).toBe(2);
    expect(takeAll(admission, true, 1)).toBe(2);
  });

  it("while planning, scores ahead up to a number of chunks when their output is small", () => {
    const admission = new ChunkAdmission(() => 1000, 2);
    expect(takeAll(admission, false, 100_000)).toBe(SPECULATIVE_CHUNKS);
  });

  it("while planning, stops at a number of bytes when the output is big (explain)", () => {
    const admission = new ChunkAdmission(() => 1000, 2);
    const bytesEach = 1_500_000;
    expect(takeAll(admission, false, bytesEach)).toBe(Math.ceil(SPECULATIVE_BYTES / bytesEach));
    admission.written(bytesEach);
    expect(admission.mayTake(false)).toBe(true);
  });
});
