// Scoring throughput for one model size: every engine is first checked against the compiled scorer
// on the leads it will be timed on, then timed. The fast engines share one process and take their
// rounds in turn (so their ratios see the same machine); json-rules-engine, whose promises make a
// lot of garbage, gets a process of its own (see run.ts).

import { makeEngine, type EngineName } from "./engines.js";
import { checkEquality, type EqualityReport } from "./equality.js";
import { leadPool, POOL_SIZE } from "./leads.js";
import { FULL_TIMING, measureThroughput, QUICK_TIMING, type Throughput } from "./timing.js";

export interface ScoringMeasurement {
  engine: EngineName;
  rules: number;
  /** Leads the engine was checked and timed on (the first N of the generated pool). */
  poolSize: number;
  equality: EqualityReport;
  /** Absent when the equality check failed: an engine giving other results is not timed. */
  throughput?: Throughput;
  /**
   * For an engine timed in a process of its own (json-rules-engine): the compiled scorer's rounds,
   * taken in turn with this engine's in that process, to pair with them (results.ts).
   */
  compiledRounds?: number[];
}

/**
 * How many leads an engine is checked and timed on. The rule engines are slow enough at 1,000 rules
 * that checking thousands of leads would take minutes; they use the first leads of the same pool.
 */
export function poolSizeFor(engine: EngineName, rules: number, quick: boolean): number {
  const slow = engine === "json-logic" || engine === "rules-engine";
  if (quick) return slow && rules >= 1000 ? 32 : 256;
  if (!slow) return POOL_SIZE;
  if (rules >= 1000) return engine === "rules-engine" ? 128 : 256;
  if (rules >= 100) return 1024;
  return POOL_SIZE;
}

export async function measureScoring(rules: number, names: EngineName[], quick: boolean): Promise<ScoringMeasurement[]> {
  const all = leadPool(Math.max(...names.map((name) => poolSizeFor(name, rules, quick))));
  const measurements: ScoringMeasurement[] = [];
  for (const name of names) {
    const poolSize = poolSizeFor(name, rules, quick);
    const equality = await checkEquality(name, rules, all.slice(0, poolSize));
    measurements.push({ engine: name, rules, poolSize, equality });
  }
  const timed = measurements.filter((m) => m.equality.mismatches === 0 && m.equality.errors === 0);
  const engines = timed.map((m) => makeEngine(m.engine, rules));
  const pools = new Map(engines.map((engine, i) => [engine, all.slice(0, timed[i].poolSize)]));
  const results = await measureThroughput(engines, pools, quick ? QUICK_TIMING : FULL_TIMING);
  engines.forEach((engine, i) => (timed[i].throughput = results.get(engine)));
  return measurements;
}
