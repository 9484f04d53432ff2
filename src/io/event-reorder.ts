// A big events file that is not in the leads' order (CRMs often export activities by date) is
// rewritten in lead order in a temporary directory, so the streaming merge join (event-merge.ts)
// can read it: memory stays flat instead of holding every occurrence in the index join's Map (780
// MB for 4.1M events). It is an external sort in four passes, each holding one bucket of ~4 MB:
//
//   1. leads: each lead's id and rank (its place among the leads) go to bucket hash(id) % K;
//   2. events: each good row goes to bucket hash(lead_id) % K as a binary record (the type as an
//      index into the file's few types); bad rows are kept, to be reported first as the index join
//      reports them;
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
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
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
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const buckets = Math.min(MAX_BUCKETS, Math.max(1, Math.ceil((await fileSize(eventsPath)) / bucketBytes)));
    const leads = await bucketLeads(leadIds, join(dir, "leads"), buckets);
    const { problems, types } = await bucketEvents(eventsPath, join(dir, "events"), buckets);
    const ranksPerBucket = Math.max(1, Math.ceil(leads / buckets));
    if (!rankEvents(join(dir, "leads"), join(dir, "events"), join(dir, "ranked"), buckets, ranksPerBucket)) {
      await remove();
      return undefined;
    }
    const path = join(dir, "events-in-lead-order.csv");
    writeInOrder(join(dir, "ranked"), buckets, ranksPerBucket, types, path);
    return { path, problems, remove };
  } catch (error) {
    await remove();
    // No room for the temporary files: the index join still works, in memory.
    if (NO_SCRATCH_SPACE.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw error;
  }
}

const NO_SCRATCH_SPACE = new Set(["ENOSPC", "EDQUOT", "EROFS"]);

/** Pass 1: `id \t rank` lines; returns the number of leads. */
async function bucketLeads(leadIds: AsyncIterable<string[]>, prefix: string, buckets: number): Promise<number> {
  const out = new TextBuckets(bucketPaths(prefix, buckets));
  let rank = 0;
  try {
    for await (const ids of leadIds) {
      for (const id of ids) {
        if (id !== "") out.add(hash(id) % buckets, `${escape(id)}\t${rank}\n`);
        rank++;
      }
    }
  } finally {
    out.close();
  }
  return rank;
}

/**
 * Pass 2: a record per good row: lead_id, type (an index into `types`) and at (empty when absent),
 * each text as a u32 length and UTF-8 bytes. Returns the bad rows and the types.
 */
async function bucketEvents(eventsPath: string, prefix: string, buckets: number): Promise<{ problems: MalformedInput[]; types: string[] }> {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const problems: MalformedInput[] = [];
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  try {
    for await (const rows of readEventRows(eventsPath)) {
      for (const row of rows) {
        if (row.kind === "malformed") {
          problems.push(row);
          continue;
        }
        const { leadId, event } = row;
        let type = typeIndex.get(event.type);
        if (type === undefined) {
          type = types.push(event.type) - 1;
          typeIndex.set(event.type, type);
        }
        const bucket = hash(leadId) % buckets;
        out.text(bucket, leadId);
        out.u32(bucket, type);
        out.text(bucket, event.at ?? "");
      }
    }
  } finally {
    out.close();
  }
  return { problems, types };
}

