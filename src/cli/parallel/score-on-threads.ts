// Which parallel path `leadscore score` takes, if any: the input is planned into chunks for worker
// threads (src/io/parallel-plan.ts, jsonl-plan.ts, json-array-plan.ts), and CSV leads whose events
// file is out of lead order get it rewritten in order first (score-reordered.ts). When no parallel
// path applies or holds, nothing has been written and the caller reads the files on its thread.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ChunkFeed } from "../../io/chunk-feed.js";
import { eventsEvidentlyOutOfOrder } from "../../io/events-order-hint.js";
import { feedJsonArrayPlan } from "../../io/json-array-plan.js";
import { feedJsonlPlan } from "../../io/jsonl-plan.js";
import { feedParallelPlan } from "../../io/parallel-plan.js";
import type { LeadFileFormat } from "../../io/read-leads.js";
import type { ResultFormat } from "../../io/write-results.js";
import type { ScoreLoopOutcome } from "../score-loop.js";
import { scoreInParallel, WORKER_URL, type ParallelRun } from "./score-parallel.js";
import { scoreReorderedInParallel } from "./score-reordered.js";

export interface ThreadsOutcome {
  /** Undefined when the files must be read on the caller's thread. */
  outcome?: ScoreLoopOutcome;
  /** The events were found out of lead order: a reader need not check again. */
  eventsOutOfOrder: boolean;
}

/**
 * Scores on `run.threads` threads when the input allows: more than one thread, no table output
 * (its columns are sized from the first results), and no events file for JSON or JSONL leads.
 */
export async function scoreOnThreads(run: Omit<ParallelRun, "feed">, resultFormat: ResultFormat): Promise<ThreadsOutcome> {
  const { leadsPath, leadsFormat, eventsPath, idField } = run.settings;
  if (run.threads < 2 || resultFormat === "table" || (leadsFormat !== "csv" && eventsPath !== undefined)) return { eventsOutOfOrder: false };
  // Run from the TypeScript sources (tests, tsx) there is no compiled worker to start.
  if (!existsSync(fileURLToPath(WORKER_URL))) return { eventsOutOfOrder: false };
  const chunkLeads = chunkLeadsFromEnv();
  let reordered = false;
  // The leads are CSV here (see above).
  if (eventsPath !== undefined && (await eventsEvidentlyOutOfOrder(eventsPath, { path: leadsPath, idField }))) {
    // Sorted by time, say: skip the order check, which might read most of the leads to find out.
    reordered = true;
    const outcome = await scoreReorderedInParallel({ ...run, chunkLeads });
    if (outcome !== undefined) return { outcome, eventsOutOfOrder: true };
  }
  const feed = new ChunkFeed();
  startPlan(feed, leadsPath, leadsFormat, eventsPath, idField, chunkLeads);
  const outcome = (await scoreInParallel({ ...run, feed })) ?? (feed.eventsOutOfOrder && !reordered ? await scoreReorderedInParallel({ ...run, chunkLeads }) : undefined);
  return { outcome, eventsOutOfOrder: feed.eventsOutOfOrder };
}

/** Starts the planning pass for the leads file's format; the feed receives its chunks as they come. */
function startPlan(feed: ChunkFeed, leadsPath: string, leadsFormat: LeadFileFormat, eventsPath: string | undefined, idField: string, chunkLeads: number | undefined): void {
  if (leadsFormat === "jsonl") void feedJsonlPlan(feed, leadsPath, chunkLeads);
  else if (leadsFormat === "json") void feedJsonArrayPlan(feed, leadsPath, chunkLeads);
  else void feedParallelPlan(feed, leadsPath, eventsPath, idField, chunkLeads);
}

/** Leads per chunk of the parallel scorer: tests cut small files into many chunks. */
function chunkLeadsFromEnv(): number | undefined {
  return Number(process.env.LEADSCORE_CHUNK_LEADS) || undefined;
}
