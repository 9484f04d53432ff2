// The progress line on stderr: only on a terminal, a bar with the share of the leads file done and
// the time left (a count when the size is unknown), a note for a slow step before them (an events
// file put in lead order), and a last line with the total.

import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { bar, Progress } from "../../src/cli/progress.js";
import type { Terminal } from "../../src/cli/terminal.js";
import { writeFiles } from "../io/files.js";

function terminal(progress: boolean): { terminal: Terminal; text: () => string } {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { terminal: { stdout: new PassThrough(), stderr, color: false, progress, stdin: new PassThrough() }, text: () => text };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Progress", () => {
  it("notes a slow step, then counts, each line replacing the last, and ends with the total", async () => {
    const { terminal: t, text } = terminal(true);
    const progress = new Progress(t, "leads.csv");
    progress.note("putting the events in lead order first");
    progress.tick(49_999); // below the first step: nothing
    progress.tick(50_000);
    progress.done(60_000, 2);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = text().split("\r").filter(Boolean);
    expect(lines[0]).toBe("leads.csv: putting the events in lead order first\x1b[K");
    expect(lines[1]).toMatch(/^leads\.csv: 50,000 leads scored \([\d,]+\/s\)\x1b\[K$/);
    expect(lines[2]).toMatch(/^leads\.csv: 60,000 leads scored in [\d.]+ s, 2 invalid\x1b\[K\n$/);
  });

  it("shows a bar, the share of the file done and the time left when the file's size is known", async () => {
    vi.useFakeTimers({ now: 0, toFake: ["Date"] });
    const { terminal: t, text } = terminal(true);
    const progress = new Progress(t, "leads.csv", 1_000_000);
    progress.tick(1_000, 10_000); // the first count: the time left is measured from here
    vi.setSystemTime(2_000);
    progress.tick(50_000, 250_000); // 24% of the file in 2 s since the first count: 6.25 s more for the last 75%, shown rounded up
    vi.setSystemTime(3_000);
    progress.tick(100_000, 1_000_000);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = text().split("\r").filter(Boolean);
    expect(lines).toEqual([
      "leads.csv: [█████░░░░░░░░░░░░░░░]  25%  50,000 leads  25,000/s  about 7 s left\x1b[K",
      "leads.csv: [████████████████████] 100%  100,000 leads  33,333/s\x1b[K",
    ]);
  });

  it("draws the bar in twenty cells, rounding, and never past either end", () => {
    expect(bar(0)).toBe(`[${"░".repeat(20)}]`);
    expect(bar(0.5)).toBe(`[${"█".repeat(10)}${"░".repeat(10)}]`);
    expect(bar(0.024)).toBe(`[${"░".repeat(20)}]`);
    expect(bar(0.026)).toBe(`[█${"░".repeat(19)}]`);
    expect(bar(1.5)).toBe(`[${"█".repeat(20)}]`);
    expect(bar(-1)).toBe(`[${"░".repeat(20)}]`);
  });

  it("writes nothing when stderr is not a terminal", async () => {
    const { terminal: t, text } = terminal(false);
    const progress = new Progress(t, "leads.csv");
    progress.note("x");
    progress.tick(100_000);
    progress.done(100_000, 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe("");
  });

  it("is fed by `leadscore score` with the share of the leads file read (one thread)", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `L-${i},VP Sales`);
    const files = writeFiles({ "m.score": 'when title contains "vp" add 5\n', "leads.csv": ["id,title", ...rows].join("\n") + "\n" });
    const { terminal: t, text } = terminal(true);
    (t.stdout as PassThrough).resume(); // the results: read and dropped
    const code = await main(["score", files["m.score"], files["leads.csv"], "--threads", "1", "--as-of", "2026-11-15"], t);
    await new Promise((resolve) => setImmediate(resolve));
    expect(code).toBe(0);
    const lines = text().split("\r").filter(Boolean);
    // The reader runs a chunk ahead of the scoring: the share shown is at or a little past 50,000 of 60,000.
    const share = Number(/^.*leads\.csv: \[█+░*\]\s+(\d+)%  50,000 leads  [\d,]+\/s/.exec(lines[0])?.[1]);
    expect(share).toBeGreaterThanOrEqual(83);
    expect(share).toBeLessThanOrEqual(90);
    expect(lines[1]).toMatch(/leads\.csv: 60,000 leads scored in [\d.]+ s\x1b\[K\n$/);
  });
});
