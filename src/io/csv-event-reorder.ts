// Puts a CSV events file in the order of a CSV leads file, in the four passes of event-reorder.ts,
// but on bytes (csv-reorder-passes.ts): the rows are found with csv-record-scanner.ts and moved as
// they are, and ids are looked up by their bytes, so no string is made per row (event-reorder.ts
// makes four). The rewritten file keeps the original's header and rows, so the parallel scorer can
// cut it into chunks like any events file (src/cli/parallel/score-reordered.ts).
//
//   1. leads: each lead's key and rank go to bucket hash(key) % K;
//   2. events: each good row goes, with its lead's key, to bucket hash(key) % K; bad rows are
//      kept, worded as readEventRows words them, to be reported first;
//   3. per hash bucket: the ranks of its keys in a table; each row goes, behind its lead's rank,
//      to range bucket rank / (leads / K) (rows of leads not in the file are dropped);
//   4. each range bucket in rank order (stable) after the original header row.
//
// With two threads, two helper threads (csv-reorder-worker.ts) run the passes while this one
// coordinates: one runs pass 1 and pass 2 over the end of the events file while the other runs
// pass 2 over its start, then each runs half the buckets of passes 3 and 4. On 1M leads with 4.1M
// events that takes ~2.0-2.3 s, against ~3.3-3.7 s on one thread (the text reader of
// event-reorder.ts took ~8 s).
//
// A key is the UTF-8 bytes of the trimmed id text: two ids are equal as texts exactly when their
// keys are equal as bytes, as the readers compare them. Input the scanner does not cut (a malformed
// quote, a record over 4 MB) gives undefined, as does a repeated lead id: the caller then uses
// event-reorder.ts, which reads the files as the readers do.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bucketCount, BUCKET_BYTES, makeScratchDir, noScratchSpace } from "./byte-buckets.js";
import { scanCsvRecords } from "./csv-record-scanner.js";
import { ReorderHelper } from "./csv-reorder-helper.js";
import type { BucketedEvents, BucketedLeads, EventsSection, RankedRows } from "./csv-reorder-passes.js";
import { inProcess, type PassRunner } from "./csv-reorder-requests.js";
import type { ReorderedEvents } from "./event-reorder.js";
import type { MalformedInput } from "./lead-input.js";
import { CHUNK_LEADS, type Chunk, type ParallelPlan } from "./parallel-plan.js";
import { fileSize, lineStartAfter, withFiles } from "./plan-files.js";

export interface CsvReorderOptions {
  /** 2 to run the passes on two helper threads (when the compiled worker exists), else 1: this thread. */
  threads?: number;
  /** Bytes of the events file per bucket (tests cut small files into many buckets). */
  bucketBytes?: number;
  /** The smallest events file two threads bucket in two sections (tests split small files). */
  splitMinBytes?: number;
  /** Leads per chunk of the plan it returns (tests cut small files into many chunks). */
  chunkLeads?: number;
}

type Settings = Required<Omit<CsvReorderOptions, "threads">>;

export interface CsvReordered extends ReorderedEvents {
  /** The parallel scorer's chunks over the leads file and the rewritten file (undefined: no leads). */
  plan?: ParallelPlan;
}

/**
 * The events of `eventsPath` in the order of the leads of `leadsPath` (both CSV), the header row
 * first, in a directory under os.tmpdir(); undefined when the files cannot be read this way (see
 * above) or the temporary files cannot be made or find no room.
 */
export async function reorderCsvEvents(leadsPath: string, eventsPath: string, idField: string, options: CsvReorderOptions = {}): Promise<CsvReordered | undefined> {
  const scratch = await makeScratchDir();
  if (scratch === undefined) return undefined;
  const helpers = (options.threads ?? 1) >= 2 ? startHelpers() : undefined;
  try {
    const path = join(scratch.path, "events-in-lead-order.csv");
    const settings = { bucketBytes: options.bucketBytes ?? BUCKET_BYTES, splitMinBytes: options.splitMinBytes ?? SPLIT_MIN_BYTES, chunkLeads: options.chunkLeads ?? CHUNK_LEADS };
    const reordered = await reorder(leadsPath, eventsPath, idField, scratch.path, path, settings, helpers ?? [inProcess]);
    if (reordered === undefined) {
      await scratch.remove();
      return undefined;
    }
    return { path, ...reordered, remove: scratch.remove };
  } catch (error) {
    await scratch.remove();
    if (noScratchSpace(error)) return undefined;
    throw error;
  } finally {
    await Promise.all((helpers ?? []).map((helper) => helper.stop()));
  }
}

/**
 * Two helper threads, or undefined run from the TypeScript sources (tests, tsx), where there is no
 * compiled worker. This thread only coordinates them: what the passes hold goes with the threads,
 * where on a 3 GB file it had added ~65 MB to this thread's peak while it scored afterwards.
 */
