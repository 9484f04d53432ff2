// The sample-data generator is deterministic (the examples and the benchmark depend on it), and
// the committed example files are exactly what it writes.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";
import { DEFAULT_AS_OF, EVENT_TYPES, generateLeads, LEAD_COLUMNS } from "../../scripts/lead-generator.js";
import { writeSampleFiles } from "../../scripts/sample-data-writer.js";

const examples = join(import.meta.dirname, "../../examples");

describe("generateLeads", () => {
  it("gives the same leads for the same seed, and other leads for another seed", () => {
    const first = [...generateLeads(200, { seed: 7 })];
    expect([...generateLeads(200, { seed: 7 })]).toEqual(first);
    expect([...generateLeads(200, { seed: 8 })]).not.toEqual(first);
  });

  it("makes the first N leads of a long run the leads of a short one", () => {
    expect([...generateLeads(500)].slice(0, 50)).toEqual([...generateLeads(50)]);
  });

  it("dates activity in the 90 days before the as-of time, oldest first, with known event types", () => {
    const asOf = Date.parse(DEFAULT_AS_OF);
    for (const lead of generateLeads(300)) {
      const times = lead.events.flatMap((event) => (event.at === undefined ? [] : [Date.parse(event.at)]));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const time of times) expect(asOf - time).toBeLessThanOrEqual(90 * 86_400_000);
      for (const event of lead.events) expect(EVENT_TYPES).toContain(event.type);
    }
  });
});

describe("the example data", () => {
  it("is what scripts/generate-sample-data.ts writes", async () => {
    const dir = tempDir("sample");
    const files = await writeSampleFiles({ count: 250, dir });
    for (const [written, name] of [
      [files.leadsCsv, "leads.csv"],
      [files.eventsCsv, "events.csv"],
      [files.leadsJson!, "leads.json"],
    ] as const) {
      expect(readFileSync(written, "utf8"), name).toBe(readFileSync(join(examples, name), "utf8"));
    }
  });

  it("has the documented columns and stays small enough to commit", () => {
    const leads = readFileSync(join(examples, "leads.csv"), "utf8");
    expect(leads.slice(0, leads.indexOf("\n"))).toBe(LEAD_COLUMNS.join(","));
    const bytes = ["leads.csv", "events.csv", "leads.json"].reduce((sum, name) => sum + readFileSync(join(examples, name)).length, 0);
    expect(bytes).toBeLessThan(300 * 1024);
  });
});
