// Cuts a CSV leads file (and its events file) into chunks that worker threads can score on their
// own, each reading its byte ranges of both files: the parallel scorer's first pass.
//
// With an events file this pass is also the merge join's order check (event-merge.ts): it walks the
// lead ids of both files side by side exactly as eventsFollowLeadOrder does, and puts a chunk
// boundary only where every event row before it belongs to a lead before it. A worker joining its
// two ranges then gives each lead the same events the sequential merge join would. Boundaries fall
// every CHUNK_LEADS leads, including inside long runs of leads without events, so no chunk grows
// with the file: the plan itself holds one small entry per chunk.
//
// The pass reads bytes and compares ids as bytes, making no string per record, so it costs a
// fraction of a full read. Chunks are handed over as they are found (chunk-feed.ts), so scoring
// can start before the pass ends. It gives up (the feed ends as failed, planParallel returns
// undefined) on anything the sequential reader would handle differently or report: a malformed
// quote, a header without the events columns, events out of lead order. The caller then scores
// sequentially, which reports those cases properly.

import type { FileHandle } from "node:fs/promises";
import { isAsciiSpace, scanCsvRecords, valueText, type ScannedRecords } from "./csv-record-scanner.js";
import { withFiles } from "./plan-files.js";
import { CsvHeader } from "./read-csv.js";
import { findEventColumns } from "./read-events.js";
import { ChunkFeed } from "./chunk-feed.js";

/**
 * Leads per chunk: a chunk costs two messages and opening two files, so not too few; and the
 * threads hold a few chunks' output each, which with 4,096 leads per chunk put the CLI's peak
 * memory near its 250 MB budget (1,024: ~215 MB on 1M leads with events).
 */
export const CHUNK_LEADS = 1024;

export interface Chunk {
  leadsStart: number;
  leadsEnd: number;
  /** Line of the leads file at leadsStart. */
  leadsLine: number;
  eventsStart: number;
  eventsEnd: number;
  eventsLine: number;
  /** Leads and bad lead rows before the chunk: the 1-based position of its first is this + 1. */
  inputsBefore: number;
}

export interface ParallelPlan {
  /** The leads file's header row, as read. */
  leadsHeader: string[];
  /** The events file's header row (absent without an events file). */
  eventsHeader?: string[];
  chunks: Chunk[];
}

interface Boundary {
  leads: number;
  leadsLine: number;
  events: number;
  eventsLine: number;
  inputsBefore: number;
}

/** The chunks, or undefined when the files must be read sequentially (see the top of this file). */
export async function planParallel(leadsPath: string, eventsPath: string | undefined, idField: string, chunkLeads = CHUNK_LEADS): Promise<ParallelPlan | undefined> {
  const feed = new ChunkFeed();
  await feedParallelPlan(feed, leadsPath, eventsPath, idField, chunkLeads);
  return feed.outcome ? { leadsHeader: feed.leadsHeader!, eventsHeader: feed.eventsHeader, chunks: feed.chunks } : undefined;
}

/** The same pass, handing each chunk to `feed` as soon as it is known; ends with feed.finish(). */
export async function feedParallelPlan(feed: ChunkFeed, leadsPath: string, eventsPath: string | undefined, idField: string, chunkLeads = CHUNK_LEADS): Promise<void> {
  // Whatever goes wrong here, the sequential reader can still read the files (and report why not).
  const ok = await withFiles(leadsPath, eventsPath, async (leadsFile, eventsFile) => {
    const leadsSize = (await leadsFile.stat()).size;
    const eventsSize = eventsFile === undefined ? 0 : (await eventsFile.stat()).size;
    const planner = new Planner(leadsFile, idField, chunkLeads, feed);
    if (eventsFile !== undefined) {
      const walk = await planner.walkEvents(eventsFile, eventsSize);
      feed.eventsOutOfOrder = walk === "unordered";
      if (typeof walk === "string") return false;
    }
    return planner.finishLeads(leadsSize, eventsSize);
  }).catch(() => false);
  feed.finish(ok === true);
}

/**
 * eventsFollowLeadOrder's answer for two CSV files, read from their bytes (several times faster
 * than through the tokenizer); undefined when the files cannot be read that way (an irregular CSV,
 * an events file without a lead_id column): then ask eventsFollowLeadOrder.
 */
