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

import { mkdtemp, rm } from "node:fs/promises";
import { closeSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MalformedInput } from "./lead-input.js";
import { fileSize } from "./plan-files.js";
import { readEventRows } from "./read-events.js";

/** Bytes of the events file per bucket. */
export const BUCKET_BYTES = 4 * 1024 * 1024;
const MAX_BUCKETS = 256;

export interface ReorderedEvents {
  /** The events file in lead order: a `lead_id,type,at` header, then only good rows. */
  path: string;
  /** The original file's bad rows, in file order. */
  problems: MalformedInput[];
  /** Removes the temporary directory. */
  remove(): Promise<void>;
}

/**
 * The events of `eventsPath` rewritten in the order of `leadIds` (the ids of the leads file in
 * order, "" for a lead without one: read-leads.ts readLeadIds), in a directory under os.tmpdir()
 * (TMPDIR); undefined when two leads share an id or the temporary files find no room. It needs
 * about twice the events file's size of disk. `bucketBytes` is for tests, which cut small files
 * into many buckets.
 */
export async function reorderEvents(leadIds: AsyncIterable<string[]>, eventsPath: string, bucketBytes = BUCKET_BYTES): Promise<ReorderedEvents | undefined> {
  const dir = await mkdtemp(join(tmpdir(), "leadscore-events-"));
  // Removed however the process ends: process.exit() skips `finally` blocks (the CLI exits so on a
  // closed pipe, and on SIGINT and SIGTERM: bin/leadscore.js), but runs 'exit' listeners.
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  process.on("exit", removeNow);
  const remove = async () => {
    process.off("exit", removeNow);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const buckets = Math.min(MAX_BUCKETS, Math.max(1, Math.ceil((await fileSize(eventsPath)) / bucketBytes)));
    const leads = await bucketLeads(leadIds, join(dir, "leads"), buckets);
    const problems = await bucketEvents(eventsPath, join(dir, "events"), buckets);
    const ranksPerBucket = Math.max(1, Math.ceil(leads / buckets));
    if (!rankEvents(join(dir, "leads"), join(dir, "events"), join(dir, "ranked"), buckets, ranksPerBucket)) {
      await remove();
      return undefined;
    }
    const path = join(dir, "events-in-lead-order.csv");
    writeInOrder(join(dir, "ranked"), buckets, ranksPerBucket, path);
    return { path, problems, remove };
  } catch (error) {
    await remove();
    // No room for the temporary files: the index join still works, in memory.
    if (NO_SCRATCH_SPACE.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw error;
  }
}

const NO_SCRATCH_SPACE = new Set(["ENOSPC", "EDQUOT", "EROFS"]);

/** Pass 1: a record per lead with an id: the id (u32 length and UTF-8 bytes) and its rank (u32). Returns the number of leads. */
async function bucketLeads(leadIds: AsyncIterable<string[]>, prefix: string, buckets: number): Promise<number> {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  let rank = 0;
  try {
    for await (const ids of leadIds) {
      for (const id of ids) {
        if (id !== "") {
          const bucket = hash(id) % buckets;
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
        const bucket = hash(leadId) % buckets;
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
  try {
    for (let k = 0; k < buckets; k++) {
      const ranks = new Map<string, number>();
      const leads = takeBytes(`${leadsPrefix}${k}`);
      for (let at = 0; at < leads.length; ) {
        const idLength = leads.readUInt32LE(at);
        const id = leads.toString("utf8", at + 4, at + 4 + idLength);
        at += 4 + idLength;
        if (ranks.has(id)) return false;
        ranks.set(id, leads.readUInt32LE(at));
        at += 4;
      }
      const records = takeBytes(`${eventsPrefix}${k}`);
      for (let at = 0; at < records.length; ) {
        const start = at;
        const idLength = records.readUInt32LE(at);
        const rank = ranks.get(records.toString("utf8", at + 4, at + 4 + idLength));
        at = skipTexts(records, at, 3);
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
    for (let k = 0; k < buckets; k++) {
      const records = takeBytes(`${prefix}${k}`);
      const starts: number[] = [];
      const offsets: number[] = [];
      for (let at = 0; at < records.length; ) {
        starts.push(at);
        offsets.push(records.readUInt32LE(at) - k * ranksPerBucket);
        at = skipTexts(records, at + 4, 3);
      }
      const counts = new Int32Array(ranksPerBucket + 1);
      for (const offset of offsets) counts[offset + 1]++;
      for (let r = 0; r < ranksPerBucket; r++) counts[r + 1] += counts[r];
      const order = new Int32Array(starts.length);
      for (let i = 0; i < starts.length; i++) order[counts[offsets[i]]++] = starts[i];
      for (const start of order) {
        const type = skipTexts(records, start + 4, 1);
        const time = skipTexts(records, type, 1);
        out.quoted(0, records, start + 8, type); // lead_id
        out.byte(0, COMMA);
        out.quoted(0, records, type + 4, time);
        out.byte(0, COMMA);
        if (records.readUInt32LE(time) > 0) out.quoted(0, records, time + 4, skipTexts(records, time, 1)); // no time: left empty
        out.byte(0, LF);
      }
    }
  } finally {
    out.close();
  }
}

/** The bytes of a bucket file, which is then deleted. */
function takeBytes(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0); // nothing was written to it
    throw error;
  }
  unlinkSync(path);
  return bytes;
}

/** The paths `prefix0` .. `prefix{count-1}`. */
function bucketPaths(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `${prefix}${k}`);
}

/**
 * Binary files written through a 64 KB buffer each, opened on their first flush. Synchronous
 * writes: this runs before any scoring, with nothing else for the event loop to do.
 */
class ByteBuckets {
  private readonly fds: (number | undefined)[];
  private readonly buffers: Buffer[];
  private readonly filled: number[];

  constructor(private readonly paths: string[]) {
    this.fds = paths.map(() => undefined);
    this.buffers = paths.map(() => Buffer.allocUnsafe(BLOCK_BYTES));
    this.filled = paths.map(() => 0);
  }

  u32(bucket: number, value: number): void {
    this.room(bucket, 4);
    this.buffers[bucket].writeUInt32LE(value, this.filled[bucket]);
    this.filled[bucket] += 4;
  }

  byte(bucket: number, value: number): void {
    this.room(bucket, 1);
    this.buffers[bucket][this.filled[bucket]++] = value;
  }

  /** A u32 byte length, then the text's UTF-8 bytes. */
  text(bucket: number, text: string): void {
    this.room(bucket, 4 + text.length * 3);
    const buffer = this.buffers[bucket];
    const at = this.filled[bucket];
    const length = buffer.write(text, at + 4, "utf8");
    buffer.writeUInt32LE(length, at);
    this.filled[bucket] = at + 4 + length;
  }

  bytes(bucket: number, source: Uint8Array, start: number, end: number): void {
    this.room(bucket, end - start);
    const buffer = this.buffers[bucket];
    let at = this.filled[bucket];
    for (let i = start; i < end; i++) buffer[at++] = source[i];
    this.filled[bucket] = at;
  }

  /** The bytes between double quotes, a quote inside doubled (CSV). */
  quoted(bucket: number, source: Uint8Array, start: number, end: number): void {
    this.room(bucket, 2 + 2 * (end - start));
    const buffer = this.buffers[bucket];
    let at = this.filled[bucket];
    buffer[at++] = QUOTE;
    for (let i = start; i < end; i++) {
      const c = source[i];
      buffer[at++] = c;
      if (c === QUOTE) buffer[at++] = QUOTE;
    }
    buffer[at++] = QUOTE;
    this.filled[bucket] = at;
  }

  close(): void {
    for (let k = 0; k < this.fds.length; k++) {
      if (this.filled[k] > 0) this.flush(k);
      const fd = this.fds[k];
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Makes room for `bytes` more; a value bigger than a block gets a buffer of its own size. */
  private room(bucket: number, bytes: number): void {
    if (this.filled[bucket] + bytes <= this.buffers[bucket].length) return;
    if (this.filled[bucket] > 0) this.flush(bucket);
    if (bytes > this.buffers[bucket].length) this.buffers[bucket] = Buffer.allocUnsafe(bytes);
  }

  private flush(bucket: number): void {
    const fd = (this.fds[bucket] ??= openSync(this.paths[bucket], "w"));
    writeSync(fd, this.buffers[bucket], 0, this.filled[bucket]);
    this.filled[bucket] = 0;
  }
}

const BLOCK_BYTES = 64 * 1024;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/** Past `count` texts (u32 length and bytes) from `at`. */
function skipTexts(records: Buffer, at: number, count: number): number {
  for (let i = 0; i < count; i++) at += 4 + records.readUInt32LE(at);
  return at;
}

/** FNV-1a over the UTF-16 code units: spreads ids evenly over the buckets. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
