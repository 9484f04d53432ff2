// A worker thread of the parallel scorer: builds the scoring functions from the plan once (no
// parser needed here, so it starts fast), then scores the chunks the main thread sends, in
// whatever order they come, answering each with its formatted output in a pooled buffer.

import { parentPort, workerData } from "node:worker_threads";
import { compileScorer } from "../../compiler/js/compile-scorer.js";
import type { ScoringPlan } from "../../ir/plan.js";
import type { Chunk } from "../../io/parallel-plan.js";
import { BufferPool } from "./buffer-pool.js";
import { scoreChunk, type ChunkOutput, type ChunkSettings } from "./score-chunk.js";

export interface WorkerData {
  plan: ScoringPlan;
  settings: ChunkSettings;
}

export interface ChunkRequest {
  index: number;
  chunk: Chunk;
}

/** A written output buffer coming back (buffer-pool.ts). */
export interface ReturnedBuffer {
  spare: ArrayBuffer;
}

export type ChunkReply = { index: number; error: string } | ({ index: number } & ChunkOutput);

const { plan, settings } = workerData as WorkerData;
const model = compileScorer(plan);
const port = parentPort!;
const pool = new BufferPool();

port.on("message", (message: ChunkRequest | ReturnedBuffer) => {
  if ("spare" in message) {
    pool.give(message.spare);
    return;
  }
  const request = message;
  scoreChunk(settings, model, request.chunk, pool).then(
    (output) => port.postMessage({ index: request.index, ...output } satisfies ChunkReply, [output.bytes.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ index: request.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ChunkReply),
  );
});
