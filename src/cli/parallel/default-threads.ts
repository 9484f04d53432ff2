// How many threads `leadscore score` uses when --threads is not given.

import { availableParallelism } from "node:os";
import { fileSize } from "../../io/plan-files.js";

/** Inputs smaller than this are scored on one thread: a worker takes ~0.1 s to start. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** Threads used when --threads is not given: each one holds its own heap (~60 MB more peak RSS). */
const DEFAULT_MAX_THREADS = 2;

/**
 * Without --threads: two threads for inputs of 8 MB and more, when there are two cores. On two
 * cores they score 1M leads with events ~1.4x faster than one thread (planning, scoring and
 * writing overlap), at a peak RSS of ~175 MB against ~120 MB (158 MB at 100k leads, 176 MB at 1M
 * and 10M): inside SPEC 10's 250 MB. A third thread would not fit in it, so more are asked for
 * (--threads N).
 */
export async function defaultThreads(leadsPath: string, eventsPath: string | undefined, cores = availableParallelism()): Promise<number> {
  if (cores < 2) return 1;
  const bytes = (await fileSize(leadsPath)) + (eventsPath === undefined ? 0 : await fileSize(eventsPath));
  return bytes >= PARALLEL_MIN_BYTES ? Math.min(cores, DEFAULT_MAX_THREADS) : 1;
}
