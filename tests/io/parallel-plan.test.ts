// The parallel scorer's plan: reading the planned chunks one by one (each its own section of the
// leads and events files, joined on its own) must give exactly the inputs of the sequential merge
// join, in order, with the right positions; files the plan cannot cut safely get no plan. The same
// for JSON Lines files (jsonl-plan.ts).

import { describe, expect, it } from "vitest";
import { eventsFollowLeadOrder, mergeJoin } from "../../src/io/event-merge.js";
import type { LeadInput } from "../../src/io/lead-input.js";
import { csvEventsFollowLeadOrder, planParallel, type ParallelPlan } from "../../src/io/parallel-plan.js";
import { planJsonl } from "../../src/io/jsonl-plan.js";
import { readCsvLeadBatches } from "../../src/io/read-csv.js";
import { readJsonlLeadBatches } from "../../src/io/read-jsonl.js";
import { readEventLeadIds } from "../../src/io/read-events.js";
import { readLeadIds, readLeads } from "../../src/io/read-leads.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { collect, writeFiles } from "./files.js";

async function chunkedInputs(plan: ParallelPlan, leadsPath: string, eventsPath: string | undefined): Promise<{ inputs: LeadInput[]; positionsOk: boolean }> {
  const inputs: LeadInput[] = [];
  let positionsOk = true;
  for (const chunk of plan.chunks) {
    let batches = readCsvLeadBatches(leadsPath, { start: chunk.leadsStart, end: chunk.leadsEnd, line: chunk.leadsLine, header: plan.leadsHeader });
    if (eventsPath !== undefined) batches = mergeJoin(batches, eventsPath, "id", { start: chunk.eventsStart, end: chunk.eventsEnd, line: chunk.eventsLine, header: plan.eventsHeader! });
    // A chunk's first position follows from the inputs before it that are not bad event rows.
    const before = inputs.filter((input) => !(input.kind === "malformed" && input.file === eventsPath)).length;
    if (before !== chunk.inputsBefore) positionsOk = false;
    for (const batch of await collect(batches)) inputs.push(...batch);
  }
  return { inputs, positionsOk };
}

const TITLES = ["VP Sales", '"Head, Growth"', '"Director\nof Ops"', "Intern", '"says ""hi"""', "Zoë"];
const TYPES = ["opened email", '"visited, pricing"', "attended webinar"];

/** A leads file with odd rows, and an events file listing some of its leads in order. */
function generateFiles(rng: Rng): { leads: string; events: string } {
  const eol = rng.pick(["\n", "\r\n"]);
  const leads = ["id,title,size"];
  const events = [rng.pick(["lead_id,type,at", "Lead ID,Type,At", "type,lead_id"])];
  const eventColumns = events[0].toLowerCase().startsWith("type") ? ["type", "id"] : ["id", "type", "at"];
  const count = rng.int(0, 40);
  for (let i = 1; i <= count; i++) {
    const kind = rng.int(0, 11);
    const id = kind === 0 ? "" : rng.int(0, 15) === 0 ? ` L-${i} ` : `L-${i}`;
    if (kind === 1) leads.push(""); // blank line
    else if (kind === 2) leads.push("   "); // a line of spaces
    else if (kind === 3) leads.push(`${id},too,many,fields`);
    else leads.push(`${id},${rng.pick(TITLES)},${rng.int(1, 500)}`);
    if (kind === 1 || kind === 2 || kind === 3 || id === "" || rng.int(0, 2) === 0) continue;
    for (let e = rng.int(1, 3); e > 0; e--) {
      const bad = rng.int(0, 12);
      if (bad === 0) events.push("broken,row,with,too,many");
      else if (bad === 1) events.push(eventColumns[0] === "id" ? ",opened email," : "opened email,");
      const values: Record<string, string> = { id: id.trim(), type: rng.pick(TYPES), at: rng.pick(["", "2026-11-01T10:00:00Z", "2026-10-02"]) };
      events.push(eventColumns.map((column) => values[column]).join(","));
    }
  }
  if (rng.int(0, 3) === 0) events.push("trailing,bad,row,x,y");
  return { leads: leads.join(eol) + eol, events: events.join(eol) + (rng.int(0, 1) ? eol : "") };
}

