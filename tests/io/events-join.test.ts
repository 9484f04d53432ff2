// Attaching events from a `lead_id,type,at` file: the index join and the merge join give the same
// leads, the merge join is only used when the order check passes, and odd files are handled.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { writeSampleFiles } from "../../scripts/sample-data-writer.js";
import { eventsFollowLeadOrder } from "../../src/io/event-merge.js";
import { InputError } from "../../src/io/input-error.js";
import type { EventsJoin, LeadInput } from "../../src/io/lead-input.js";
import { readEventLeadIds } from "../../src/io/read-events.js";
import { readLeadIds, readLeads } from "../../src/io/read-leads.js";
import { collect, writeFiles } from "./files.js";

const LEADS = "id,title\nL-1,VP\nL-2,CEO\nL-3,CTO\nL-4,Intern\n";

async function readWithEvents(leadsPath: string, eventsPath: string, join: EventsJoin, idField?: string): Promise<LeadInput[]> {
  return collect(readLeads(leadsPath, { eventsPath, eventsJoin: join, idField }));
}

/** Each lead's id and events; malformed inputs as [file name, line]. */
function summary(inputs: LeadInput[]): unknown[] {
  return inputs.map((input) => (input.kind === "lead" ? [input.raw.id, input.raw.events] : [input.file.split("/").pop(), input.line]));
}

describe("joining events to CSV leads", () => {
  const ordered = "lead_id,type,at\nL-1,opened email,2026-11-01T10:00:00Z\nL-1,downloaded whitepaper,\nL-3,attended webinar,2026-11-02\n";

  it.each(["index", "merge", "auto"] as const)("attaches events in file order (%s join); leads without events get none", async (join) => {
    const files = writeFiles({ "leads.csv": LEADS, "events.csv": ordered });
    expect(summary(await readWithEvents(files["leads.csv"], files["events.csv"], join))).toEqual([
      ["L-1", [{ type: "opened email", at: "2026-11-01T10:00:00Z" }, { type: "downloaded whitepaper" }]],
      ["L-2", undefined],
      ["L-3", [{ type: "attended webinar", at: "2026-11-02" }]],
      ["L-4", undefined],
    ]);
  });

  it("confirms the order before merging, and refuses files in another order or with unknown leads", async () => {
    const cases: [string, boolean][] = [
      [ordered, true],
      ["lead_id,type\n", true],
      ["lead_id,type\nL-3,x\nL-1,y\n", false], // L-1 comes after L-3
      ["lead_id,type\nL-1,x\nL-3,y\nL-1,z\n", false], // L-1's events are not together
      ["lead_id,type\nL-1,x\nL-9,y\n", false], // L-9 is not a lead
    ];
    for (const [events, expected] of cases) {
      const files = writeFiles({ "leads.csv": LEADS, "events.csv": events });
      expect(await eventsFollowLeadOrder(readLeadIds(files["leads.csv"]), readEventLeadIds(files["events.csv"]))).toBe(expected);
    }
  });

  it("checks the order on ids read exactly as the leads are (bad rows left out, missing ids blank)", async () => {
    const files = writeFiles({
      "leads.csv": 'title,id\nVP,L-1\nCEO,L-2,extra\n"open,L-3\n',
      "leads.jsonl": '{"id": 1}\n{"name": "no id"}\nnot json\n{"id": " L-4 "}\n',
      "bad-header.csv": '"id\nL-1\n',
    });
    expect(await collect(readLeadIds(files["leads.csv"]))).toEqual([["L-1"]]);
    expect((await collect(readLeadIds(files["leads.jsonl"]))).flat()).toEqual(["1", "", "L-4"]);
    expect(await collect(readLeadIds(files["bad-header.csv"]))).toEqual([]);
    const events = writeFiles({ "events.csv": "x, LEAD_ID ,type\n1,L-1,a\n2,,b\n3,L-2\n4,L-3,c\n" })["events.csv"];
    expect((await collect(readEventLeadIds(events))).flat()).toEqual(["L-1", "L-3"]);
  });

  it.each(["index", "merge"] as const)("ignores events of unknown leads and handles any order (%s join)", async (join) => {
    const events = "lead_id,type\nL-9,ghost\nL-3,c\nL-1,a\nL-3,d\nL-1,b\n";
    const files = writeFiles({ "leads.csv": LEADS, "events.csv": events });
    expect(summary(await readWithEvents(files["leads.csv"], files["events.csv"], join))).toEqual([
      ["L-1", [{ type: "a" }, { type: "b" }]],
      ["L-2", undefined],
      ["L-3", [{ type: "c" }, { type: "d" }]],
      ["L-4", undefined],
    ]);
  });

  it("matches header names ignoring case, spaces and order, and ignores other columns", async () => {
    const events = " At ,Source, TYPE ,Lead ID\n2026-11-01,crm,opened email,L-2\n";
    const files = writeFiles({ "leads.csv": LEADS, "events.csv": events });
    const inputs = await readWithEvents(files["leads.csv"], files["events.csv"], "index");
    expect(summary(inputs)[1]).toEqual(["L-2", [{ type: "opened email", at: "2026-11-01" }]]);
  });

  it("matches on the id field the caller names", async () => {
    const files = writeFiles({ "leads.csv": "email,title\na@x.com,VP\nb@x.com,CEO\n", "events.csv": "lead_id,type\nb@x.com,opened email\n" });
    const inputs = await readWithEvents(files["leads.csv"], files["events.csv"], "merge", "email");
    expect(inputs.map((input) => (input.kind === "lead" ? input.raw.events : input))).toEqual([undefined, [{ type: "opened email" }]]);
  });

  it("refuses an events file without lead_id and type columns", async () => {
    const files = writeFiles({ "leads.csv": LEADS, "events.csv": "id,event\nL-1,x\n" });
    await expect(readWithEvents(files["leads.csv"], files["events.csv"], "index")).rejects.toThrow(InputError);
    await expect(readWithEvents(files["leads.csv"], files["events.csv"], "index")).rejects.toThrow(/lead_id, type and at/);
  });

  it("refuses a missing events file with an InputError", async () => {
    const files = writeFiles({ "leads.csv": LEADS });
    await expect(readWithEvents(files["leads.csv"], "/nonexistent/events.csv", "auto")).rejects.toThrow(/events\.csv: no such file/);
    await expect(readWithEvents(files["leads.csv"], "/nonexistent/events.csv", "merge")).rejects.toThrow(InputError);
  });

  it.each(["index", "merge"] as const)("reports bad event rows with the events file and line (%s join)", async (join) => {
    const events = "lead_id,type,at\nL-1,a,\n,b,\nL-3,c,2026-01-01,extra\nL-3,,\nL-3,d,\n";
    const files = writeFiles({ "leads.csv": LEADS, "events.csv": events });
    const inputs = await readWithEvents(files["leads.csv"], files["events.csv"], join);
    const malformed = inputs.filter((input) => input.kind === "malformed");
    expect(malformed.map((input) => [input.file, input.line])).toEqual([
      [files["events.csv"], 3],
      [files["events.csv"], 4],
      [files["events.csv"], 5],
    ]);
    expect(inputs.filter((input) => input.kind === "lead").map((input) => input.kind === "lead" && input.raw.events)).toEqual([
      [{ type: "a" }],
      undefined,
      [{ type: "d" }],
      undefined,
    ]);
  });
});

