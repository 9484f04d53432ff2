// `leadscore score` on worker threads gives byte for byte the output of the main-thread path:
// records, error records, event warnings and exit code, in every format, with and without an
// events file. LEADSCORE_CHUNK_LEADS cuts the small test files into many chunks, so chunk
// boundaries fall everywhere, including next to bad rows. The same for JSON Lines and JSON arrays.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planJsonArray } from "../../src/io/json-array-plan.js";
import { planJsonl } from "../../src/io/jsonl-plan.js";
import { planParallel } from "../../src/io/parallel-plan.js";
import { writeFiles } from "../io/files.js";
import { REPO, runCli, type CliRun } from "../support/run-cli.js";

const MODEL = `${REPO}/examples/acme.score`;
const AS_OF = ["--as-of", "2026-11-15T00:00:00Z"];

/** The example leads and events, with bad rows of each kind spread through them. */
function oddFiles(): Record<string, string> {
  const leads = readFileSync(`${REPO}/examples/leads.csv`, "utf8").split("\n");
  const events = readFileSync(`${REPO}/examples/events.csv`, "utf8").split("\n");
  leads.splice(5, 0, "L-bad,too,few");
  leads.splice(40, 0, "");
  leads.splice(41, 0, "    ");
  leads.splice(77, 0, 'L-quoted,Ann,Lee,ann@x.com,"Head of\nGrowth",Acme,12,saas,US,false,2026-01-01,');
  leads.splice(120, 0, "L-size,Bo,Ng,bo@x.com,CTO,Acme,lots,saas,US,false,2026-01-01,");
  events.splice(3, 0, "broken,row,with,too,many");
  events.splice(300, 0, ",opened email,2026-11-01T00:00:00Z");
  events.push("trailing,bad,row,x");
  return writeFiles({ "leads.csv": leads.join("\n"), "events.csv": events.join("\n") });
}

/**
 * `leadscore score MODEL ...args --as-of ...` on the main thread alone, and on two threads with
 * chunks of `chunkLeads` leads (and, for events out of lead order, buckets of `bucketBytes`).
 */
function onOneAndTwoThreads(args: string[], chunkLeads: number, bucketBytes?: number): { sequential: CliRun; parallel: CliRun } {
  const score = (threads: string) => ["score", MODEL, ...args, ...AS_OF, "--threads", threads];
  const env: Record<string, string> = { LEADSCORE_CHUNK_LEADS: String(chunkLeads) };
  if (bucketBytes !== undefined) env.LEADSCORE_BUCKET_BYTES = String(bucketBytes);
  return { sequential: runCli(score("1")), parallel: runCli(score("2"), { env }) };
}

