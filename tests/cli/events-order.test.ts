// `leadscore score` with a big events file that is not grouped by lead (CRMs often export
// activities by date): the same output as with the file in lead order, the events put in order
// through temporary files that are gone afterwards, also when the run is interrupted.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { MERGE_JOIN_MIN_BYTES } from "../../src/io/event-join.js";
import { writeSampleFiles, type SampleFiles } from "../../scripts/sample-data-writer.js";
import { REPO, runCli } from "../support/run-cli.js";

const LEADS = 90_000;
let files: SampleFiles;
let shuffled: string;

const args = (events: string) => ["score", `${REPO}/examples/acme.score`, files.leadsCsv, "--events", events, "--as-of", "2026-11-15T00:00:00Z"];
const temporaryDirs = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("leadscore-events-"));

beforeAll(async () => {
  const dir = tempDir("unordered");
  // ~90k generated leads: their events file is just over 16 MB, so it is put in lead order
  // (src/io/event-reorder.ts) rather than indexed in memory.
  files = await writeSampleFiles({ count: LEADS, dir, json: false });
  expect(statSync(files.eventsCsv).size).toBeGreaterThan(MERGE_JOIN_MIN_BYTES);
  const [header, ...rows] = readFileSync(files.eventsCsv, "utf8").trimEnd().split("\n");
  shuffled = join(dir, "events-shuffled.csv");
  writeFileSync(shuffled, [header, ...[0, 1, 2].flatMap((part) => rows.filter((_, i) => i % 3 === part))].join("\n"));
});

describe("score on a big events file not grouped by lead", () => {
  it("gives the output of the file in lead order, and leaves no temporary files", () => {
    const scratch = tempDir("tmpdir");
    const inOrder = runCli(args(files.eventsCsv));
    const reordered = runCli(args(shuffled), { env: { TMPDIR: scratch } });
    expect(reordered.stdout.split("\n").length).toBe(LEADS + 1);
    expect(reordered).toEqual(inOrder);
    expect(temporaryDirs(scratch)).toEqual([]);
  });

  it("removes its temporary files when interrupted (SIGINT), exiting with 130", async () => {
    const scratch = tempDir("tmpdir");
    const child = spawn(process.execPath, [join(REPO, "bin", "leadscore.js"), ...args(shuffled)], { env: { ...process.env, TMPDIR: scratch }, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    while (temporaryDirs(scratch).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(temporaryDirs(scratch)).toEqual([]);
  });
});