describe("joining events to JSON leads", () => {
  it.each(["index", "merge"] as const)("appends file events to the events a lead already has (%s join)", async (join) => {
    const files = writeFiles({
      "leads.jsonl": '{"id": 1, "events": ["opened email"]}\n{"id": "L-2"}\n{"id": 3, "events": "bad"}\n',
      "events.csv": "lead_id,type,at\n1,attended webinar,2026-11-01\nL-2,opened email,\n3,x,\n",
    });
    expect(summary(await readWithEvents(files["leads.jsonl"], files["events.csv"], join))).toEqual([
      [1, ["opened email", { type: "attended webinar", at: "2026-11-01" }]],
      ["L-2", [{ type: "opened email" }]],
      [3, "bad"], // left as it is, so the scorer reports the lead as invalid
    ]);
  });
});

describe("index and merge joins on generated data", () => {
  it("give the same leads, in order and shuffled", async () => {
    const dir = tempDir("join");
    const files = await writeSampleFiles({ count: 1500, dir, json: false }); // events span ~10 chunks
    expect(await eventsFollowLeadOrder(readLeadIds(files.leadsCsv), readEventLeadIds(files.eventsCsv))).toBe(true);
    const byIndex = await readWithEvents(files.leadsCsv, files.eventsCsv, "index");
    expect(await readWithEvents(files.leadsCsv, files.eventsCsv, "merge")).toEqual(byIndex);
    expect(byIndex.filter((input) => input.kind === "lead" && Array.isArray(input.raw.events)).length).toBeGreaterThan(1000);

    // Reversing the rows breaks the order: the merge join falls back to the index.
    const [header, ...rows] = readFileSync(files.eventsCsv, "utf8").trimEnd().split("\n");
    const reversed = join(dir, "reversed.csv");
    writeFileSync(reversed, [header, ...rows.reverse()].join("\n"));
    const eventCounts = (inputs: LeadInput[]) => inputs.map((input) => (input.kind === "lead" && Array.isArray(input.raw.events) ? input.raw.events.length : 0));
    expect(eventCounts(await readWithEvents(files.leadsCsv, reversed, "merge"))).toEqual(eventCounts(byIndex));
  });
});
