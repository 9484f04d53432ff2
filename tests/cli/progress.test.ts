// The progress line on stderr: only on a terminal, counts as leads are scored, a note for a slow
// step before them (an events file put in lead order), and a last line with the total.

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Progress } from "../../src/cli/progress.js";
import type { Terminal } from "../../src/cli/terminal.js";

function terminal(progress: boolean): { terminal: Terminal; text: () => string } {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { terminal: { stdout: new PassThrough(), stderr, color: false, progress, stdin: new PassThrough() }, text: () => text };
}

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

  it("writes nothing when stderr is not a terminal", async () => {
    const { terminal: t, text } = terminal(false);
    const progress = new Progress(t, "leads.csv");
    progress.note("x");
    progress.tick(100_000);
    progress.done(100_000, 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe("");
  });
});
