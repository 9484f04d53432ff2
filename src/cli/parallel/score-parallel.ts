// The main thread's side of the parallel scorer: hands the planned chunks to worker threads, a
// few at a time each, and writes their outputs in chunk order (so the output is exactly the
// sequential one). Only a bounded number of chunks is ever in flight or waiting to be written,
// and writing waits for the output to drain: memory stays flat whatever the file size.

import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { ScoringPlan } from "../../ir/plan.js";
import type { ChunkFeed } from "../../io/chunk-feed.js";
import { csvHeaderText } from "../../io/write-csv.js";
import type { Progress } from "../progress.js";
import { write } from "../terminal.js";
import type { Scorer } from "../../compiler/js/compile-scorer.js";
import type { ScoreLoopOutcome } from "../score-loop.js";
import { scoreChunk, type ChunkSettings } from "./score-chunk.js";
import type { ChunkReply, ChunkRequest, ReturnedBuffer, WorkerData } from "./score-worker.js";
import { BufferPool } from "./buffer-pool.js";
import { ChunkAdmission } from "./chunk-admission.js";

/**
 * Chunks given to one worker before it answers: one being scored, the others waiting, so it does
 * not idle while this thread is busy (a chunk takes ~10 ms; so can a block of the planning pass).
 */
const IN_FLIGHT_PER_WORKER = 4;
/**
 * A worker's young generation, the main thread's default size: a worker's default is small for
 * this much short-lived garbage (every lead's record and result). At 16 MB scavenging took 1.2 s
 * of a worker's 6 s on 1M leads with events, at 48 MB 0.55 s, for ~15 MB more peak RSS.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 };

export const WORKER_URL = new URL("./score-worker.js", import.meta.url);

export interface ParallelRun {
  /** The planning pass's chunks, arriving while it runs (src/io/chunk-feed.ts). */
  feed: ChunkFeed;
  scoringPlan: ScoringPlan;
  /** The plan's scorer, already compiled: this thread scores with it (the workers compile their own). */
  model: Pick<Scorer, "score">;
  /** The settings but the header rows, which the feed knows once the first chunk is in. */
  settings: Omit<ChunkSettings, "leadsHeader" | "eventsHeader">;
  threads: number;
  output: Writable;
  stderr: Writable;
  progress: Progress;
  /** Text for stderr once the plan holds, before any output: the bad rows a rewrite of the events found. */
  before?: string;
}

/**
 * Scores the chunks on `threads` threads: this one and threads - 1 workers. Once the plan holds,
 * this thread takes a chunk whenever the next output to write is not ready yet, so with two cores
 * one worker is enough to keep both busy, and memory holds one extra heap, not two. Scoring starts
 * with the first planned chunk; writing waits until the plan holds. Returns undefined, having
 * written nothing, when the plan fails: the caller then scores on the main thread.
 */
