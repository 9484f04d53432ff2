// The example leads come as CSV with a separate events file and as JSON with events embedded; read
// through either path and typed by the same schema, they must be the same leads.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../src/ir/plan.js";
import { readLeads } from "../../src/io/read-leads.js";
import { readLead } from "../../src/semantics/lead.js";
import { collect } from "./files.js";

const examples = join(import.meta.dirname, "../../examples");

const schema: Schema = {
  declared: true,
  events: [],
  fields: [
    { name: "email", type: { kind: "text" } },
    { name: "title", type: { kind: "text" } },
    { name: "company_size", type: { kind: "number" } },
    { name: "industry", type: { kind: "enum", values: ["saas", "retail", "finance", "healthcare", "other"] } },
    { name: "country", type: { kind: "text" } },
    { name: "competitor", type: { kind: "boolean" } },
    { name: "signed_up", type: { kind: "date" } },
    { name: "tags", type: { kind: "list" } },
  ],
};

describe("the example leads", () => {
  it("read the same from leads.csv + events.csv as from leads.json", async () => {
    const fromCsv = await collect(readLeads(join(examples, "leads.csv"), { eventsPath: join(examples, "events.csv") }));
    const fromJson = await collect(readLeads(join(examples, "leads.json")));
    expect(fromCsv).toHaveLength(250);
    expect(fromJson).toHaveLength(250);
    const typed = (inputs: typeof fromCsv) => inputs.map((input) => (input.kind === "lead" ? readLead(input.raw, schema) : input));
    const csvLeads = typed(fromCsv);
    expect(csvLeads.every((reading) => "ok" in reading && reading.ok)).toBe(true);
    expect(typed(fromJson)).toEqual(csvLeads);
  });
});
