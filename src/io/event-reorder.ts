// A big events file that is not in the leads' order (CRMs often export activities by date) is
// rewritten in lead order in a temporary directory, so the streaming merge join (event-merge.ts)
// can read it: memory stays flat instead of holding every occurrence in the index join's Map (780
// MB for 4.1M events). It is an external sort in four passes, each holding one bucket of ~4 MB:
//
//   1. leads: each lead's id and rank (its place among the leads) go to bucket hash(id) % K as a
//      binary record;
//   2. events: each good row goes to bucket hash(lead_id) % K as a binary record; bad rows are
//      kept, to be reported first as the index join reports them;
//   3. per hash bucket: the ranks of its ids in a Map; each event, given its lead's rank, goes to
//      range bucket rank / (leads / K) (events of leads not in the file are dropped: the index join
//      never looks them up either);
//   4. each range bucket in turn, put in rank order, appended to one `lead_id,type,at` CSV file.
//
// A lead's events all land in one hash bucket in file order, and the sort is stable, so they reach
// the lead in file order, as from the index. When two leads share an id the index join gives both
// the events, the merge join only the first; the rewrite then gives up (undefined) and the caller
// uses the index join, so results never depend on which join ran.
//
// This version reads both files as the readers do (any leads format, every kind of bad row).
// csv-event-reorder.ts does the same passes on the bytes of CSV files, several times faster; the
// join uses it first (event-join.ts).

import { join } from "node:path";
import type { MalformedInput } from "./lead-input.js";
import { bucketCount, BUCKET_BYTES, bucketPaths, ByteBuckets, makeScratchDir, noScratchSpace, BucketReader } from "./byte-buckets.js";
import { fileSize } from "./plan-files.js";
import { readEventRows } from "./read-events.js";

export interface ReorderedEvents {
  /** The events file in lead order: a header, then only good rows. */
  path: string;
  /** The original file's bad rows, in file order. */
  problems: MalformedInput[];
  /** Removes the temporary directory. */
  remove(): Promise<void>;
}

/**
 * The events of `eventsPath` rewritten in the order of `leadIds` (the ids of the leads file in
 * order, "" for a lead without one: read-leads.ts readLeadIds), in a directory under os.tmpdir()
 * (TMPDIR); undefined when two leads share an id or the temporary files cannot be made or find no room. It needs
 * about twice the events file's size of disk. `bucketBytes` is for tests, which cut small files
 * into many buckets.
 */
export async function reorderEvents(leadIds: AsyncIterable<string[]>, eventsPath: string, bucketBytes = BUCKET_BYTES): Promise<ReorderedEvents | undefined> {
  const scratch = await makeScratchDir();
  if (scratch === undefined) return undefined;
  const dir = scratch.path;
  try {
    const buckets = bucketCount(await fileSize(eventsPath), bucketBytes);
    const leads = await bucketLeads(leadIds, join(dir, "leads"), buckets);
    const problems = await bucketEvents(eventsPath, join(dir, "events"), buckets);
    const ranksPerBucket = Math.max(1, Math.ceil(leads / buckets));
    if (!rankEvents(join(dir, "leads"), join(dir, "events"), join(dir, "ranked"), buckets, ranksPerBucket)) {
      await scratch.remove();
      return undefined;
    }
    const path = join(dir, "events-in-lead-order.csv");
    writeInOrder(join(dir, "ranked"), buckets, ranksPerBucket, path);
    return { path, problems, remove: scratch.remove };
  } catch (error) {
    await scratch.remove();
    if (noScratchSpace(error)) return undefined;
    throw error;
  }
}

/** Pass 1: a record per lead with an id: the id (u32 length and UTF-8 bytes) and its rank (u32). Returns the number of leads. */
async function bucketLeads(leadIds: AsyncIterable<string[]>, prefix: string, buckets: number): Promise<number> {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  let rank = 0;
  try {
    for await (const ids of leadIds) {
      for (const id of ids) {
        if (id !== "") {
          const bucket = hashText(id) % buckets;
          out.text(bucket, id);
          out.u32(bucket, rank);
        }
        rank++;
      }
    }
  } finally {
    out.close();
  }
  return rank;
}

/**
 * Pass 2: a record per good row: lead_id, type and at (empty when absent), each a u32 length and
 * UTF-8 bytes. Returns the bad rows.
 */
