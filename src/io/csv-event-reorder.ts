// Puts a CSV events file in the order of a CSV leads file, in the four passes of event-reorder.ts,
// but on bytes: the rows are found with csv-record-scanner.ts and moved as they are, so no string
// is made per row (event-reorder.ts makes four). On 1M leads with 4.1M events that took the
// reordering from ~8 s to ~2 s, and the rewritten file keeps the original's columns, so the
// parallel scorer can cut it into chunks like any events file (src/cli/commands/score.ts).
//
//   1. leads: each lead's key and rank go to bucket hash(key) % K;
//   2. events: each good row goes, with its lead's key, to bucket hash(key) % K; bad rows are
//      kept, worded as readEventRows words them, to be reported first;
//   3. per hash bucket: the ranks of its keys in a Map; each row goes, behind its lead's rank, to
//      range bucket rank / (leads / K) (rows of leads not in the file are dropped);
//   4. each range bucket in rank order (stable) after the original header row.
//
// A key is the UTF-8 bytes of the trimmed id text: two ids are equal as texts exactly when their
// keys are equal as bytes, as the readers compare them. Input the scanner does not cut (a malformed
// quote, a record over 4 MB) gives undefined, as does a repeated lead id: the caller then uses
// event-reorder.ts, which reads the files as the readers do.

import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { bucketCount, BUCKET_BYTES, bucketPaths, ByteBuckets, hashBytes, makeScratchDir, noScratchSpace, sortByRank, BucketReader } from "./byte-buckets.js";
import { scanCsvRecords, secondText, valueText, type ScannedRecords } from "./csv-record-scanner.js";
import type { ReorderedEvents } from "./event-reorder.js";
import { KeyRanks, readU32 } from "./key-ranks.js";
import type { MalformedInput } from "./lead-input.js";
import { withFiles } from "./plan-files.js";
import { CsvHeader, widthProblem } from "./read-csv.js";
import { findEventColumns, NO_LEAD_ID, noTypeProblem } from "./read-events.js";

/**
 * The events of `eventsPath` in the order of the leads of `leadsPath` (both CSV), the header row
 * first, in a directory under os.tmpdir(); undefined when the files cannot be read this way (see
 * above) or the temporary files find no room. `bucketBytes` is for tests.
 */
export async function reorderCsvEvents(leadsPath: string, eventsPath: string, idField: string, bucketBytes = BUCKET_BYTES): Promise<ReorderedEvents | undefined> {
  const scratch = await makeScratchDir();
  if (scratch === undefined) return undefined;
  const dir = scratch.path;
  const file = (name: string) => join(dir, name);
  try {
    const ok = await withFiles(leadsPath, eventsPath, async (leadsFile, eventsFile) => {
      const buckets = bucketCount((await eventsFile!.stat()).size, bucketBytes);
      const leads = await bucketLeads(leadsFile, idField, file("leads"), buckets);
      const events = await bucketEvents(eventsFile!, eventsPath, file("events"), buckets);
      if (events === undefined) return undefined;
      const ranksPerBucket = Math.max(1, Math.ceil(leads / buckets));
      if (!rankEvents(file("leads"), file("events"), file("ranked"), buckets, ranksPerBucket)) return undefined;
      writeInOrder(events.header, file("ranked"), buckets, ranksPerBucket, file("events-in-lead-order.csv"));
      return events.problems;
    });
    if (ok === undefined) {
      await scratch.remove();
      return undefined;
    }
    return { path: file("events-in-lead-order.csv"), problems: ok, remove: scratch.remove };
  } catch (error) {
    await scratch.remove();
    if (noScratchSpace(error)) return undefined;
    throw error;
  }
}

