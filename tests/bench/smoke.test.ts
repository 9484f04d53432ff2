// The benchmark's equality checks in quick mode (LEADSCORE_BENCH_QUICK): every engine it times, fed
// the same model and leads, gives the compiled scorer's results at 10, 100 and 1,000 rules. No
// timing here; `npm run bench` measures.

import { describe, expect, it } from "vitest";
import { ENGINES } from "../../bench/engines.js";
import { checkEquality } from "../../bench/equality.js";
import { leadPool } from "../../bench/leads.js";
import { SCORING_SIZES } from "../../bench/models.js";
import { poolSizeFor } from "../../bench/scoring.js";

describe("benchmark engines give equal results (quick mode)", () => {
  const leads = leadPool(Math.max(...SCORING_SIZES.flatMap((rules) => ENGINES.map((engine) => poolSizeFor(engine, rules, true)))));
  const cases = SCORING_SIZES.flatMap((rules) => ENGINES.map((engine) => [rules, engine] as const));

  it.each(cases)("%i rules: %s", async (rules, engine) => {
    const report = await checkEquality(engine, rules, leads.slice(0, poolSizeFor(engine, rules, true)));
    expect(report.first).toBeUndefined();
    expect({ mismatches: report.mismatches, errors: report.errors }).toEqual({ mismatches: 0, errors: 0 });
  });
});