describe("planParallel", () => {
  it("cuts generated files into chunks whose joins give the sequential merge join's inputs", async () => {
    const runs = fuzzRuns(120);
    let planned = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const files = generateFiles(rng);
      const paths = writeFiles({ "leads.csv": files.leads, "events.csv": files.events });
      const chunkLeads = rng.int(1, 6);
      for (const eventsPath of [paths["events.csv"], undefined]) {
        const plan = await planParallel(paths["leads.csv"], eventsPath, "id", chunkLeads);
        const sequential = await collect(readLeads(paths["leads.csv"], { eventsPath, eventsJoin: "merge" }));
        if (plan === undefined) {
          // Only a file without any record after the header has no chunks.
          expect(sequential.filter((input) => input.file === paths["leads.csv"]), `seed ${seed}: ${JSON.stringify(files)}`).toEqual([]);
          continue;
        }
        planned++;
        const { inputs, positionsOk } = await chunkedInputs(plan, paths["leads.csv"], eventsPath);
        expect(inputs, `seed ${seed}, events ${eventsPath !== undefined}`).toEqual(sequential);
        expect(positionsOk, `seed ${seed}`).toBe(true);
      }
    }
    expect(planned).toBeGreaterThan(runs);
  });

  it("answers the merge join's order check as eventsFollowLeadOrder does, ordered or not", async () => {
    const runs = fuzzRuns(80);
    const answers = new Set<boolean>();
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const files = generateFiles(rng);
      let events = files.events;
      if (rng.int(0, 1) === 0) {
        // Swap two event rows: often out of order, sometimes not (same lead, or bad rows).
        const lines = events.split("\n");
        const a = rng.int(1, Math.max(1, lines.length - 1));
        const b = rng.int(1, Math.max(1, lines.length - 1));
        [lines[a], lines[b]] = [lines[b], lines[a]];
        events = lines.join("\n");
      }
      const paths = writeFiles({ "leads.csv": files.leads, "events.csv": events });
      const expected = await eventsFollowLeadOrder(readLeadIds(paths["leads.csv"]), readEventLeadIds(paths["events.csv"]));
      expect(await csvEventsFollowLeadOrder(paths["leads.csv"], paths["events.csv"], "id"), `seed ${seed}`).toBe(expected);
      answers.add(expected);
    }
    expect([...answers].sort()).toEqual([false, true]);
  });

  it("places a boundary every chunkLeads leads, also in long runs of leads without events", async () => {
    const leads = ["id"].concat(Array.from({ length: 20 }, (_, i) => `L-${i + 1}`)).join("\n") + "\n";
    const events = "lead_id,type\nL-1,a\nL-20,b\n";
    const paths = writeFiles({ "leads.csv": leads, "events.csv": events });
    const plan = await planParallel(paths["leads.csv"], paths["events.csv"], "id", 4);
    expect(plan?.chunks.map((chunk) => chunk.inputsBefore)).toEqual([0, 4, 8, 12, 16]);
  });

  it.each([
    ["events out of lead order", "id\nL-1\nL-2\n", "lead_id,type\nL-2,a\nL-1,b\n"],
    ["a lead's events not together", "id\nL-1\nL-2\n", "lead_id,type\nL-1,a\nL-2,b\nL-1,c\n"],
    ["events of an unknown lead", "id\nL-1\n", "lead_id,type\nL-9,a\n"],
    ["an events file without a lead_id column", "id\nL-1\n", "lead,type\nL-1,a\n"],
    ["a malformed quote in the leads", 'id,title\nL-1,"VP"x\n', "lead_id,type\nL-1,a\n"],
    ["a malformed quote in the events", "id\nL-1\n", 'lead_id,type\nL-1,"open\n'],
  ])("gives no plan for %s (the sequential path handles it)", async (_, leads, events) => {
    const paths = writeFiles({ "leads.csv": leads, "events.csv": events });
    expect(await planParallel(paths["leads.csv"], paths["events.csv"], "id", 1)).toBeUndefined();
  });
});

describe("planJsonl", () => {
  const LINES = ['{"id":"L-1","title":"VP"}', "", "   ", "\u00a0", '{"id": 2, "events": ["opened email"]}', "not json", "[1,2]", '{"id":"L-3","title":"Zoë"}  ', '{"id":"L-4"}\r'];

  it("cuts generated JSONL files into chunks whose reads give the whole file's inputs", async () => {
    const runs = fuzzRuns(120);
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const lines = Array.from({ length: rng.int(0, 30) }, () => rng.pick(LINES));
      let text = lines.join("\n") + (rng.int(0, 1) ? "\n" : "");
      if (rng.int(0, 4) === 0) text = "\ufeff" + text;
      const { "leads.jsonl": path } = writeFiles({ "leads.jsonl": text });
      const whole = (await collect(readJsonlLeadBatches(path))).flat();
      const plan = await planJsonl(path, rng.int(1, 5), rng.pick([7, 16, 50, 1 << 20]));
      if (plan === undefined) {
        expect(whole, `seed ${seed}`).toEqual([]);
        continue;
      }
      const inputs: LeadInput[] = [];
      for (const chunk of plan.chunks) {
        expect(chunk.inputsBefore, `seed ${seed}`).toBe(inputs.length);
        inputs.push(...(await collect(readJsonlLeadBatches(path, { start: chunk.leadsStart, end: chunk.leadsEnd, line: chunk.leadsLine }))).flat());
      }
      expect(inputs, `seed ${seed}: ${JSON.stringify(text)}`).toEqual(whole);
    }
  });
});
