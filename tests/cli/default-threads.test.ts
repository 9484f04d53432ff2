// Without --threads, `leadscore score` uses two threads for inputs of 8 MB and more (when the
// machine has two cores), one below: small files do not pay a worker's start-up.

import { closeSync, ftruncateSync, openSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { defaultThreads, PARALLEL_MIN_BYTES } from "../../src/cli/parallel/default-threads.js";
import { writeSampleFiles } from "../../scripts/sample-data-writer.js";
import { REPO, runCli } from "../support/run-cli.js";

/** A file of `bytes` bytes that takes no disk space (a sparse file): only its size is read. */
function sizedFile(path: string, bytes: number): string {
  const fd = openSync(path, "w");
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe("default thread count", () => {
  const dir = tempDir("threads");
  const small = sizedFile(join(dir, "small.csv"), PARALLEL_MIN_BYTES - 1);
  const half = sizedFile(join(dir, "half.csv"), PARALLEL_MIN_BYTES / 2);
  const big = sizedFile(join(dir, "big.csv"), PARALLEL_MIN_BYTES);

  it("is 2 from 8 MB of input (leads and events together) on two cores or more", async () => {
    expect(await defaultThreads(big, undefined, 2)).toBe(2);
    expect(await defaultThreads(half, half, 2)).toBe(2);
    expect(await defaultThreads(big, undefined, 16)).toBe(2);
  });

  it("is 1 below 8 MB, on one core, and for a file it cannot read (the reader reports it)", async () => {
    expect(await defaultThreads(small, undefined, 2)).toBe(1);
    expect(await defaultThreads(half, undefined, 2)).toBe(1);
    expect(await defaultThreads(big, big, 1)).toBe(1);
    expect(await defaultThreads(join(dir, "missing.csv"), undefined, 2)).toBe(1);
  });
});

describe("score without --threads on a file over 8 MB", () => {
  it("gives the output of one thread", async () => {
    const dir = tempDir("threads");
    // ~30k generated leads with their events: just over 8 MB.
    const files = await writeSampleFiles({ count: 30_000, dir, json: false });
    expect(await defaultThreads(files.leadsCsv, files.eventsCsv, 2)).toBe(2);
    const args = ["score", `${REPO}/examples/acme.score`, files.leadsCsv, "--events", files.eventsCsv, "--as-of", "2026-11-15T00:00:00Z"];
    const byDefault = runCli(args);
    const oneThread = runCli([...args, "--threads", "1"]);
    expect(byDefault.stdout.split("\n").length).toBe(30_001);
    expect(byDefault).toEqual(oneThread);
  });
});