async function bucketEvents(eventsPath: string, prefix: string, buckets: number): Promise<MalformedInput[]> {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const problems: MalformedInput[] = [];
  try {
    for await (const rows of readEventRows(eventsPath)) {
      for (const row of rows) {
        if (row.kind === "malformed") {
          problems.push(row);
          continue;
        }
        const { leadId, event } = row;
        const bucket = hashText(leadId) % buckets;
        out.text(bucket, leadId);
        out.text(bucket, event.type);
        out.text(bucket, event.at ?? "");
      }
    }
  } finally {
    out.close();
  }
  return problems;
}

/** Pass 3: each record behind its lead's rank (u32), in range buckets of `ranksPerBucket` leads; false when an id repeats. */
function rankEvents(leadsPrefix: string, eventsPrefix: string, prefix: string, buckets: number, ranksPerBucket: number): boolean {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const leadsReader = new BucketReader();
  const eventsReader = new BucketReader();
  try {
    for (let k = 0; k < buckets; k++) {
      const ranks = new Map<string, number>();
      const leads = leadsReader.take([`${leadsPrefix}${k}`]);
      for (let at = 0; at < leads.length; ) {
        const idLength = leads.readUInt32LE(at);
        const id = leads.toString("utf8", at + 4, at + 4 + idLength);
        at += 4 + idLength;
        if (ranks.has(id)) return false;
        ranks.set(id, leads.readUInt32LE(at));
        at += 4;
      }
      const records = eventsReader.take([`${eventsPrefix}${k}`]);
      for (let at = 0; at < records.length; ) {
        const start = at;
        const idLength = records.readUInt32LE(at);
        const rank = ranks.get(records.toString("utf8", at + 4, at + 4 + idLength));
        at = skipValues(records, at, 3);
        if (rank === undefined) continue;
        const bucket = Math.floor(rank / ranksPerBucket);
        out.u32(bucket, rank);
        out.bytes(bucket, records, start, at);
      }
    }
    return true;
  } finally {
    out.close();
  }
}

/** Pass 4: each range bucket in rank order (a counting sort, stable), as CSV rows with every text quoted. */
function writeInOrder(prefix: string, buckets: number, ranksPerBucket: number, path: string): void {
  const out = new ByteBuckets([path]);
  try {
    out.bytes(0, Buffer.from("lead_id,type,at\n"), 0, 16);
    const reader = new BucketReader();
    for (let k = 0; k < buckets; k++) {
      const records = reader.take([`${prefix}${k}`]);
      const order = sortByRank(records, k * ranksPerBucket, ranksPerBucket, (at) => skipValues(records, at + 4, 3));
      for (const start of order) {
        const type = skipValues(records, start + 4, 1);
        const time = skipValues(records, type, 1);
        out.quoted(0, records, start + 8, type); // lead_id
        out.byte(0, COMMA);
        out.quoted(0, records, type + 4, time);
        out.byte(0, COMMA);
        if (records.readUInt32LE(time) > 0) out.quoted(0, records, time + 4, skipValues(records, time, 1)); // no time: left empty
        out.byte(0, LF);
      }
    }
  } finally {
    out.close();
  }
}

/**
 * A counting sort of one range bucket's records, each `u32 rank` first: their starts in rank order
 * (stable: records of one rank stay in file order). `firstRank` is the bucket's lowest rank,
 * `ranks` how many it covers; `next(at)` is where the record at `at` ends.
 */
function sortByRank(records: Buffer, firstRank: number, ranks: number, next: (at: number) => number): Int32Array {
  const starts: number[] = [];
  const offsets: number[] = [];
  for (let at = 0; at < records.length; at = next(at)) {
    starts.push(at);
    offsets.push(records.readUInt32LE(at) - firstRank);
  }
  const counts = new Int32Array(ranks + 1);
  for (const offset of offsets) counts[offset + 1]++;
  for (let r = 0; r < ranks; r++) counts[r + 1] += counts[r];
  const order = new Int32Array(starts.length);
  for (let i = 0; i < starts.length; i++) order[counts[offsets[i]]++] = starts[i];
  return order;
}

/** Past `count` length-prefixed values (u32 length and bytes) from `at`. */
function skipValues(records: Buffer, at: number, count: number): number {
  for (let i = 0; i < count; i++) at += 4 + records.readUInt32LE(at);
  return at;
}

/** FNV-1a over a text's UTF-16 code units. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const COMMA = 44;
const LF = 10;