export async function scoreInParallel(run: ParallelRun): Promise<ScoreLoopOutcome | undefined> {
  const { feed } = run;
  while (feed.chunks.length === 0 && feed.outcome === undefined) await feed.changed();
  if (feed.failed() || feed.chunks.length === 0) return undefined;
  const chunks = feed.chunks;
  const settings: ChunkSettings = { ...run.settings, leadsHeader: feed.leadsHeader ?? [], eventsHeader: feed.eventsHeader };
  const data: WorkerData = { plan: run.scoringPlan, settings };
  const workers = Array.from({ length: Math.max(1, run.threads - 1) }, () => new Worker(WORKER_URL, { workerData: data, resourceLimits: WORKER_LIMITS }));
  const outcome: ScoreLoopOutcome = { records: 0, invalid: 0, badEventRows: 0 };
  let finished = false; // the workers are gone: no buffer goes back to them
  try {
    const replies = new Map<number, ChunkReply>();
    /** Who scored each chunk in `replies`: its buffer goes back there once written (undefined: this thread). */
    const scoredBy = new Map<number, Worker>();
    const pool = new BufferPool();
    const giveBack = (bytes: Uint8Array, worker: Worker | undefined) => {
      if (worker === undefined) pool.give(bytes.buffer as ArrayBuffer);
      else if (!finished) worker.postMessage({ spare: bytes.buffer as ArrayBuffer } satisfies ReturnedBuffer, [bytes.buffer as ArrayBuffer]);
    };
    const start = async () => {
      if (run.before) await write(run.stderr, run.before);
      if (settings.format === "csv") await write(run.output, csvHeaderText({ groups: settings.groups, explain: settings.explain }));
    };
    const inFlight = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
    const admission = new ChunkAdmission(() => chunks.length, workers.length + 1);
    let started = false; // `before` and the CSV header are written
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    const mayTake = () => admission.mayTake(feed.holds());
    const hold = (reply: ChunkReply) => {
      replies.set(reply.index, reply);
      if ("bytes" in reply) admission.scored(reply.bytes.length);
    };
    const canWrite = () => feed.holds() && (replies.has(admission.nextToWrite) || admission.nextToWrite === chunks.length);
    const pump = () => {
      for (const worker of workers) {
        while (inFlight.get(worker)! < IN_FLIGHT_PER_WORKER && mayTake()) {
          const index = admission.take();
          const request: ChunkRequest = { index, chunk: chunks[index] };
          inFlight.set(worker, inFlight.get(worker)! + 1);
          worker.postMessage(request);
        }
      }
    };
    for (const worker of workers) {
      worker.on("message", (reply: ChunkReply) => {
        inFlight.set(worker, inFlight.get(worker)! - 1);
        hold(reply);
        scoredBy.set(reply.index, worker);
        pump();
        wake?.();
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`a scoring thread stopped (exit code ${code})`));
      });
    }
    pump();
    for (;;) {
      if (failure) throw failure;
      if (feed.failed()) return undefined;
      const confirmed = feed.holds();
      const nextToWrite = admission.nextToWrite;
      if (confirmed && nextToWrite === chunks.length) break;
      const reply = confirmed ? replies.get(nextToWrite) : undefined;
      if (reply !== undefined) {
        replies.delete(nextToWrite);
        const scorer = scoredBy.get(nextToWrite);
        scoredBy.delete(nextToWrite);
        if ("error" in reply) throw new Error(`scoring chunk ${nextToWrite + 1} of ${chunks.length} failed: ${reply.error}`);
        admission.written(reply.bytes.length);
        pump();
        if (!started) await start();
        started = true;
        outcome.records += reply.records;
        outcome.invalid += reply.invalid;
        outcome.badEventRows += reply.badEventRows;
        if (reply.warnings !== "") await write(run.stderr, reply.warnings);
        if (reply.bytes.length > 0) await write(run.output, reply.bytes, () => giveBack(reply.bytes, scorer));
        run.progress.tick(outcome.records, chunks[nextToWrite].leadsEnd);
        continue;
      }
      // Scoring here never returns to the event loop (its reads are synchronous): let the
      // workers' replies and the planning pass in first, or they would wait.
      await new Promise((resolve) => setImmediate(resolve));
      pump();
      // Anything may have happened meanwhile (the plan ended, replies came): look again before
      // scoring here or waiting, or a wake-up that already happened would be waited for forever.
      if (failure !== undefined || feed.failed() || (feed.holds() && !confirmed) || canWrite()) continue;
      // While the planning pass runs, this thread leaves scoring to the workers: the plan is what
      // everything waits for (no output is written before it holds).
      if (feed.holds() && mayTake()) {
        const index = admission.take();
        hold({ index, ...(await scoreChunk(settings, run.model, chunks[index], pool)) });
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), feed.changed()]);
      wake = undefined;
    }
    if (!started) await start();
    return outcome;
  } finally {
    finished = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