function startHelpers(): [ReorderHelper, ReorderHelper] | undefined {
  const first = ReorderHelper.start();
  return first && [first, ReorderHelper.start()!];
}

/**
 * The four passes on one runner (this thread) or two (helper threads): with two, the second
 * buckets the leads and the end of the events file while the first buckets its start, and each
 * ranks and writes half the buckets.
 */
async function reorder(leadsPath: string, eventsPath: string, idField: string, dir: string, path: string, settings: Settings, runners: [PassRunner] | [PassRunner, PassRunner]): Promise<Omit<CsvReordered, "path" | "remove"> | undefined> {
  const file = (name: string) => join(dir, name);
  const buckets = bucketCount(await fileSize(eventsPath), settings.bucketBytes);
  const [first, second] = runners;
  const [leads, events] =
    second === undefined
      ? [await first.run({ pass: "leads", leadsPath, idField, prefix: file("leads"), buckets, chunkLeads: settings.chunkLeads }), await bucketEvents(first, eventsPath, file, buckets)]
      : await bucketOnTwoThreads(leadsPath, eventsPath, idField, file, buckets, settings, first, second);
  if (leads === undefined || events === undefined) return undefined;
  const ranksPerBucket = Math.max(1, Math.ceil(leads.leads / buckets));
  const all = Array.from({ length: buckets }, (_, k) => k);

  // Pass 3: with two runners, the first takes the even hash buckets and the second the odd ones,
  // each writing range buckets of its own (a lead's rows are all in one hash bucket, so in one
  // runner's files).
  const prefixes = runners.map((_, r) => file(`ranked-${r}`));
  const chunks = leads.boundaries.length;
  const ranked = await Promise.all(
    runners.map((runner, r) =>
      runner.run({
        pass: "rank",
        leadsPrefix: file("leads"),
        eventsPrefixes: events.prefixes,
        prefix: prefixes[r],
        hashBuckets: all.filter((k) => k % runners.length === r),
        ranges: buckets,
        ranksPerBucket,
        chunks,
        chunkLeads: settings.chunkLeads,
      }),
    ),
  );
  if (ranked.some((counts) => counts === undefined)) return undefined;
  const counts = ranked.map((c) => c!).reduce(sumCounts);

  // Pass 4: the header, then the range buckets, each at its place in the file: with two runners,
  // the second writes the second half of the bytes while the first writes the first.
  writeFileSync(path, events.header);
  const starts = [events.header.length];
  for (const bytes of counts.rangeBytes) starts.push(starts[starts.length - 1] + bytes);
  const middle = second === undefined ? buckets : starts.findIndex((start) => start - starts[0] >= (starts[buckets] - starts[0]) / 2);
  await Promise.all([
    first.run({ pass: "write", prefixes, from: 0, to: middle, ranksPerBucket, path, position: starts[0] }),
    second?.run({ pass: "write", prefixes, from: middle, to: buckets, ranksPerBucket, path, position: starts[middle] }),
  ]);
  return { problems: events.problems, plan: planOf(leads, events, counts, await fileSize(leadsPath)) };
}

function sumCounts(a: RankedRows, b: RankedRows): RankedRows {
  const sum = (x: number[], y: number[]) => x.map((value, i) => value + y[i]);
  return { rangeBytes: sum(a.rangeBytes, b.rangeBytes), chunkBytes: sum(a.chunkBytes, b.chunkBytes), chunkLines: sum(a.chunkLines, b.chunkLines) };
}

/**
 * The parallel scorer's chunks over the leads file and the rewritten events file, as the planning
 * pass (parallel-plan.ts) would cut them, which would read both files again to find them: the
 * leads' boundaries come from pass 1, and each chunk's rows follow the last chunk's in the
 * rewritten file. Undefined when the leads file has no rows (the planner gives no plan either).
 */
function planOf(leads: BucketedLeads, events: Bucketed, counts: RankedRows, leadsSize: number): ParallelPlan | undefined {
  const { boundaries } = leads;
  if (boundaries.length === 0) return undefined;
  const chunks: Chunk[] = [];
  let eventsAt = events.header.length;
  let eventsLine = 1 + events.headerLines;
  const eventsSize = counts.chunkBytes.reduce((sum, bytes) => sum + bytes, eventsAt);
  boundaries.forEach((boundary, c) => {
    const eventsEnd = eventsAt + counts.chunkBytes[c];
    chunks.push({
      leadsStart: boundary.leads,
      leadsEnd: boundaries[c + 1]?.leads ?? leadsSize,
      leadsLine: boundary.leadsLine,
      eventsStart: eventsAt,
      eventsEnd,
      // The planning pass gives no line where no rows are left: it has stopped counting.
      eventsLine: eventsAt === eventsSize ? 0 : eventsLine,
      inputsBefore: boundary.inputsBefore,
    });
    eventsAt = eventsEnd;
    eventsLine += counts.chunkLines[c];
  });
  return { leadsHeader: leads.header, eventsHeader: events.headerNames, chunks };
}

