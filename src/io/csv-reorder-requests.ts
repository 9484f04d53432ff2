// The passes of csv-event-reorder.ts as requests, so that one coordinator can run them on this
// thread or on helper threads (csv-reorder-helper.ts, csv-reorder-worker.ts) alike.

import { bucketEventRows, bucketLeadKeys, rankEventRows, writeRangesInOrder, type BucketedEvents, type BucketedLeads, type EventsSection, type RankedRows } from "./csv-reorder-passes.js";

export type ReorderRequest =
  | { pass: "leads"; leadsPath: string; idField: string; prefix: string; buckets: number; chunkLeads: number }
  | { pass: "events"; eventsPath: string; prefix: string; buckets: number; section?: EventsSection }
  | { pass: "rank"; leadsPrefix: string; eventsPrefixes: string[]; prefix: string; hashBuckets: number[]; ranges: number; ranksPerBucket: number; chunks: number; chunkLeads: number }
  | { pass: "write"; prefixes: string[]; from: number; to: number; ranksPerBucket: number; path: string; position: number };

/** What each request's pass gives. */
export type PassResult<R extends ReorderRequest> = R extends { pass: "leads" }
  ? BucketedLeads | undefined
  : R extends { pass: "events" }
    ? BucketedEvents | undefined
    : R extends { pass: "rank" }
      ? RankedRows | undefined
      : void;

/** Runs passes somewhere: on this thread (`inProcess`) or on a helper thread (ReorderHelper). */
export interface PassRunner {
  run<R extends ReorderRequest>(request: R): Promise<PassResult<R>>;
}

/** Runs the request's pass on this thread. */
export async function runPass(request: ReorderRequest): Promise<unknown> {
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

export const inProcess: PassRunner = { run: (request) => runPass(request) as Promise<never> };
