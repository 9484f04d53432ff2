// The four passes of csv-event-reorder.ts, each over files named by path, so that helper threads
// can run them (csv-reorder-worker.ts) as well as the calling thread. Bucket files are named
// `${prefix}${k}`; each pass deletes the files it has read.

import { closeSync, openSync, writeSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { BucketReader, bucketPaths, ByteBuckets, hashBytes } from "./byte-buckets.js";
import { isAsciiSpace, scanCsvRecords, secondText, valueText, type ScannedRecords, type ScanOptions } from "./csv-record-scanner.js";
import { KeyRanks, readU32 } from "./key-ranks.js";
import type { MalformedInput } from "./lead-input.js";
import { withFiles } from "./plan-files.js";
import { CsvHeader, widthProblem } from "./read-csv.js";
import { findEventColumns, NO_LEAD_ID, noTypeProblem } from "./read-events.js";

/**
 * Where a chunk of the parallel scorer starts in the leads file, placed as parallel-plan.ts's
 * Planner places it: at the first record after the header, then at the record after every
 * `chunkLeads` leads. Its leads are those of ranks [rank, next boundary's rank).
 */
export interface LeadBoundary {
  leads: number;
  leadsLine: number;
  /** Leads and bad lead rows before it. */
  inputsBefore: number;
  rank: number;
}

export interface BucketedLeads {
  /** Leads in the file (bad rows are not leads). */
  leads: number;
  header: string[];
  boundaries: LeadBoundary[];
}

/**
 * Pass 1: a record per lead with an id: its key (u32 length and bytes) and its rank (u32); and
 * the chunks' boundaries. Undefined for input the scanner does not cut.
 */
export function bucketLeadKeys(leadsPath: string, idField: string, prefix: string, buckets: number, chunkLeads: number): Promise<BucketedLeads | undefined> {
  // Undefined too when a file cannot be read or written (withFiles): the text reader then reports
  // the problem, or the index join needs no files.
  return withFiles(leadsPath, undefined, (file) => bucketLeads(file, idField, prefix, buckets, chunkLeads));
}

async function bucketLeads(file: FileHandle, idField: string, prefix: string, buckets: number, chunkLeads: number): Promise<BucketedLeads> {
  let header: string[] = [];
  const records = scanCsvRecords(file, {
    column: (names) => {
      header = names;
      return new CsvHeader(names).columnOf(idField);
    },
  });
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const boundaries: LeadBoundary[] = [];
  let rank = 0;
  let inputs = 0;
  let sinceBoundary = 0;
  let headerRow = true;
  try {
    for await (const batch of records) {
      const width = header.length;
      for (let r = 0; r < batch.count; r++) {
        if (headerRow) {
          headerRow = false;
          continue;
        }
        if (boundaries.length === 0 || sinceBoundary >= chunkLeads) {
          boundaries.push({ leads: batch.starts[r], leadsLine: batch.lines[r], inputsBefore: inputs, rank });
          sinceBoundary = 0;
        }
        // Lines of spaces are skipped and rows of the wrong width are reported, not leads.
        if (batch.blanks[r] === 1 && width > 1) continue;
        inputs++;
        if (batch.widths[r] !== width) continue;
        sinceBoundary++;
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
  return { leads: rank, header, boundaries };
}

/** A section of the events file, as csv-record-scanner.ts's ScanOptions.section. */
export type EventsSection = NonNullable<ScanOptions["section"]>;

export interface BucketedEvents {
  /** The header row's bytes, line end included (absent for a section after the header). */
  header?: Buffer;
  /** The header row's fields and the lines it spans (absent for a section after the header). */
  headerNames?: string[];
  headerLines?: number;
  /** Bad rows, lines counted from the section's start. */
  problems: MalformedInput[];
  /** The line after the section's last (see ScannedRecords.nextLine). */
  nextLine: number;
}

/**
 * Pass 2, for the file or a section of it: a record per good row: its lead's key (a u32 length and
 * bytes), the row's byte length and line count (u32 each) and its bytes, a line end added to a last
 * row without one. Undefined when
 * the header lacks the lead_id and type columns, or the scanner does not cut the file (the readers
 * report both).
 */
export async function bucketEventRows(eventsPath: string, prefix: string, buckets: number, section?: EventsSection): Promise<BucketedEvents | undefined> {
  return withFiles(eventsPath, undefined, (file) => bucketEvents(file, eventsPath, prefix, buckets, section));
}

async function bucketEvents(file: FileHandle, path: string, prefix: string, buckets: number, section: EventsSection | undefined): Promise<BucketedEvents | undefined> {
  let width = 0;
  let usable = false;
  let headerNames: string[] | undefined;
  const records = scanCsvRecords(file, {
    column: (names) => {
      if (section?.header === undefined) headerNames = names;
      width = names.length;
      const columns = findEventColumns(names);
      usable = columns !== undefined;
      return columns === undefined ? -1 : [columns.leadId, columns.type];
    },
    section,
  });
  const out = new ByteBuckets(bucketPaths(prefix, buckets));
  const problems: MalformedInput[] = [];
  let header: Buffer | undefined;
  let headerLines: number | undefined;
  let headerSeen = section?.header !== undefined;
  let nextLine = 1;
  try {
    for await (const batch of records) {
      nextLine = batch.nextLine;
      if (headerSeen && !usable) return undefined;
      for (let r = 0; r < batch.count; r++) {
        const start = batch.starts[r] - batch.base;
        const end = batch.ends[r] - batch.base;
        if (!headerSeen) {
          if (!usable) return undefined;
          headerSeen = true;
          header = withLineEnd(batch.buffer, start, end);
          headerLines = Math.max(1, batch.linesAfter[r] - batch.lines[r]);
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
        out.u32(bucket, batch.linesAfter[r] - batch.lines[r] + lineEnd); // the lines it spans
        out.bytes(bucket, batch.buffer, start, end);
        if (lineEnd === 1) out.byte(bucket, LF);
      }
    }
  } finally {
    out.close();
  }
  return headerSeen ? { header, headerNames, headerLines, problems, nextLine } : undefined;
}

/** What pass 3 counts of the rows it ranked: bytes per range bucket, bytes and lines per chunk. */
export interface RankedRows {
  rangeBytes: number[];
  chunkBytes: number[];
  chunkLines: number[];
}

/**
 * Pass 3, for the hash buckets `hashBuckets`: each row behind its lead's rank (u32), in range
 * buckets of `ranksPerBucket` leads; counted per range bucket, and per chunk of `chunkLeads`
 * leads (`chunks` of them: see LeadBoundary). Undefined when a key repeats.
 */
export function rankEventRows(leadsPrefix: string, eventsPrefixes: string[], prefix: string, hashBuckets: number[], ranges: number, ranksPerBucket: number, chunks: number, chunkLeads: number): RankedRows | undefined {
  const out = new ByteBuckets(bucketPaths(prefix, ranges));
  const counts: RankedRows = { rangeBytes: new Array<number>(ranges).fill(0), chunkBytes: new Array<number>(chunks).fill(0), chunkLines: new Array<number>(chunks).fill(0) };
  const leadsReader = new BucketReader();
  const eventsReader = new BucketReader();
  const ranks = new KeyRanks();
  try {
    for (const k of hashBuckets) {
      if (!ranks.load(leadsReader.take([`${leadsPrefix}${k}`]))) return undefined;
      // A bucket's rows from each section of the events file, in file order.
      const records = eventsReader.take(eventsPrefixes.map((eventsPrefix) => `${eventsPrefix}${k}`));
      for (let at = 0; at < records.length; ) {
        const keyEnd = at + 4 + readU32(records, at);
        const bytes = readU32(records, keyEnd);
        const rowStart = keyEnd + 8;
        const rank = ranks.rank(records, at + 4, keyEnd);
        at = rowStart + bytes;
        if (rank < 0) continue; // a lead not in the leads file
        const bucket = Math.floor(rank / ranksPerBucket);
        out.u32(bucket, rank);
        out.u32(bucket, bytes);
        out.bytes(bucket, records, rowStart, rowStart + bytes);
        counts.rangeBytes[bucket] += bytes;
        const chunk = Math.floor(rank / chunkLeads);
        counts.chunkBytes[chunk] += bytes;
        counts.chunkLines[chunk] += readU32(records, keyEnd + 4);
      }
    }
    return counts;
  } finally {
    out.close();
  }
}

/**
 * Pass 4, for the range buckets [from, to): each in rank order, written into `path` from byte
 * `position` on. A range bucket's records may be in several files (one per thread that ranked
 * rows, `prefixes`): a lead's rows are all in one of them, in file order. The sort is a counting
 * sort on bytes: each rank's rows take their place in one buffer, which is written at once.
 */
export function writeRangesInOrder(prefixes: string[], from: number, to: number, ranksPerBucket: number, path: string, position: number): void {
  const reader = new BucketReader();
  const places = new Float64Array(ranksPerBucket + 1);
  let sorted = Buffer.allocUnsafe(0);
  const fd = openSync(path, "r+");
  try {
    for (let k = from; k < to; k++) {
      const records = reader.take(prefixes.map((prefix) => `${prefix}${k}`));
      const firstRank = k * ranksPerBucket;
      // Each rank's bytes, then where its rows start: after the ranks before it.
      places.fill(0);
      for (let at = 0; at < records.length; at += 8 + readU32(records, at + 4)) places[readU32(records, at) - firstRank + 1] += readU32(records, at + 4);
      for (let r = 0; r < ranksPerBucket; r++) places[r + 1] += places[r];
      const bytes = places[ranksPerBucket];
      if (sorted.length < bytes) sorted = Buffer.allocUnsafe(Math.max(bytes, sorted.length * 2));
      // In file order, so one lead's rows keep theirs.
      for (let at = 0; at < records.length; ) {
        const offset = readU32(records, at) - firstRank;
        const end = at + 8 + readU32(records, at + 4);
        let place = places[offset];
        for (let i = at + 8; i < end; i++) sorted[place++] = records[i];
        places[offset] = place;
        at = end;
      }
      for (let written = 0; written < bytes; ) written += writeSync(fd, sorted, written, bytes - written, position + written);
      position += bytes;
    }
  } finally {
    closeSync(fd);
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
