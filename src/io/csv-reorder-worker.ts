// A helper thread of csv-event-reorder.ts: runs the passes it is asked to and answers with their
// results, or with the error that stopped one. Whatever a pass holds (bucket buffers of up to
// ~12 MB on a 3 GB file) goes when the thread ends, not into the main thread's heap.

import { parentPort } from "node:worker_threads";
import { runPass, type ReorderRequest } from "./csv-reorder-requests.js";

export type ReorderReply = { result: unknown } | { error: string; code?: string };

parentPort?.on("message", (request: ReorderRequest) => {
  runPass(request).then(
    (result) => parentPort!.postMessage({ result } satisfies ReorderReply),
    // The code (ENOSPC, ...) goes along: running out of room is not an error for the caller.
    (error: NodeJS.ErrnoException) => parentPort!.postMessage({ error: String(error?.message ?? error), code: error?.code } satisfies ReorderReply),
  );
});
