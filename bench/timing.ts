// Timing loops. Throughput is measured in rounds of a calibrated number of leads (cycling through
// the pool), after a warm-up; the figure reported is the median round. Engines measured in the same
// process take their rounds in turn, so a slow-down of the machine hits all of them alike, and
// ratios between them are taken round by round (results.ts).
//
// Rounds are timed in CPU time of this process (process.cpuUsage), not wall time: scoring is one
// synchronous thread, and on a shared machine wall time mostly measures the other processes. Wall
// time is kept alongside. V8's helper threads (concurrent GC) count in CPU time, so allocation costs
// an engine what it really costs.

import type { Engine } from "./engines.js";

export interface TimingOptions {
  /** Warm-up per engine, ms. */
  warmupMs: number;
  /** Target duration of one round, ms. */
  roundMs: number;
  rounds: number;
}

export const FULL_TIMING: TimingOptions = { warmupMs: 1500, roundMs: 200, rounds: 9 };
export const QUICK_TIMING: TimingOptions = { warmupMs: 100, roundMs: 30, rounds: 3 };

export interface Throughput {
  /** Median leads per CPU second over the rounds. */
  leadsPerSecond: number;
  /** Median leads per wall-clock second. */
  wallLeadsPerSecond: number;
  /** Every round's leads per CPU second, in order. */
  rounds: number[];
  /** Leads per round. */
  batch: number;
}

/** Keeps results observable so the optimiser cannot drop the work. */
let sink = 0;
export function consumeSink(): number {
  return sink;
}

async function runBatch(engine: Engine, leads: Record<string, unknown>[], start: number, count: number): Promise<number> {
  const n = leads.length;
  let acc = 0;
  let j = start % n;
  if (engine.async) {
    for (let i = 0; i < count; i++) {
      const record = await engine.score(leads[j]);
      if ("score" in record) acc += record.score;
      if (++j === n) j = 0;
    }
  } else {
    const score = engine.score;
    for (let i = 0; i < count; i++) {
      const record = score(leads[j]);
      if ("score" in record) acc += record.score;
      if (++j === n) j = 0;
    }
  }
  sink += acc;
  return j;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A round covers at least this many leads (or the whole pool), so slow engines are not timed on a few. */
const MIN_BATCH = 16;

/** Measures several engines, each on its pool of leads, interleaving their rounds. */
export async function measureThroughput(engines: Engine[], pools: Map<Engine, Record<string, unknown>[]>, options: TimingOptions): Promise<Map<Engine, Throughput>> {
  const state = new Map<Engine, { batch: number; cursor: number; rounds: number[]; wall: number[] }>();
  for (const engine of engines) {
    const leads = pools.get(engine)!;
    // Warm up, and learn how many leads fit in one round.
    let cursor = 0;
    let chunk = 1;
    let perMs = 0;
    const started = performance.now();
    while (performance.now() - started < options.warmupMs) {
      const batchStart = performance.now();
      cursor = await runBatch(engine, leads, cursor, chunk);
      const ms = performance.now() - batchStart;
      perMs = chunk / Math.max(ms, 0.001);
      // Batches grow to about a tenth of a round, so the last one gives a warm rate.
      if (ms < options.roundMs / 10) chunk = Math.min(chunk * 2, 1 << 22);
    }
    const batch = Math.max(Math.min(MIN_BATCH, leads.length), Math.round(perMs * options.roundMs));
    state.set(engine, { batch, cursor, rounds: [], wall: [] });
  }
  // No full collection between rounds: tried, it made the 1,000-rule compiled scorer's rounds
  // erratic (34k-140k leads/s against a steady 108k), as if its optimised code were thrown away.
  for (let round = 0; round < options.rounds; round++) {
    for (const engine of engines) {
      const s = state.get(engine)!;
      const cpu = process.cpuUsage();
      const started = performance.now();
      s.cursor = await runBatch(engine, pools.get(engine)!, s.cursor, s.batch);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      s.rounds.push((s.batch / Math.max(cpuMs, 0.001)) * 1000);
      s.wall.push((s.batch / ms) * 1000);
    }
  }
  const out = new Map<Engine, Throughput>();
  for (const engine of engines) {
    const s = state.get(engine)!;
    out.set(engine, { leadsPerSecond: median(s.rounds), wallLeadsPerSecond: median(s.wall), rounds: s.rounds, batch: s.batch });
  }
  return out;
}