/** Pass 2's outcome for the whole file, whether one thread or two bucketed it. */
interface Bucketed {
  header: Buffer;
  headerNames: string[];
  headerLines: number;
  problems: MalformedInput[];
  /** The bucket files' prefixes, one per section of the events file, in file order. */
  prefixes: string[];
}

/** Pass 2 over the whole events file on one runner. */
async function bucketEvents(runner: PassRunner, eventsPath: string, file: (name: string) => string, buckets: number): Promise<Bucketed | undefined> {
  return bucketed(await runner.run({ pass: "events", eventsPath, prefix: file("events"), buckets }), [file("events")]);
}

/** Pass 2's outcome for the file, or for its first section (which holds the header). */
function bucketed(events: BucketedEvents | undefined, prefixes: string[]): Bucketed | undefined {
  if (events?.header === undefined || events.headerNames === undefined || events.headerLines === undefined) return undefined;
  return { header: events.header, headerNames: events.headerNames, headerLines: events.headerLines, problems: events.problems, prefixes };
}

/**
 * Passes 1 and 2 on two runners: the second buckets the leads, then the end of the events file,
 * while the first buckets the start, sized so that both finish together. The two sections meet at
 * a line end, which is a record's end only outside quotes: the first runner's scan, reading from
 * the file's start, finds whether it was (its section then ends cleanly); if it was not, the first
 * runner buckets the whole file after all.
 */
async function bucketOnTwoThreads(leadsPath: string, eventsPath: string, idField: string, file: (name: string) => string, buckets: number, settings: Settings, first: PassRunner, second: PassRunner): Promise<[BucketedLeads | undefined, Bucketed | undefined]> {
  const split = await findSplit(eventsPath, await fileSize(leadsPath), settings.splitMinBytes);
  const leadsDone = second.run({ pass: "leads", leadsPath, idField, prefix: file("leads"), buckets, chunkLeads: settings.chunkLeads });
  // Promise.all from the start: a helper's failure then rejects here, never unhandled.
  if (split === undefined) return Promise.all([leadsDone, bucketEvents(first, eventsPath, file, buckets)]);
  const end = leadsDone.then((leads) => (leads === undefined ? undefined : second.run({ pass: "events", eventsPath, prefix: file("events-b"), buckets, section: split.rest })));
  const [leads, start, rest] = await Promise.all([leadsDone, first.run({ pass: "events", eventsPath, prefix: file("events-a"), buckets, section: split.start }), end]);
  const whole = bucketed(start, [file("events-a"), file("events-b")]);
  if (whole === undefined || rest === undefined) return [leads, await bucketEvents(first, eventsPath, file, buckets)];
  // The second runner counted its lines from 1.
  const problems = [...whole.problems, ...rest.problems.map((problem) => ({ ...problem, line: problem.line + start!.nextLine - 1 }))];
  return [leads, { ...whole, problems }];
}

/** Splitting pays from this size of events file on (tests: CsvReorderOptions.splitMinBytes). */
const SPLIT_MIN_BYTES = 8 * 1024 * 1024;
/** Scanning a byte of leads (the id column only) takes about this share of the time of a byte of events (measured: both sections then end together on 1M leads). */
const LEADS_BYTE_COST = 0.55;

/**
 * Where the two runners' sections of the events file meet: after the first line end past the
 * point where the second runner, which also reads the leads, gets as much work as the first.
 */
async function findSplit(eventsPath: string, leadsBytes: number, minBytes: number): Promise<{ start: EventsSection; rest: EventsSection } | undefined> {
  const size = await fileSize(eventsPath);
  if (size < minBytes) return undefined;
  const share = Math.min(0.9, 0.5 + (0.5 * LEADS_BYTE_COST * leadsBytes) / size);
  return withFiles(eventsPath, undefined, async (file) => {
    let header: string[] | undefined;
    let headerEnd = 0;
    for await (const batch of scanCsvRecords(file, { column: (names) => ((header = names), -1) })) {
      headerEnd = batch.count > 0 ? batch.ends[0] : 0;
      break;
    }
    const at = await lineStartAfter(file, Math.max(headerEnd, Math.floor(size * share)));
    if (header === undefined || at === undefined || at >= size) return undefined;
    return { start: { start: 0, end: at }, rest: { start: at, end: size, header } };
  });
}
