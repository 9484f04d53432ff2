// The JSON Lines writer's hand-written serializer must give exactly JSON.stringify's text (minus
// explain hits) for every record a scorer can produce, hostile names included.

import { describe, expect, it } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { ResultJson } from "../../src/io/result-json.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";

function withoutHits(record: LeadRecord): LeadRecord {
  if (!("hits" in record)) return record;
  const { hits: _hits, ...rest } = record;
  return rest;
}

describe("ResultJson", () => {
  it("writes what JSON.stringify writes for generated models and leads", () => {
    const json = new ResultJson();
    let compared = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rng = createRng(seed);
      const plan = generatePlan(rng, { hostile: 0.3 });
      const scorer = compileScorer(plan);
      for (const [i, lead] of generateLeads(rng, plan, 10).entries()) {
        for (const explain of [false, true]) {
          const record = scorer.score(lead, { asOf: DEFAULT_AS_OF_MS, explain, position: i + 1 });
          expect(json.line(record)).toBe(JSON.stringify(withoutHits(record)));
          compared++;
        }
      }
    }
    expect(compared).toBe(4000);
  });

  it("falls back to JSON.stringify for anything unusual", () => {
    const json = new ResultJson();
    const odd: LeadRecord[] = [
      { id: "L-1", error: "leads.csv:2: company_size: expected a number, got \"abc\"" },
      { id: 7, score: -0, qualified: null, tier: null, groups: {} },
      { id: "\u2028\"x\"", score: 1e21, qualified: false, tier: "h\u00e9t", groups: { ["__proto__"]: { score: 2.5, tier: null } } },
      { id: "x", score: NaN, qualified: true, tier: "hot", groups: {} },
      { id: "x", score: 1, qualified: true, tier: "hot", groups: { fit: { score: Infinity, tier: "a" } } },
      { id: "x", score: 1, qualified: true, tier: "hot", groups: {}, disqualified_by: 12 },
    ];
    Object.defineProperty(odd[2], "groups", { value: Object.defineProperty({}, "__proto__", { value: { score: 2.5, tier: null }, enumerable: true }), enumerable: true });
    for (const record of odd) expect(json.line(record)).toBe(JSON.stringify(record));
  });
});
