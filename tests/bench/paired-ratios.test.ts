// The benchmark's ratios pair rounds taken one after the other (bench/results.ts): a drift of the
// machine's speed, which hits both engines of a pair alike, must not move the ratio.

import { describe, expect, it } from "vitest";
import { pairedRatio, scoringRatios, type ScoringSize } from "../../bench/results.js";
import type { ScoringMeasurement } from "../../bench/scoring.js";

/** An engine's measurement whose rounds run at `base` leads/s times the machine's speed in each round. */
function engine(name: ScoringMeasurement["engine"], base: number, speed: number[], compiledRounds?: number[]): ScoringMeasurement {
  const rounds = speed.map((s) => base * s);
  const sorted = [...rounds].sort((a, b) => a - b);
  return {
    engine: name,
    rules: 10,
    poolSize: 2048,
    equality: { engine: name, rules: 10, leads: 2048, mismatches: 0, errors: 0 },
    throughput: { leadsPerSecond: sorted[sorted.length >> 1], wallLeadsPerSecond: 0, rounds, batch: 1 },
    compiledRounds,
  };
}

describe("paired ratios", () => {
  // The machine slows to 40% for the last rounds, as seen on the shared benchmark host.
  const speed = [1, 1, 1, 1, 1, 0.4, 0.4, 0.4, 0.4];

  it("are exact under a drift that the ratio of medians gets wrong", () => {
    // json-rules-engine's own process ran while the machine was slow throughout.
    const slow = speed.map(() => 0.4);
    const size: ScoringSize = {
      rules: 10,
      engines: {
        compiled: engine("compiled", 2_000_000, speed),
        handwritten: engine("handwritten", 1_000_000, speed),
        "json-logic": engine("json-logic", 40_000, speed),
        "rules-engine": engine("rules-engine", 10_000, slow, slow.map((s) => 2_000_000 * s)),
      },
      ratios: {},
    };
    const ratios = scoringRatios(size);
    expect(ratios.speedupOverJsonLogic).toBeCloseTo(50, 9);
    expect(ratios.compiledVsHandWritten).toBeCloseTo(0.5, 9);
    expect(ratios.speedupOverRulesEngine).toBeCloseTo(200, 9);
    // Dividing the medians of different processes would have said 500x.
    expect(size.engines.compiled!.throughput!.leadsPerSecond / size.engines["rules-engine"]!.throughput!.leadsPerSecond).toBeCloseTo(500, 9);
  });

  it("are undefined without rounds to pair (an engine not timed, or rounds missing)", () => {
    expect(pairedRatio(undefined, { rounds: [1] })).toBeUndefined();
    expect(pairedRatio({ rounds: [1, 2] }, { rounds: [1] })).toBeUndefined();
    const alone = engine("rules-engine", 10_000, speed);
    expect(scoringRatios({ rules: 10, engines: { compiled: engine("compiled", 1, speed), "rules-engine": alone }, ratios: {} }).speedupOverRulesEngine).toBeUndefined();
  });
});