describe("score --threads", () => {
  const files = oddFiles();

  it("is planned in parallel for these files (so the tests below compare the two paths)", async () => {
    const plan = await planParallel(files["leads.csv"], files["events.csv"], "id", 7);
    expect(plan?.chunks.length).toBeGreaterThan(30);
  });

  it.each([
    ["jsonl, with events", ["--events", "events.csv"]],
    ["csv, with events", ["--events", "events.csv", "--format", "csv"]],
    ["explain, with events", ["--events", "events.csv", "--explain"]],
    ["csv explain, no events", ["--format", "csv", "--explain"]],
    ["jsonl, no events", []],
  ])("gives the main thread's output (%s)", (_, options) => {
    const { sequential, parallel } = onOneAndTwoThreads([files["leads.csv"], ...options.map((o) => (o.endsWith(".csv") ? files[o] : o))], 7);
    expect(sequential.stdout.split("\n").length).toBeGreaterThan(250);
    expect(parallel.stdout).toBe(sequential.stdout);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(parallel.code).toBe(sequential.code);
    expect(parallel.code).toBe(1); // the bad rows
  });

  it.each([
    ["events out of lead order", (events: string[]) => [events[0], ...events.slice(1).reverse()]],
    ["a malformed quote in the last lead", (events: string[]) => events],
  ])("falls back to the main thread, having written nothing, when the plan fails late (%s)", (name, reorder) => {
    const leads = readFileSync(files["leads.csv"], "utf8").trimEnd().split("\n");
    if (name.includes("quote")) leads.push('L-late,Al,Po,al@x.com,"CTO"x,Acme,5,saas,US,false,2026-01-01,');
    const events = reorder(readFileSync(files["events.csv"], "utf8").trimEnd().split("\n"));
    const paths = writeFiles({ "leads.csv": leads.join("\n"), "events.csv": events.join("\n") });
    const { sequential, parallel } = onOneAndTwoThreads([paths["leads.csv"], "--events", paths["events.csv"]], 3);
    expect(sequential.stdout.split("\n").length).toBeGreaterThan(250);
    expect(parallel).toEqual(sequential);
  });

  // Two threads put the events in order (src/io/csv-event-reorder.ts), in one bucket or many.
  it.each([
    ["without bad rows", false, undefined],
    ["with bad rows, reported first", true, undefined],
    ["without bad rows, many buckets", false, 1024],
    ["with bad rows, reported first, many buckets", true, 1024],
  ])("gives the main thread's output on events not grouped by lead (%s)", (_, withBadRows, bucketBytes) => {
    const events = readFileSync(`${REPO}/examples/events.csv`, "utf8").trimEnd().split("\n");
    const shuffled = [events[0], ...events.slice(1).filter((_, i) => i % 2 === 0), ...events.slice(1).filter((_, i) => i % 2 === 1)];
    if (withBadRows) shuffled.splice(10, 0, "broken,row,with,too,many");
    const paths = writeFiles({ "events.csv": shuffled.join("\n") });
    const { sequential, parallel } = onOneAndTwoThreads([`${REPO}/examples/leads.csv`, "--events", paths["events.csv"]], 5, bucketBytes);
    expect(sequential.stdout.split("\n").length).toBeGreaterThan(250);
    expect(parallel).toEqual(sequential);
    expect(sequential.stdout).toBe(runCli(["score", MODEL, `${REPO}/examples/leads.csv`, "--events", `${REPO}/examples/events.csv`, ...AS_OF]).stdout);
  });

  it("merge-joins events that only look out of order because the leads repeat an id", () => {
    // A, B, A is in order for these leads: the planner's merge join gives the first A the first
    // row and the second A the last, as before the order hint (src/io/events-order-hint.ts). (The
    // main thread indexes a file this small and gives each A both: repeated ids are the one case
    // where the joins differ, see src/io/event-merge.ts.)
    const paths = writeFiles({ "leads.csv": "id,title\nA,CEO\nB,VP Sales\nA,CTO\n", "events.csv": "lead_id,type,at\nA,opened email,\nB,opened email,\nA,downloaded whitepaper,\n" });
    const { parallel } = onOneAndTwoThreads([paths["leads.csv"], "--events", paths["events.csv"]], 1);
    const engagement = parallel.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).groups.engagement.score);
    expect(engagement).toEqual([2, 2, 5]);
  });

  it("gives the main thread's output on JSON Lines", async () => {
    const leads = (JSON.parse(readFileSync(`${REPO}/examples/leads.json`, "utf8")) as unknown[]).map((lead) => JSON.stringify(lead));
    leads.splice(3, 0, "", "not json");
    leads.splice(50, 0, '{"id": "L-bad", "company_size": "lots"}', "   ");
    const { "leads.jsonl": path } = writeFiles({ "leads.jsonl": leads.join("\n") });
    expect((await planJsonl(path, 7))?.chunks.length).toBeGreaterThan(30);
    const { sequential, parallel } = onOneAndTwoThreads([path], 7);
    expect(sequential.stdout.split("\n").length).toBeGreaterThan(250);
    expect(parallel).toEqual(sequential);
    expect(parallel.code).toBe(1);
  });

  it("gives the main thread's output on a JSON array, and on one it cannot cut (read sequentially)", async () => {
    const leads = (JSON.parse(readFileSync(`${REPO}/examples/leads.json`, "utf8")) as unknown[]).map((lead) => JSON.stringify(lead, null, 1));
    leads.splice(3, 0, "not json", '{"id": "L-bad", "company_size": "lots"}', '"a string"');
    leads.splice(60, 0, '{"id": "L-odd", "title": "a ] b } c, \\" d"}');
    const good = "[\n" + leads.join(",\n") + "\n]\n";
    const broken = good.replace(/\]\n$/, ""); // the closing bracket missing: reported at the end
    const { "leads.json": path, "broken.json": brokenPath } = writeFiles({ "leads.json": good, "broken.json": broken });
    expect((await planJsonArray(path, 7))?.chunks.length).toBeGreaterThan(30);
    for (const file of [path, brokenPath]) {
      const { sequential, parallel } = onOneAndTwoThreads([file], 7);
      expect(sequential.stdout.split("\n").length).toBeGreaterThan(250);
      expect(parallel).toEqual(sequential);
      expect(parallel.code).toBe(1);
    }
  });

  it("rejects a thread count that is not auto or a whole number from 1 to 64", () => {
    const result = runCli(["score", MODEL, files["leads.csv"], "--threads", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--threads must be auto or a whole number from 1 to 64");
  });
});
