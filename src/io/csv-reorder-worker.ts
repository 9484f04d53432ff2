// The helper thread of csv-event-reorder.ts: runs the passes it is asked to (csv-reorder-passes.ts)
// and answers with their results, or with the error that stopped one.

import { parentPort } from "node:worker_threads";
import { bucketEventRows, bucketLeadKeys, rankEventRows, writeRangesInOrder, type EventsSection } from "./csv-reorder-passes.js";

export type ReorderRequest =
  | { pass: "leads"; leadsPath: string; idField: string; prefix: string; buckets: number; chunkLeads: number }
  | { pass: "events"; eventsPath: string; prefix: string; buckets: number; section: EventsSection }
  | { pass: "rank"; leadsPrefix: string; eventsPrefixes: string[]; prefix: string; hashBuckets: number[]; ranges: number; ranksPerBucket: number; chunks: number; chunkLeads: number }
  | { pass: "write"; prefixes: string[]; from: number; to: number; ranksPerBucket: number; path: string; position: number };

export type ReorderReply = { result: unknown } | { error: string; code?: string };

async function run(request: ReorderRequest): Promise<unknown> {
  switch (request.pass) {
    case "leads":
      return bucketLeadKeys(request.leadsPath, request.idField, request.prefix, request.buckets, request.chunkLeads);
    case "events":
      return bucketEventRows(request.eventsPath, request.prefix, request.buckets, request.section);
    case "rank":
      return rankEventRows(request.leadsPrefix, request.eventsPrefixes, request.prefix, request.hashBuckets, request.ranges, request.ranksPerBucket, request.chunks, request.chunkLeads);
    case "write":
      return writeRangesInOrder(request.prefixes, request.from, request.to, request.ranksPerBucket, request.path, request.position);
  }
}

parentPort?.on("message", (request: ReorderRequest) => {
  run(request).then(
    (result) => parentPort!.postMessage({ result } satisfies ReorderReply),
    // The code (ENOSPC, ...) goes along: running out of room is not an error for the caller.
    (error: NodeJS.ErrnoException) => parentPort!.postMessage({ error: String(error?.message ?? error), code: error?.code } satisfies ReorderReply),
  );
});