export async function csvEventsFollowLeadOrder(leadsPath: string, eventsPath: string, idField: string): Promise<boolean | undefined> {
  return withFiles(leadsPath, eventsPath, async (leadsFile, eventsFile) => {
    const walk = await new Planner(leadsFile, idField, Infinity).walkEvents(eventsFile!, (await eventsFile!.stat()).size);
    return walk === "unusable" ? undefined : walk !== "unordered";
  });
}

/** Walks the leads file's records one at a time, placing boundaries as it goes. */
class Planner {
  leadsHeader: string[] | undefined;
  /** The last boundary placed: the chunk it starts is handed to the feed at the next one. */
  private boundary: Boundary | undefined;
  private readonly records: AsyncGenerator<ScannedRecords>;
  /** The leads batch and the index of the lead nextLead() stepped past last. */
  private batch: ScannedRecords | undefined;
  private index = 0;
  private current = -1;
  private leadsDone = false;
  private headerSkipped = false;
  private width = 0;
  private leadsSinceBoundary = 0;
  /** Records of the leads file that the reader turns into an input (a lead or a bad row). */
  private inputs = 0;
  /** Where the events file's rows start: the first chunk's events begin there, bad rows included. */
  private eventsDataStart = 0;
  private eventsDataLine = 0;

  constructor(
    file: FileHandle,
    idField: string,
    private readonly chunkLeads: number,
    private readonly feed?: ChunkFeed,
  ) {
    this.records = scanCsvRecords(file, {
      column: (header) => {
        this.leadsHeader = header;
        if (feed) feed.leadsHeader = header;
        this.width = header.length;
        return new CsvHeader(header).columnOf(idField);
      },
    });
  }

  /**
   * Matches the event rows' lead ids against the leads, in order, as eventsFollowLeadOrder does
   * (with the rows readEventLeadIds keeps: the header's width and a lead id). Returns the events
   * header, "unordered" when the events do not follow the leads' order, or "unusable" when the
   * file has no lead_id column or no header.
   */
  async walkEvents(file: FileHandle, size: number): Promise<{ header: string[] } | "unordered" | "unusable"> {
    let header: string[] | undefined;
    let leadIdColumn = -1;
    const rows = scanCsvRecords(file, {
      column: (names) => {
        header = names;
        if (this.feed) this.feed.eventsHeader = names;
        leadIdColumn = findEventColumns(names)?.leadId ?? -1;
        return leadIdColumn;
      },
    });
    this.eventsDataStart = size;
    const matched = new SavedId();
    let seenHeader = false;
    let seenRow = false;
    for await (const batch of rows) {
      for (let r = 0; r < batch.count; r++) {
        if (!seenHeader) {
          seenHeader = true;
          if (leadIdColumn === -1) return "unusable";
          continue;
        }
        if (!seenRow) {
          seenRow = true;
          this.eventsDataStart = batch.starts[r];
          this.eventsDataLine = batch.lines[r];
        }
        if (batch.widths[r] !== header!.length || isEmptyId(batch, r) || matched.equals(batch, r)) continue;
        // A new lead's events start here: move past the next lead with this id.
        matched.clear();
        for (;;) {
          if (!(await this.nextLead(batch.starts[r], batch.lines[r]))) return "unordered";
          if (sameId(this.batch!, this.current, batch, r)) break;
        }
        matched.set(batch, r);
      }
    }
    return header === undefined ? "unusable" : { header };
  }

  /** Steps past the remaining leads (after the last event row), then hands the last chunk over; false when there is no chunk at all. */
  async finishLeads(leadsSize: number, eventsSize: number): Promise<boolean> {
    while (await this.nextLead(eventsSize, 0)) {
      // nextLead places the boundaries
    }
    if (this.boundary === undefined || this.leadsHeader === undefined) return false;
    this.handOver({ leads: leadsSize, leadsLine: 0, events: eventsSize, eventsLine: 0, inputsBefore: 0 });
    return true;
  }

  /** The chunk from the last boundary to `next` is complete. */
  private handOver(next: Boundary): void {
    const from = this.boundary!;
    this.feed?.push({
      leadsStart: from.leads,
      leadsEnd: next.leads,
      leadsLine: from.leadsLine,
      eventsStart: from.events,
      eventsEnd: next.events,
      eventsLine: from.eventsLine,
      inputsBefore: from.inputsBefore,
    });
  }

  private place(next: Boundary): void {
    if (this.boundary !== undefined) this.handOver(next);
    this.boundary = next;
  }

