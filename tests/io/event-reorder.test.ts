// A big events file out of lead order is rewritten in lead order and merge-joined: from the bytes
// of CSV files (src/io/csv-event-reorder.ts) or as the readers read them (src/io/event-reorder.ts).
// Either way every lead must get exactly the events the index join gives it, bad rows first,
// whatever the order, the bucket count, odd characters in ids, types and times, unknown leads,
// leads without ids or with events of their own; repeated lead ids fall back to the index join.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { joinEvents, MERGE_JOIN_MIN_BYTES } from "../../src/io/event-join.js";
import { mergeJoin } from "../../src/io/event-merge.js";
import { reorderCsvEvents } from "../../src/io/csv-event-reorder.js";
import { reorderEvents } from "../../src/io/event-reorder.js";
import { eventsEvidentlyOutOfOrder } from "../../src/io/events-order-hint.js";
import type { LeadInput } from "../../src/io/lead-input.js";
import { planParallel } from "../../src/io/parallel-plan.js";
import { leadSource, readLeadIds } from "../../src/io/read-leads.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { collect, writeFiles } from "./files.js";


/** The inputs as the index join gives them, and through the reordering merge join with tiny buckets. */
async function bothJoins(leadsPath: string, eventsPath: string, bucketBytes: number): Promise<[LeadInput[], LeadInput[]]> {
  const byIndex = (await collect(joinEvents(leadSource(leadsPath), eventsPath, { idField: "id", join: "index" }))).flat();
  const reordered = (await collect(joinEvents(leadSource(leadsPath), eventsPath, { idField: "id", join: "merge", bucketBytes }))).flat();
  return [byIndex, reordered];
}

