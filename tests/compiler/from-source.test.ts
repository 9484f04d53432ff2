// A few end-to-end checks from model text, through the public compile() (SPEC 2 and 7), comparing
// the compiled scorer with the interpreter on the checker's plan. Skipped while compile() is absent.

import { describe, expect, it } from "vitest";
import type { ScoringPlan } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import { createRng, generateLeads } from "../support/generate-plan.js";
import { sameRecord } from "../support/same-record.js";

type Compile = (source: string) => { plan: ScoringPlan; model?: { score(lead: unknown, options?: object): LeadRecord } };
const compile: Compile | undefined = await import("../../src/index.js").then((m: { compile?: Compile }) => m.compile).catch(() => undefined);

const FULL = `# ACME inbound scoring model
lead {
  title: text
  company_size: number
  industry: "saas" | "retail" | "finance" | "other"
  country: text
  competitor: boolean
  signed_up: date
  tags: list
  email: text
}

events {
  opened email
  downloaded whitepaper
  registered webinar
  attended webinar
  visited pricing page
}

group fit up to 50 {
  when company_size >= 200 add 10
  when industry in ["saas", "finance"] add 5
  when title contains "vp" or title contains "director" add 8
}

group engagement decay 50% every 7 days {
  when opened email add 2 each up to 10
  when downloaded whitepaper add 5
  when registered webinar add 8
  when attended webinar within 30 days add 10
  when visited pricing page at least 3 times within 14 days add 15
}

when competitor subtract 20
when email ends with "@gmail.com" subtract 5   # personal address
disqualify when tags contains "student"

qualify above 20

tiers {
  hot at least 9
  warm at least 5
  cold otherwise
}
`;

const AS_OF = "2026-11-15T12:00:00Z";

describe.skipIf(!compile)("from source", () => {
  it("scores the smallest model as written", () => {
    const { model } = compile!("when downloaded whitepaper add 5; when competitor subtract 20; qualify above 20");
    expect(model!.score({ id: "a", events: ["Downloaded Whitepaper"] }, { asOf: AS_OF })).toEqual({ id: "a", score: 5, qualified: false, tier: null, groups: {} });
    expect(model!.score({ competitor: "yes" }, { asOf: AS_OF })).toMatchObject({ id: 1, score: -20 });
  });

  it("scores the SPEC example lead", () => {
    const { model } = compile!(FULL);
    const lead = { title: "VP Marketing", company_size: 500, industry: "saas", events: [{ type: "downloaded whitepaper", at: "2026-11-13T12:00:00Z" }, "opened email"] };
    expect(model!.score(lead, { asOf: AS_OF, explain: true })).toMatchObject({
      score: 30,
      qualified: true,
      tier: "hot",
      groups: { fit: { score: 23, tier: null }, engagement: { score: 7, tier: null } },
    });
    const weekOld = { ...lead, events: [{ type: "downloaded whitepaper", at: "2026-11-08T12:00:00Z" }], tags: "Student" };
    expect(model!.score(weekOld, { asOf: AS_OF })).toMatchObject({ score: 25.5, qualified: false, disqualified_by: 37 });
  });

  it("agrees with the interpreter on generated leads", () => {
    const { plan, model } = compile!(FULL);
    const leads = generateLeads(createRng(7), plan, 500, { asOfMs: Date.parse(AS_OF) });
    leads.forEach((lead, i) => {
      const expected = interpretRaw(plan, lead, { asOfMs: Date.parse(AS_OF), explain: true, position: 1 });
      const actual = model!.score(lead, { asOf: AS_OF, explain: true });
      if (!sameRecord(actual, expected)) expect({ i, actual }).toEqual({ i, actual: expected });
    });
  });
});