/** Pass 3: each record behind its lead's rank (u32), in range buckets of `ranksPerBucket` leads; false when an id repeats. */
function rankEvents(leadsPrefix: string, eventsPrefix: string, prefix: string, buckets: number, ranksPerBucket: number): boolean {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  try {
    for (let k = 0; k < buckets; k++) {
      const ranks = new Map<string, number>();
      for (const line of takeLines(`${leadsPrefix}${k}`)) {
        const tab = line.indexOf("\t");
        const id = unescape(line.slice(0, tab));
        if (ranks.has(id)) return false;
        ranks.set(id, Number(line.slice(tab + 1)));
      }
      const records = takeBytes(`${eventsPrefix}${k}`);
      for (let at = 0; at < records.length; ) {
        const start = at;
        const idLength = records.readUInt32LE(at);
        const rank = ranks.get(records.toString("utf8", at + 4, at + 4 + idLength));
        at += 4 + idLength + 4; // the id, then the type
        at += 4 + records.readUInt32LE(at); // the time
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
function writeInOrder(prefix: string, buckets: number, ranksPerBucket: number, types: string[], path: string): void {
  const out = new ByteBuckets([path]);
  const quotedTypes = types.map((type) => Buffer.from(`,${csvField(type)},`));
  try {
    out.bytes(0, Buffer.from("lead_id,type,at\n"), 0, 16);
    for (let k = 0; k < buckets; k++) {
      const records = takeBytes(`${prefix}${k}`);
      const starts: number[] = [];
      const offsets: number[] = [];
      for (let at = 0; at < records.length; ) {
        starts.push(at);
        offsets.push(records.readUInt32LE(at) - k * ranksPerBucket);
        at += 4;
        at += 4 + records.readUInt32LE(at) + 4;
        at += 4 + records.readUInt32LE(at);
      }
      const counts = new Int32Array(ranksPerBucket + 1);
      for (const offset of offsets) counts[offset + 1]++;
      for (let r = 0; r < ranksPerBucket; r++) counts[r + 1] += counts[r];
      const order = new Int32Array(starts.length);
      for (let i = 0; i < starts.length; i++) order[counts[offsets[i]]++] = starts[i];
      for (const start of order) {
        let at = start + 4;
        const idLength = records.readUInt32LE(at);
        out.quoted(0, records, at + 4, at + 4 + idLength);
        at += 4 + idLength;
        const type = quotedTypes[records.readUInt32LE(at)];
        out.bytes(0, type, 0, type.length);
        at += 4;
        const timeLength = records.readUInt32LE(at);
        if (timeLength > 0) out.quoted(0, records, at + 4, at + 4 + timeLength);
        out.byte(0, 10);
      }
    }
  } finally {
    out.close();
  }
}

/** The lines of a bucket file, which is then deleted (disk use stays near twice the events file). */
function takeLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return []; // nothing was written to it
    throw error;
  }
  unlinkSync(path);
  const lines = text.split("\n");
  lines.pop(); // after the last line's \n
  return lines;
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
 * Text files written in blocks of ~64 KB, each opened on its first block. Synchronous writes: this
 * runs before any scoring, with nothing else for the event loop to do.
 */
class TextBuckets {
  private readonly fds: (number | undefined)[];
  private readonly pending: string[][];
  private readonly pendingChars: number[];

  constructor(private readonly paths: string[]) {
    this.fds = paths.map(() => undefined);
    this.pending = paths.map(() => []);
    this.pendingChars = paths.map(() => 0);
  }

  add(bucket: number, text: string): void {
    this.pending[bucket].push(text);
    this.pendingChars[bucket] += text.length;
    if (this.pendingChars[bucket] >= 64 * 1024) this.flush(bucket);
  }

  close(): void {
    for (let k = 0; k < this.fds.length; k++) {
      if (this.pending[k].length > 0) this.flush(k);
      const fd = this.fds[k];
      if (fd !== undefined) closeSync(fd);
    }
  }

  private flush(bucket: number): void {
    const fd = (this.fds[bucket] ??= openSync(this.paths[bucket], "w"));
    writeSync(fd, this.pending[bucket].join(""));
    this.pending[bucket] = [];
    this.pendingChars[bucket] = 0;
  }
}

/** Binary files written through a 64 KB buffer each, opened on their first flush. */
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

/** FNV-1a over the UTF-16 code units: spreads ids evenly over the buckets. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Bucket lines are tab-separated: tabs, line breaks and backslashes in values are escaped. */
function escape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : text;
}

function unescape(text: string): string {
  return text.includes("\\") ? text.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c)) : text;
}

/** Quoted for CSV: the events reader gives back exactly this text. */
function csvField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