  /**
   * Steps past the next lead record (this.batch/this.current), or returns false at the end.
   * `eventsOffset`/`eventsLine`: where the events file stands, for a boundary placed before it.
   */
  private async nextLead(eventsOffset: number, eventsLine: number): Promise<boolean> {
    for (;;) {
      if (this.batch === undefined || this.index >= this.batch.count) {
        if (this.leadsDone) return false;
        const next = await this.records.next();
        if (next.done) {
          this.leadsDone = true;
          return false;
        }
        this.batch = next.value;
        this.index = 0;
        continue;
      }
      const batch = this.batch;
      const r = this.index++;
      if (!this.headerSkipped) {
        this.headerSkipped = true;
        continue;
      }
      const start = batch.starts[r];
      const line = batch.lines[r];
      if (this.boundary === undefined) {
        this.place({ leads: start, leadsLine: line, events: this.eventsDataStart, eventsLine: this.eventsDataLine, inputsBefore: 0 });
      } else if (this.leadsSinceBoundary >= this.chunkLeads) {
        this.place({ leads: start, leadsLine: line, events: eventsOffset, eventsLine, inputsBefore: this.inputs });
        this.leadsSinceBoundary = 0;
      }
      if (batch.blanks[r] === 1 && this.width > 1) continue; // a line of spaces: skipped, like a blank line
      this.inputs++;
      if (batch.widths[r] !== this.width) continue; // not a lead: a malformed row the worker reports
      this.leadsSinceBoundary++;
      this.current = r;
      return true;
    }
  }
}

// Ids are compared as the readers compare them (trimmed text), but by their bytes where that gives
// the same answer, which saves a string per record: when no "" escape is involved and the trimmed
// bytes neither start nor end with a non-ASCII byte (which might be a Unicode space trim() removes).

let rangeStart = 0;
let rangeEnd = 0;

/** Sets rangeStart/rangeEnd to the record's trimmed id bytes; false when only its text can say. */
function idRange(batch: ScannedRecords, r: number): boolean {
  let start = batch.valueStarts[r];
  let end = batch.valueEnds[r];
  if (start < 0) start = end = 0;
  else if (batch.escaped[r] === 1) return false;
  const bytes = batch.buffer;
  while (start < end && isAsciiSpace(bytes[start])) start++;
  while (end > start && isAsciiSpace(bytes[end - 1])) end--;
  if (start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80)) return false;
  rangeStart = start;
  rangeEnd = end;
  return true;
}

function idText(batch: ScannedRecords, r: number): string {
  return valueText(batch, r).trim();
}

function isEmptyId(batch: ScannedRecords, r: number): boolean {
  return idRange(batch, r) ? rangeStart === rangeEnd : idText(batch, r) === "";
}

function sameId(a: ScannedRecords, ra: number, b: ScannedRecords, rb: number): boolean {
  if (idRange(a, ra)) {
    const start = rangeStart;
    const end = rangeEnd;
    if (idRange(b, rb)) return sameBytes(a.buffer, start, end, b.buffer, rangeStart, rangeEnd);
  }
  return idText(a, ra) === idText(b, rb);
}

function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** An id kept across blocks (the block's buffer is reused): its bytes copied, or its text. */
class SavedId {
  private bytes = new Uint8Array(64);
  private length = -1; // -1: nothing saved
  private text: string | undefined;

  clear(): void {
    this.length = -1;
    this.text = undefined;
  }

  set(batch: ScannedRecords, r: number): void {
    if (!idRange(batch, r)) {
      this.text = idText(batch, r);
      this.length = 0;
      return;
    }
    this.text = undefined;
    this.length = rangeEnd - rangeStart;
    if (this.bytes.length < this.length) this.bytes = new Uint8Array(this.length * 2);
    // A loop, not bytes.set(buffer.subarray(...)): ids are short, and subarray makes a Buffer per lead.
    const bytes = this.bytes;
    const buffer = batch.buffer;
    for (let i = 0; i < this.length; i++) bytes[i] = buffer[rangeStart + i];
  }

  equals(batch: ScannedRecords, r: number): boolean {
    if (this.length < 0) return false;
    if (this.text === undefined && idRange(batch, r)) return sameBytes(this.bytes, 0, this.length, batch.buffer, rangeStart, rangeEnd);
    const saved = this.text ?? Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString("utf8");
    return saved === idText(batch, r);
  }
}