/** The same reordering merge join with the leads file read as text (as for JSON leads): event-reorder.ts. */
async function textReorderedJoin(leadsPath: string, eventsPath: string, bucketBytes: number): Promise<LeadInput[]> {
  const asText = { ...leadSource(leadsPath), csvPath: undefined };
  return (await collect(joinEvents(asText, eventsPath, { idField: "id", join: "merge", bucketBytes }))).flat();
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const IDS = ["L-1", "L-2", " L-3 ", "L,4", 'L"5', "L\t6", "L\\7", "Zoë", "線-9", "L-10", "L\n11"];
const TYPES = ["opened email", "Opened  Email", "a,b", 'say "hi"', "tab\there", "back\\slash", "naïve", "line\nbreak"];
const TIMES = ["", "2026-11-01T10:00:00Z", " 2026-11-02 ", "not a time", "2026-11-03"];

/** Leads (some repeated ids avoided: that case has its own test) and events in random order, with bad rows. */
function generated(rng: Rng): { leads: string; events: string } {
  const ids = IDS.filter(() => rng.chance(0.8)).map((id) => (rng.chance(0.1) ? ` ${id}\t` : id)); // spaces the join trims
  const leadRows = ids.map((id, i) => `${csvField(id)},title ${i}`);
  if (rng.chance(0.5)) leadRows.splice(rng.int(0, leadRows.length), 0, ",no id"); // a lead without id
  if (rng.chance(0.3)) leadRows.splice(rng.int(0, leadRows.length), 0, rng.pick(["L-1,bad,row", "", "   "])); // not leads
  const eventRows: string[] = [];
  for (let n = rng.int(0, 40); n > 0; n--) {
    const picked = rng.chance(0.9) ? rng.pick(IDS) : "L-unknown";
    const id = rng.chance(0.1) ? `\u00a0${picked} ` : picked; // spaces (one of them Unicode) the join trims
    if (rng.chance(0.05)) eventRows.push("   "); // a line of spaces: skipped
    if (rng.chance(0.08)) eventRows.push(rng.pick([",x,", " \t,x,", `${csvField(id)},,`, `${csvField(id)},  ,`, `${csvField(id)}, \u00a0,`, `${csvField(id)},a,b,c`])); // bad rows
    else eventRows.push(`${csvField(id)},${csvField(rng.pick(TYPES))},${csvField(rng.pick(TIMES))}`);
  }
  return { leads: ["id,title", ...leadRows].join("\n") + "\n", events: ["lead_id,type,at", ...eventRows].join(rng.chance(0.2) ? "\r\n" : "\n") };
}

describe("events out of lead order", () => {
  it("reach each lead as from the index join, bad rows first, on generated files and bucket sizes", async () => {
    const runs = fuzzRuns(150);
    let withEvents = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const { leads, events } = generated(rng);
      const files = writeFiles({ "leads.csv": leads, "events.csv": events });
      const bucketBytes = rng.pick([1, 16, 64, 1 << 20]);
      const [byIndex, reordered] = await bothJoins(files["leads.csv"], files["events.csv"], bucketBytes);
      expect({ seed, inputs: reordered }).toEqual({ seed, inputs: byIndex });
      expect({ seed, inputs: await textReorderedJoin(files["leads.csv"], files["events.csv"], bucketBytes) }).toEqual({ seed, inputs: byIndex });
      // The join above read the files' bytes (it falls back to the text reader when it cannot).
      const chunkLeads = rng.int(1, 4);
      const fromBytes = await reorderCsvEvents(files["leads.csv"], files["events.csv"], "id", { bucketBytes, chunkLeads });
      expect(fromBytes).toBeDefined();
      // Its chunks are the planning pass's over the rewritten file (the parallel scorer skips that pass).
      expect({ seed, plan: fromBytes!.plan }).toEqual({ seed, plan: await planParallel(files["leads.csv"], fromBytes!.path, "id", chunkLeads) });
      await fromBytes!.remove();
      withEvents += byIndex.filter((input) => input.kind === "lead" && Array.isArray(input.raw.events)).length;
    }
    expect(withEvents).toBeGreaterThan(runs); // the files did attach events
  });

  it("append to the events JSON leads already have", async () => {
    const files = writeFiles({
      "leads.jsonl": '{"id": 1, "events": ["opened email"]}\n{"id": "L-2"}\n{"id": 3, "events": "bad"}\n{"name": "no id"}\n',
      "events.csv": "lead_id,type,at\nL-2,b,\n1,a,2026-11-01\nL-2,c,\n3,x,\n",
    });
    const [byIndex, reordered] = await bothJoins(files["leads.jsonl"], files["events.csv"], 1);
    expect(reordered).toEqual(byIndex);
    expect(reordered.map((input) => input.kind === "lead" && input.raw.events)).toEqual([
      ["opened email", { type: "a", at: "2026-11-01" }],
      [{ type: "b" }, { type: "c" }],
      "bad",
      undefined,
    ]);
  });

  it("fall back to the index join when the leads repeat an id (both leads get the events)", async () => {
    // Out of order even for the order check (which a repeated id can satisfy: the merge then runs).
    const files = writeFiles({ "leads.csv": "id\nL-1\nL-2\nL-1\n", "events.csv": "lead_id,type\nL-2,b\nL-1,a\nL-2,c\n" });
    expect(await reorderEvents(readLeadIds(files["leads.csv"]), files["events.csv"], 1)).toBeUndefined();
    expect(await reorderCsvEvents(files["leads.csv"], files["events.csv"], "id", { bucketBytes: 1 })).toBeUndefined();
    const [byIndex, reordered] = await bothJoins(files["leads.csv"], files["events.csv"], 1);
    expect(reordered).toEqual(byIndex);
    expect(reordered.map((input) => input.kind === "lead" && input.raw.events)).toEqual([[{ type: "a" }], [{ type: "b" }, { type: "c" }], [{ type: "a" }]]);
  });

  it("stop the merge join with an error, rather than lose events, when rows are out of place", async () => {
    // The order check (or the plan) would have caught this: the join itself must not drop A's row.
    const files = writeFiles({ "leads.csv": "id\nA\nB\n", "events.csv": "lead_id,type\nB,b\nA,a\n" });
    await expect(collect(mergeJoin(leadSource(files["leads.csv"]).open(), files["events.csv"], "id"))).rejects.toThrow(/events.csv:3: an event of lead "A" out of place/);
  });

  it("are seen out of order from the file's start when a lead's rows come back after another's", async () => {
    const evident = async (events: string) => eventsEvidentlyOutOfOrder(writeFiles({ "events.csv": events })["events.csv"]);
    expect(await evident("lead_id,type\nA,x\nB,x\nA,x\n")).toBe(true);
    expect(await evident("type,Lead ID\nx,A\nx, B\nx,A \n")).toBe(true); // ids trimmed, any column order
    expect(await evident("lead_id,type\nA,x\nA,y\nB,x\nC,x\n")).toBe(false);
    expect(await evident("lead_id,type\nA,x\nB,x,bad\n,x\nA,x\n")).toBe(false); // bad rows are not events
    expect(await evident("lead,kind\nA,x\nB,x\nA,x\n")).toBe(false); // no lead_id column: the readers report it
    expect(await eventsEvidentlyOutOfOrder("/no/such/events.csv")).toBe(false);
    // Rows without a time first, in lead order, as an export by date may start: the middle shows it.
    const untimed = Array.from({ length: 60_000 }, (_, i) => `L-${i},opened email,`);
    const timed = Array.from({ length: 60_000 }, (_, i) => `L-${(i * 7919) % 5_000},visited,2026-11-01T00:00:${String(i % 60).padStart(2, "0")}Z`);
    expect(await evident(["lead_id,type,at", ...untimed, ...timed, ...timed].join("\n"))).toBe(true);
    expect(await evident(["lead_id,type,at", ...untimed, ...untimed].join("\n"))).toBe(false);
  });

  it("are seen out of order from the leads file's start when two leads' rows come the other way round", async () => {
    const evident = async (leads: string, events: string, idField = "id") => {
      const files = writeFiles({ "leads.csv": leads, "events.csv": events });
      return eventsEvidentlyOutOfOrder(files["events.csv"], { path: files["leads.csv"], idField });
    };
    const events = "lead_id,type\nA,x\nA,y\nB,x\nC,x\n"; // grouped by lead: no A, B, A
    expect(await evident("id\nA\nB\nC\n", events)).toBe(false);
    expect(await evident("id\nA\nX\nB\nY\nC\n", events)).toBe(false); // leads without rows between
    expect(await evident("id\nB\nA\nC\n", events)).toBe(true);
    expect(await evident("id\nC\nX\nA\n", events)).toBe(true); // B not among these leads: A and C still tell
    expect(await evident("name,key\nb,  B \na,A\n", events, "key")).toBe(true); // ids trimmed, any column
    expect(await evident("id,n\nA,1,bad\nB,1\nA,1\n", events)).toBe(true); // a malformed row is not a lead: A is after B
    expect(await evident("id\nB\nA\nB\n", events)).toBe(false); // a repeated id: the order proves nothing
    expect(await evident("name\nB\nA\n", events)).toBe(false); // no id column: the readers report it
    expect(await eventsEvidentlyOutOfOrder(writeFiles({ "events.csv": events })["events.csv"], { path: "/no/such/leads.csv", idField: "id" })).toBe(false);
  });

  it("are merge-joined after all when they only looked out of order because the leads repeat an id", async () => {
    // A, B, A: in order for these leads, so the merge join gives each A its own rows, as before
    // the hint existed; the rewrite finds the repeated id and the order check then runs.
    const files = writeFiles({ "leads.csv": "id\nA\nB\nA\n", "events.csv": "lead_id,type\nA,a1\nA,a2\nB,b1\nA,a3\n" });
    expect(await eventsEvidentlyOutOfOrder(files["events.csv"])).toBe(true);
    const inputs = (await collect(joinEvents(leadSource(files["leads.csv"]), files["events.csv"], { idField: "id", join: "merge" }))).flat();
    expect(inputs.map((input) => input.kind === "lead" && input.raw.events)).toEqual([[{ type: "a1" }, { type: "a2" }], [{ type: "b1" }], [{ type: "a3" }]]);
  });

  it("write the rows in lead order, keeping each lead's in file order, and leave no temporary files", async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith("leadscore-events-")).length;
    const files = writeFiles({ "leads.csv": "id\nA\nB\nC\n", "events.csv": "lead_id,type,at\nC,c1,\nB,b1,2026-01-01\nA,a1,\nC,c2,\nB,b2,\n" });
    const reordered = await reorderEvents(readLeadIds(files["leads.csv"]), files["events.csv"], 8);
    expect(reordered).toBeDefined();
    expect(readFileSync(reordered!.path, "utf8")).toBe('lead_id,type,at\n"A","a1",\n"B","b1","2026-01-01"\n"B","b2",\n"C","c1",\n"C","c2",\n');
    await reordered!.remove();
    expect(existsSync(reordered!.path)).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("leadscore-events-")).length).toBe(before);
  });

  it("are rewritten from the bytes of CSV files: the header and each row as they were, in lead order", async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith("leadscore-events-")).length;
    const files = writeFiles({
      "leads.csv": "name,id\nann,A\n\nbob,B\nbad row\ncy,C\n",
      // Its own column order and an extra column, CRLF rows, a quoted row over two lines, a lead
      // not in the leads file, a bad row, and a last row without a line end.
      "events.csv": 'AT,Lead ID,Type,note\r\n,C,c1,x\r\n2026-01-01,B,"b\n1",\r\n,Z,z1,\r\n,A,a1,\r\n,,no lead,\r\n,C,c2,',
    });
    const reordered = await reorderCsvEvents(files["leads.csv"], files["events.csv"], "id", { bucketBytes: 8 });
    expect(reordered).toBeDefined();
    expect(readFileSync(reordered!.path, "utf8")).toBe('AT,Lead ID,Type,note\r\n,A,a1,\r\n2026-01-01,B,"b\n1",\r\n,C,c1,x\r\n,C,c2,\n');
    expect(reordered!.problems).toEqual([{ kind: "malformed", file: files["events.csv"], line: 7, message: "an event without a lead_id" }]);
    // The parallel scorer can cut the leads and the rewritten file into chunks (src/cli/parallel/score-reordered.ts).
    expect((await planParallel(files["leads.csv"], reordered!.path, "id", 1))?.chunks.length).toBe(3);
    await reordered!.remove();
    expect(existsSync(reordered!.path)).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("leadscore-events-")).length).toBe(before);
  });

  it("are rewritten the same on two threads as on one (the compiled helper thread, one bucket or many)", async () => {
    // The helper thread exists only compiled (npm test builds lib/ first).
    const { reorderCsvEvents: compiledReorder } = await import("../../lib/src/io/csv-event-reorder.js");
    for (let seed = 1; seed <= fuzzRuns(12); seed++) {
      const rng = createRng(seed);
      const ids = Array.from({ length: rng.int(1, 300) }, (_, i) => `L-${(i * 7919) % 1000}`);
      const rows: string[] = [];
      for (let n = rng.int(0, 1500); n > 0; n--) {
        if (rng.chance(0.02)) rows.push(rng.pick([",x,", "L-1,,"])); // bad rows
        else rows.push(`${rng.chance(0.95) ? rng.pick(ids) : "L-unknown"},${rng.pick(TYPES.map(csvField))},${rng.int(1, 28)}`);
      }
      const files = writeFiles({ "leads.csv": ["id", ...ids].join("\n"), "events.csv": ["lead_id,type,at", ...rows].join("\n") });
      const bucketBytes = rng.pick([64, 1024, 1 << 20]);
      const splitMinBytes = rng.pick([0, Infinity]); // the events file in two sections, or in one
      const chunkLeads = rng.pick([1, 7, 1024]);
      const [one, two] = [
        await compiledReorder(files["leads.csv"], files["events.csv"], "id", { threads: 1, bucketBytes, chunkLeads }),
        await compiledReorder(files["leads.csv"], files["events.csv"], "id", { threads: 2, bucketBytes, splitMinBytes, chunkLeads }),
      ];
      expect(one).toBeDefined();
      expect({ seed, text: readFileSync(two!.path, "utf8"), problems: two!.problems, plan: two!.plan }).toEqual({ seed, text: readFileSync(one!.path, "utf8"), problems: one!.problems, plan: one!.plan });
      expect(one!.plan).toEqual(await planParallel(files["leads.csv"], one!.path, "id", chunkLeads));
      await one!.remove();
      await two!.remove();
    }
  });

  it("are rewritten whole by one thread when the two sections would meet inside a quoted field", async () => {
    const { reorderCsvEvents: compiledReorder } = await import("../../lib/src/io/csv-event-reorder.js");
    // The middle of the file is one quoted type over many lines; a bad row after it is reported
    // with its line in the whole file.
    const quoted = `"${Array.from({ length: 400 }, (_, i) => `line ${i}`).join("\n")}"`;
    const events = ["lead_id,type", "B,b1", `A,${quoted}`, "B,b2", "A,", "A,a2"].join("\n");
    const files = writeFiles({ "leads.csv": "id\nA\nB\n", "events.csv": events });
    const two = await compiledReorder(files["leads.csv"], files["events.csv"], "id", { threads: 2, splitMinBytes: 0 });
    expect(readFileSync(two!.path, "utf8")).toBe(["lead_id,type", `A,${quoted}`, "A,a2", "B,b1", "B,b2", ""].join("\n"));
    expect(two!.problems).toEqual([{ kind: "malformed", file: files["events.csv"], line: 404, message: 'an event of lead "A" without a type' }]);
    await two!.remove();
  });

  it.each([
    ["a malformed quote in the events", "id\nA\n", 'lead_id,type\nA,"x"y\n'],
    ["a malformed quote in the leads", 'id,name\nA,"x"y\n', "lead_id,type\nA,x\n"],
    ["an events header without the columns", "id\nA\n", "lead,kind\nA,x\n"],
    ["an empty events file", "id\nA\n", ""],
  ])("are not rewritten from bytes with %s (the text reader reports it)", async (_, leads, events) => {
    const files = writeFiles({ "leads.csv": leads, "events.csv": events });
    expect(await reorderCsvEvents(files["leads.csv"], files["events.csv"], "id", { bucketBytes: 8 })).toBeUndefined();
  });

  it("are left to the index join when no temporary directory can be made", async () => {
    const files = writeFiles({ "leads.csv": "id\nA\nB\n", "events.csv": "lead_id,type\nB,b\nA,a\n" });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = `${files["leads.csv"]}.missing/dir`;
    try {
      expect(await reorderCsvEvents(files["leads.csv"], files["events.csv"], "id")).toBeUndefined();
      expect(await reorderEvents(readLeadIds(files["leads.csv"]), files["events.csv"])).toBeUndefined();
      const [byIndex, reordered] = await bothJoins(files["leads.csv"], files["events.csv"], 8);
      expect(reordered).toEqual(byIndex);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it("are put in order by the CLI's default join for a big file", async () => {
    // 17 MB of events, each lead's together but the leads in reverse order: above
    // MERGE_JOIN_MIN_BYTES, so "auto" puts them in order.
    const leads = ["id", ...Array.from({ length: 2000 }, (_, i) => `L-${i}`)].join("\n") + "\n";
    const rows: string[] = [];
    for (let i = 1999; i >= 0; i--) for (let k = 0; k < 220; k++) rows.push(`L-${i},opened email,2026-11-01T10:00:${String(k % 60).padStart(2, "0")}Z`);
    const files = writeFiles({ "leads.csv": leads });
    const eventsPath = files["leads.csv"].replace("leads.csv", "events.csv");
    writeFileSync(eventsPath, ["lead_id,type,at", ...rows].join("\n"));
    expect(statSync(eventsPath).size).toBeGreaterThan(MERGE_JOIN_MIN_BYTES);
    let announced = 0;
    const onReorder = () => announced++;
    const inputs = (await collect(joinEvents(leadSource(files["leads.csv"]), eventsPath, { idField: "id", join: "auto", onReorder }))).flat();
    expect(inputs.map((input) => input.kind === "lead" && (input.raw.events as unknown[]).length)).toEqual(Array(2000).fill(220));
    expect(announced).toBe(1); // the CLI shows it on its progress line
    writeFileSync(eventsPath, ["lead_id,type,at", ...rows.reverse()].join("\n")); // now in lead order
    const inOrder = (await collect(joinEvents(leadSource(files["leads.csv"]), eventsPath, { idField: "id", join: "auto", onReorder }))).flat();
    expect(announced).toBe(1);
    // Told the events are out of order (the parallel planner found so), the join does not check
    // again: it puts them in order, with the same result.
    const told = (await collect(joinEvents(leadSource(files["leads.csv"]), eventsPath, { idField: "id", join: "auto", onReorder, knownOutOfOrder: true }))).flat();
    expect(announced).toBe(2);
    expect(told).toEqual(inOrder);
  });
});
