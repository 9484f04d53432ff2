// The main thread's side of the parallel scorer: hands the planned chunks to worker threads, a
// few at a time each, and writes their outputs in chunk order (so the output is exactly the
// sequential one). Only a bounded number of chunks is ever in flight or waiting to be written,
// and writing waits for the output to drain: memory stays flat whatever the file size.

import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { ScoringPlan } from "../../ir/plan.js";
import type { ParallelPlan } from "../../io/parallel-plan.js";
import { csvHeaderText } from "../../io/write-csv.js";
import type { Progress } from "../progress.js";
import { write } from "../terminal.js";
import { compileScorer } from "../../compiler/js/compile-scorer.js";
import { scoreChunk, type ChunkSettings } from "./score-chunk.js";
import type { ChunkReply, ChunkRequest, WorkerData } from "./score-worker.js";

/** Chunks given to one worker before it answers: one being scored, one waiting, so it never idles. */
const IN_FLIGHT_PER_WORKER = 2;
/** Chunks per thread that may be taken and not yet written (scored ones wait for those before them). */
const MAX_OUTSTANDING_PER_THREAD = 4;
/**
 * A worker's young generation: its default is small for this much short-lived garbage (every
 * lead's record and result), and scavenging took a third of a worker's time.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

export const WORKER_URL = new URL("./score-worker.js", import.meta.url);

export interface ParallelOutcome {
  records: number;
  invalid: number;
  badEventRows: number;
}

export interface ParallelRun {
  plan: ParallelPlan;
  scoringPlan: ScoringPlan;
  settings: ChunkSettings;
  threads: number;
  output: Writable;
  stderr: Writable;
  progress: Progress;
}

/**
 * Scores the chunks on `threads` threads: this one and threads - 1 workers. This thread takes a
 * chunk whenever the next output to write is not ready yet, so with two cores one worker is
 * enough to keep both busy, and memory holds one extra heap, not two.
 */
export async function scoreInParallel(run: ParallelRun): Promise<ParallelOutcome> {
  const { chunks } = run.plan;
  const data: WorkerData = { plan: run.scoringPlan, settings: run.settings };
  const workerCount = Math.max(1, Math.min(run.threads - 1, chunks.length - 1));
  const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_URL, { workerData: data, resourceLimits: WORKER_LIMITS }));
  const localModel = compileScorer(run.scoringPlan);
  const outcome: ParallelOutcome = { records: 0, invalid: 0, badEventRows: 0 };
  const limit = (workers.length + 1) * MAX_OUTSTANDING_PER_THREAD;
  try {
    if (run.settings.format === "csv") await write(run.output, csvHeaderText({ groups: run.settings.groups, explain: run.settings.explain }));
    const replies = new Map<number, ChunkReply>();
    const inFlight = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
    let nextToSend = 0;
    let nextToWrite = 0;
    let wake: (() => void) | undefined;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    // Keeps every worker busy, but never lets more than `limit` chunks be taken and not yet
    // written: when the output is slow, the workers wait instead of piling up results.
    const pump = () => {
      for (const worker of workers) {
        while (inFlight.get(worker)! < IN_FLIGHT_PER_WORKER && nextToSend < chunks.length && nextToSend - nextToWrite < limit) {
          const request: ChunkRequest = { index: nextToSend, chunk: chunks[nextToSend] };
          nextToSend++;
          inFlight.set(worker, inFlight.get(worker)! + 1);
          worker.postMessage(request);
        }
      }
    };
    for (const worker of workers) {
      worker.on("message", (reply: ChunkReply) => {
        inFlight.set(worker, inFlight.get(worker)! - 1);
        replies.set(reply.index, reply);
        pump();
        wake?.();
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`a scoring thread stopped (exit code ${code})`));
      });
    }
    pump();
    while (nextToWrite < chunks.length) {
      if (failure) throw failure;
      let reply = replies.get(nextToWrite);
      if (reply === undefined) {
        // Scoring here never returns to the event loop (its reads are synchronous): let the
        // workers' replies in first, or they would sit unread and the workers idle.
        await new Promise((resolve) => setImmediate(resolve));
        reply = replies.get(nextToWrite);
      }
      if (reply === undefined) {
        if (nextToSend < chunks.length && nextToSend - nextToWrite < limit) {
          // Nothing to write yet: score the next chunk here meanwhile.
          const index = nextToSend++;
          replies.set(index, { index, ...(await scoreChunk(run.settings, localModel, chunks[index])) });
          pump();
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        continue;
      }
      replies.delete(nextToWrite);
      if ("error" in reply) throw new Error(`scoring chunk ${nextToWrite + 1} of ${chunks.length} failed: ${reply.error}`);
      nextToWrite++;
      pump();
      outcome.records += reply.records;
      outcome.invalid += reply.invalid;
      outcome.badEventRows += reply.badEventRows;
      if (reply.warnings !== "") await write(run.stderr, reply.warnings);
      if (reply.bytes.length > 0) await write(run.output, reply.bytes);
      run.progress.tick(outcome.records);
    }
    return outcome;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
