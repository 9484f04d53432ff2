// The compiled scorer against the reference interpreter on generated plans and leads (STYLE 6).
// Default budget keeps the suite quick; LEADSCORE_FUZZ_RUNS=20000 runs a larger campaign. A failure
// names the seed: generatePlan(createRng(seed)) replays it.

import { describe, expect, it } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";
import { sameRecord } from "../support/same-record.js";

const PLANS = fuzzRuns(600);
const LEADS_PER_PLAN = 20;
const CHUNK = 100;
/** Every fifth plan has up to 40 rules on up to 12 event types from these: past 8 types the scorer finds a type with a Map, not a switch. */
const MANY_EVENTS = [
  "opened email", "downloaded whitepaper", "registered webinar", "attended webinar", "visited pricing page", "requested demo",
  "attended online event", "downloaded document", "started trial", "replied to email", "visited careers page", "watched video",
];

describe("compiled scorer = interpreter", () => {
  const chunks = Array.from({ length: Math.ceil(PLANS / CHUNK) }, (_, i) => [i * CHUNK + 1, Math.min(PLANS, (i + 1) * CHUNK)] as const);

  it.each(chunks)("plans %i..%i", (first, last) => {
    let compared = 0;
    for (let seed = first; seed <= last; seed++) {
      const rng = createRng(seed);
      const plan = generatePlan(rng, seed % 5 === 0 ? { maxEvents: 12, maxRules: 40, eventNames: MANY_EVENTS } : {});
      const scorer = compileScorer(plan);
      const leads = generateLeads(rng, plan, LEADS_PER_PLAN);
      // Vary the as-of time a little so window edges move relative to the generated ages.
      const asOfMs = DEFAULT_AS_OF_MS + rng.pick([0, 0, 1, -1, 3_600_000]);
      for (const explain of [false, true]) {
        const expected = leads.map((lead, i) => interpretRaw(plan, lead, { asOfMs, explain, position: i + 1 }));
        const viaScoreAll = scorer.scoreAll(leads, { asOf: asOfMs, explain });
        leads.forEach((lead, i) => {
          const actual = scorer.score(lead, { asOf: asOfMs, explain, position: i + 1 });
          if (!sameRecord(actual, expected[i]) || !sameRecord(viaScoreAll[i], expected[i])) {
            expect({ seed, lead: i, explain, actual, viaScoreAll: viaScoreAll[i] }).toEqual({ seed, lead: i, explain, actual: expected[i], viaScoreAll: expected[i] });
          }
          compared++;
        });
      }
    }
    expect(compared).toBe((last - first + 1) * LEADS_PER_PLAN * 2);
  });
});
