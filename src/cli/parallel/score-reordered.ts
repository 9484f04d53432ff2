// The parallel scorer for CSV leads whose events file is not in lead order (CRMs often export
// activities by date): the events are first rewritten in lead order through temporary files
// (src/io/csv-event-reorder.ts), which also gives the chunks to score, then scored in parallel
// like any file in order. Without this, such files were scored on one thread after a slower
// rewrite.

import { ChunkFeed } from "../../io/chunk-feed.js";
import { reorderCsvEvents } from "../../io/csv-event-reorder.js";
import { feedParallelPlan } from "../../io/parallel-plan.js";
import { badEventRowWarning, type ScoreLoopOutcome } from "../score-loop.js";
import { scoreInParallel, type ParallelRun } from "./score-parallel.js";

export interface ReorderedRun extends Omit<ParallelRun, "feed"> {
  /** Leads per chunk (tests cut small files into many), else the planner's default. */
  chunkLeads?: number;
}

/**
 * Scores `run.settings`' CSV leads with their events put in lead order first. Undefined, having
 * written nothing, when the files cannot be rewritten that way (a malformed quote, a repeated lead
 * id, ...) or planned: the caller then reads them on this thread, which reports why.
 */
export async function scoreReorderedInParallel(run: ReorderedRun): Promise<ScoreLoopOutcome | undefined> {
  const { leadsPath, eventsPath, idField } = run.settings;
  if (eventsPath === undefined || run.settings.leadsFormat !== "csv") return undefined;
  run.progress.noteEventsReorder();
  // Tests cut small files into many buckets, so that both threads get several.
  const bucketBytes = Number(process.env.LEADSCORE_BUCKET_BYTES) || undefined;
  const reordered = await reorderCsvEvents(leadsPath, eventsPath, idField, { threads: run.threads, bucketBytes, chunkLeads: run.chunkLeads });
  if (reordered === undefined) return undefined;
  try {
    const feed = new ChunkFeed();
    if (reordered.plan === undefined) {
      void feedParallelPlan(feed, leadsPath, reordered.path, idField, run.chunkLeads);
    } else {
      // Known from the rewrite: no planning pass over both files.
      feed.leadsHeader = reordered.plan.leadsHeader;
      feed.eventsHeader = reordered.plan.eventsHeader;
      for (const chunk of reordered.plan.chunks) feed.push(chunk);
      feed.finish(true);
    }
    // The bad rows are reported first, as the main-thread path reports them (event-join.ts).
    const warnings = reordered.problems.map(badEventRowWarning).join("");
    const outcome = await scoreInParallel({ ...run, feed, settings: { ...run.settings, eventsPath: reordered.path }, before: warnings });
    if (outcome !== undefined) outcome.badEventRows += reordered.problems.length;
    return outcome;
  } finally {
    await reordered.remove();
  }
}
