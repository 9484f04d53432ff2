// The parallel scorer's output buffers go round (src/cli/parallel/buffer-pool.ts): a buffer given
// back is reused for the next output that fits in it, and the bytes are the text's UTF-8.

import { describe, expect, it } from "vitest";
import { BufferPool, encodeParts } from "../../src/cli/parallel/buffer-pool.js";

describe("BufferPool", () => {
  it("reuses a given-back buffer for an output that fits, and allocates for one that does not", () => {
    const pool = new BufferPool();
    const first = pool.take(1000);
    expect(first.length).toBe(1000);
    pool.give(first.buffer as ArrayBuffer);
    const second = pool.take(900);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(900);
    pool.give(second.buffer as ArrayBuffer);
    const bigger = pool.take(100_000);
    expect(bigger.buffer).not.toBe(first.buffer);
    expect(pool.take(10).buffer).toBe(first.buffer); // still spare
  });

  it("ignores a detached buffer and keeps a bounded number of spares", () => {
    const pool = new BufferPool();
    const taken = pool.take(64);
    structuredClone(taken.buffer, { transfer: [taken.buffer as ArrayBuffer] }); // detaches it
    pool.give(taken.buffer as ArrayBuffer);
    expect(pool.take(64).buffer).not.toBe(taken.buffer);
    const buffers = Array.from({ length: 40 }, () => pool.take(16).buffer as ArrayBuffer);
    for (const buffer of buffers) pool.give(buffer);
    const reused = new Set<ArrayBufferLike>();
    for (let i = 0; i < 40; i++) reused.add(pool.take(16).buffer);
    const kept = buffers.filter((buffer) => reused.has(buffer)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
  });

  it("encodes the parts as UTF-8, back to back", () => {
    const pool = new BufferPool();
    const parts = ['{"id":"Zoë"}\n', "", '{"id":"日本"}\n', "x".repeat(70_000)];
    const bytes = encodeParts(parts, pool);
    expect(bytes.toString("utf8")).toBe(parts.join(""));
    pool.give(bytes.buffer as ArrayBuffer);
    const again = encodeParts(["short"], pool);
    expect(again.buffer).toBe(bytes.buffer);
    expect(again.toString("utf8")).toBe("short");
  });
});
