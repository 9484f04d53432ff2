// `leadscore score` with a big events file that is not grouped by lead (CRMs often export
// activities by date): the same output as with the file in lead order, the events rewritten in
// order through temporary files that are gone afterwards.

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MERGE_JOIN_MIN_BYTES } from "../../src/io/event-join.js";
import { writeSampleFiles } from "../../scripts/sample-data-writer.js";
import { REPO, runCli } from "../support/run-cli.js";

describe("score on a big events file not grouped by lead", () => {
  it("gives the output of the file in lead order, and leaves no temporary files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadscore-unordered-"));
    // ~90k generated leads: their events file is just over 16 MB, so it is rewritten in lead order
    // (src/io/event-reorder.ts) rather than indexed in memory.
    const files = await writeSampleFiles({ count: 90_000, dir, json: false });
    expect(statSync(files.eventsCsv).size).toBeGreaterThan(MERGE_JOIN_MIN_BYTES);
    const [header, ...rows] = readFileSync(files.eventsCsv, "utf8").trimEnd().split("\n");
    const shuffled = join(dir, "events-shuffled.csv");
    writeFileSync(shuffled, [header, ...[0, 1, 2].flatMap((part) => rows.filter((_, i) => i % 3 === part))].join("\n"));
    const temporary = () => readdirSync(tmpdir()).filter((name) => name.startsWith("leadscore-events-")).length;
    const before = temporary();
    const args = (events: string) => ["score", `${REPO}/examples/acme.score`, files.leadsCsv, "--events", events, "--as-of", "2026-11-15T00:00:00Z"];
    const inOrder = runCli(args(files.eventsCsv));
    const reordered = runCli(args(shuffled));
    expect(reordered.stdout.split("\n").length).toBe(90_001);
    expect(reordered).toEqual(inOrder);
    expect(temporary()).toBe(before);
  });
});