/** Pass 1: a record per lead with an id: its key (u32 length and bytes) and its rank (u32). Returns the number of leads. */
async function bucketLeads(file: FileHandle, idField: string, prefix: string, buckets: number): Promise<number> {
  let width = 0;
  const records = scanCsvRecords(file, {
    column: (header) => {
      width = header.length;
      // The last column of a name wins, as in CsvHeader.toRecord.
      return new CsvHeader(header).names.lastIndexOf(idField);
    },
  });
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  let rank = 0;
  let header = true;
  try {
    for await (const batch of records) {
      for (let r = 0; r < batch.count; r++) {
        if (header) {
          header = false;
          continue;
        }
        // Lines of spaces are skipped and rows of the wrong width are reported, not leads.
        if ((batch.blanks[r] === 1 && width > 1) || batch.widths[r] !== width) continue;
        const length = idKey(batch, r);
        if (length > 0) {
          const bucket = hashBytes(key.bytes, key.start, key.end) % buckets;
          out.u32(bucket, length);
          out.bytes(bucket, key.bytes, key.start, key.end);
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

interface BucketedEvents {
  /** The header row's bytes, line end included. */
  header: Buffer;
  problems: MalformedInput[];
}

/**
 * Pass 2: a record per good row: its lead's key, then the row's bytes (each a u32 length and
 * bytes), a line end added to a last row without one. Undefined when the header lacks the
 * lead_id and type columns (the readers report that).
 */
async function bucketEvents(file: FileHandle, path: string, prefix: string, buckets: number): Promise<BucketedEvents | undefined> {
  let width = 0;
  let usable = false;
  const records = scanCsvRecords(file, {
    column: (names) => {
      width = names.length;
      const columns = findEventColumns(names);
      usable = columns !== undefined;
      return columns === undefined ? -1 : [columns.leadId, columns.type];
    },
  });
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const problems: MalformedInput[] = [];
  let header: Buffer | undefined;
  try {
    for await (const batch of records) {
      for (let r = 0; r < batch.count; r++) {
        const start = batch.starts[r] - batch.base;
        const end = batch.ends[r] - batch.base;
        if (header === undefined) {
          if (!usable) return undefined;
          header = withLineEnd(batch.buffer, start, end);
          continue;
        }
        if (batch.blanks[r] === 1 && width > 1) continue; // a line of spaces, skipped as the readers skip it
        const line = batch.lines[r];
        if (batch.widths[r] !== width) {
          problems.push({ kind: "malformed", file: path, line, message: widthProblem(width, batch.widths[r]) });
          continue;
        }
        const length = idKey(batch, r);
        if (length === 0) {
          problems.push({ kind: "malformed", file: path, line, message: NO_LEAD_ID });
          continue;
        }
        if (isBlank(batch, r)) {
          problems.push({ kind: "malformed", file: path, line, message: noTypeProblem(valueText(batch, r).trim()) });
          continue;
        }
        const bucket = hashBytes(key.bytes, key.start, key.end) % buckets;
        out.u32(bucket, length);
        out.bytes(bucket, key.bytes, key.start, key.end);
        const lineEnd = endsWithLineEnd(batch.buffer, start, end) ? 0 : 1;
        out.u32(bucket, end - start + lineEnd);
        out.bytes(bucket, batch.buffer, start, end);
        if (lineEnd === 1) out.byte(bucket, LF);
      }
    }
  } finally {
    out.close();
  }
  return header === undefined ? undefined : { header, problems };
}

/** Pass 3: each row behind its lead's rank (u32), in range buckets of `ranksPerBucket` leads; false when a key repeats. */
function rankEvents(leadsPrefix: string, eventsPrefix: string, prefix: string, buckets: number, ranksPerBucket: number): boolean {
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const leadsReader = new BucketReader();
  const eventsReader = new BucketReader();
  const ranks = new KeyRanks();
  try {
    for (let k = 0; k < buckets; k++) {
      if (!ranks.load(leadsReader.take(`${leadsPrefix}${k}`))) return false;
      const records = eventsReader.take(`${eventsPrefix}${k}`);
      for (let at = 0; at < records.length; ) {
        const keyEnd = at + 4 + readU32(records, at);
        const rowEnd = keyEnd + 4 + readU32(records, keyEnd);
        const rank = ranks.rank(records, at + 4, keyEnd);
        at = rowEnd;
        if (rank < 0) continue;
        const bucket = Math.floor(rank / ranksPerBucket);
        out.u32(bucket, rank);
        out.bytes(bucket, records, keyEnd, rowEnd);
      }
    }
    return true;
  } finally {
    out.close();
  }
}

/** Pass 4: the header row, then each range bucket in rank order (a counting sort, stable). */
function writeInOrder(header: Buffer, prefix: string, buckets: number, ranksPerBucket: number, path: string): void {
  const out = new ByteBuckets([path]);
  try {
    out.bytes(0, header, 0, header.length);
    const reader = new BucketReader();
    for (let k = 0; k < buckets; k++) {
      const records = reader.take(`${prefix}${k}`);
      const rowEnd = (at: number) => at + 8 + readU32(records, at + 4);
      for (const start of sortByRank(records, k * ranksPerBucket, ranksPerBucket, rowEnd)) out.bytes(0, records, start + 8, rowEnd(start));
    }
  } finally {
    out.close();
  }
}

const LF = 10;
const CR = 13;

function endsWithLineEnd(buffer: Buffer, start: number, end: number): boolean {
  return end > start && (buffer[end - 1] === LF || buffer[end - 1] === CR);
}

function withLineEnd(buffer: Buffer, start: number, end: number): Buffer {
  const row = Buffer.from(buffer.subarray(start, end));
  return endsWithLineEnd(row, 0, row.length) ? row : Buffer.concat([row, Buffer.from([LF])]);
}

/** Where idKey() put the key: bytes[start, end). */
const key = { bytes: Buffer.alloc(0) as Uint8Array, start: 0, end: 0 };
let keyScratch = Buffer.alloc(256);

/**
 * The key of record `r`'s wanted column (the lead id): the UTF-8 bytes of its trimmed text, in
 * `key`. Returns the key's length, 0 for an empty id. Most ids are ASCII and unescaped: then the
 * key is the field's own bytes, trimmed; others are decoded and encoded again.
 */
function idKey(batch: ScannedRecords, r: number): number {
  let start = batch.valueStarts[r];
  let end = batch.valueEnds[r];
  if (start < 0) return 0;
  const bytes = batch.buffer;
  if (batch.escaped[r] === 0 && isAscii(bytes, start, end)) {
    while (start < end && isAsciiSpace(bytes[start])) start++;
    while (end > start && isAsciiSpace(bytes[end - 1])) end--;
    key.bytes = bytes;
    key.start = start;
    key.end = end;
    return end - start;
  }
  const text = valueText(batch, r).trim();
  if (keyScratch.length < text.length * 3) keyScratch = Buffer.alloc(text.length * 3);
  key.bytes = keyScratch;
  key.start = 0;
  key.end = keyScratch.write(text, 0, "utf8");
  return key.end;
}

/** True when record `r`'s second wanted column (the type) is empty or white space. */
function isBlank(batch: ScannedRecords, r: number): boolean {
  const start = batch.secondStarts[r];
  const end = batch.secondEnds[r];
  const bytes = batch.buffer;
  if (start < 0) return true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte >= 0x80) return secondText(batch, r).trim() === ""; // maybe a Unicode space
    if (!isAsciiSpace(byte)) return false;
  }
  return true;
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function isAsciiSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}
