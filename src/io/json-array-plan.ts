// Cuts a .json leads file (one array of leads) into chunks for the parallel scorer, as
// jsonl-plan.ts does for JSON Lines. A pass over the bytes finds where each top-level element
// starts and ends with the rules of json-array-splitter.ts (strings, escapes, bracket nesting;
// line feeds counted everywhere), and cuts every CHUNK_LEADS elements. A chunk runs from its first
// element's first byte to the end of its last element (the comma after it left out), so a worker
// reading it with the splitter, between a "[" and a "]" of its own, meets exactly the elements and
// lines the sequential reader meets.
//
// Anything the splitter would report instead of an element (no array, an empty element such as
// `[,` or `,,`, a bracket that does not match, an unclosed string, text after the array, a lead
// longer than its limit) makes the plan fail: the sequential reader then says what is wrong, in
// its own words. Chunks are handed over as they are found, so scoring starts while the pass reads on.

import type { FileHandle } from "node:fs/promises";
import type { ChunkFeed } from "./chunk-feed.js";
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, DEFAULT_MAX_ELEMENT_CHARS, LF, OPEN_BRACE, OPEN_BRACKET, QUOTE } from "./json-array-splitter.js";
import { CHUNK_LEADS, type Chunk, type ParallelPlan } from "./parallel-plan.js";
import { byteOrderMarkLength, IrregularInput, withFiles } from "./plan-files.js";

const BLOCK_BYTES = 4 * 1024 * 1024;
const CR = 13;
const TAB = 9;
const SPACE = 32;

/** Where the scan stands between bytes. */
const enum Phase {
  BeforeArray,
  /** After '[' or ',': white space, then an element (or, right after '[', the closing ']'). */
  BeforeElement,
  InElement,
  AfterArray,
}

class IrregularJson extends IrregularInput {}

/** Scans the file's bytes block by block, calling `onChunk` with each chunk as soon as it ends. */
async function scanArray(file: FileHandle, chunkLeads: number, onChunk: (chunk: Chunk) => void, blockBytes: number): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(blockBytes);
  let phase = Phase.BeforeArray;
  let afterComma = false; // BeforeElement was reached by a ',' (not by the '[')
  let inString = false;
  let escaped = false;
  const closers: number[] = [];
  let line = 1;
  let elements = 0;
  let elementStart = 0; // file offset of the current element's first byte
  let filling: Chunk | undefined; // the chunk being filled
  let sinceBoundary = 0;
  let position = 0;
  let first = true;
  const endElement = (end: number) => {
    if (end - elementStart > DEFAULT_MAX_ELEMENT_CHARS) throw new IrregularJson("a lead longer than the splitter's limit");
    filling!.leadsEnd = end;
  };
  for (;;) {
    const { bytesRead } = await file.read(buffer, 0, blockBytes, position);
    if (bytesRead === 0) break;
    let i = 0;
    if (first) {
      first = false;
      i = byteOrderMarkLength(buffer, bytesRead);
    }
    const lineFeeds = new LineFeeds(buffer, bytesRead);
    for (; i < bytesRead; i++) {
      const c = buffer[i];
      if (c === LF) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      switch (phase) {
        case Phase.InElement:
          if (c === QUOTE) {
            // Most of a lead's bytes are inside strings: jump to the closing quote when it is in
            // this block, counting the line feeds passed; else go on byte by byte.
            const close = closingQuote(buffer, i + 1, bytesRead);
            if (close === -1) inString = true;
            else {
              line += lineFeeds.count(i + 1, close);
              i = close;
            }
          } else if (c === OPEN_BRACE) closers.push(CLOSE_BRACE);
          else if (c === OPEN_BRACKET) closers.push(CLOSE_BRACKET);
          else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (closers.length === 0 && c === CLOSE_BRACKET) {
              endElement(position + i);
              phase = Phase.AfterArray;
            } else if (closers.pop() !== c) {
              throw new IrregularJson("a bracket that does not match");
            }
          } else if (c === COMMA && closers.length === 0) {
            endElement(position + i);
            phase = Phase.BeforeElement;
            afterComma = true;
          }
          continue;
        case Phase.BeforeElement:
          if (isWhitespace(c)) continue;
          if (c === COMMA) throw new IrregularJson("an empty element");
          if (c === CLOSE_BRACKET) {
            if (afterComma) throw new IrregularJson("a comma before ']'");
            phase = Phase.AfterArray; // "[]": no leads
            continue;
          }
          // An element starts here: it opens a new chunk every chunkLeads elements.
          elementStart = position + i;
          if (filling === undefined || sinceBoundary >= chunkLeads) {
            if (filling !== undefined) onChunk(filling);
            filling = { leadsStart: elementStart, leadsEnd: elementStart, leadsLine: line, eventsStart: 0, eventsEnd: 0, eventsLine: 0, inputsBefore: elements };
            sinceBoundary = 0;
          }
          elements++;
          sinceBoundary++;
          phase = Phase.InElement;
          i--; // read this byte again as part of the element
          continue;
        case Phase.BeforeArray:
          if (isWhitespace(c)) continue;
          if (c !== OPEN_BRACKET) throw new IrregularJson("not an array");
          phase = Phase.BeforeElement;
          afterComma = false;
          continue;
        case Phase.AfterArray:
          if (isWhitespace(c)) continue;
          throw new IrregularJson("text after the array");
      }
    }
    position += bytesRead;
  }
  if (phase !== Phase.AfterArray || inString) throw new IrregularJson("the array is not closed");
  if (filling === undefined) return false; // no leads: nothing to share out
  onChunk(filling);
  return true;
}

/** The index of the quote closing a string whose text starts at `from`, or -1 when it is not before `end`. */
function closingQuote(buffer: Buffer, from: number, end: number): number {
  for (let at = from; ; ) {
    const quote = buffer.indexOf(QUOTE, at);
    if (quote === -1 || quote >= end) return -1;
    // An odd run of backslashes right before it escapes it.
    let k = quote - 1;
    while (k >= from && buffer[k] === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * Counts the line feeds in ranges of a block, asked in increasing order. The next line feed is
 * found once and kept until passed: searching from each range's start would rescan the rest of
 * the block for every string of a file without line breaks.
 */
class LineFeeds {
  private next = -1;

  constructor(
    private readonly buffer: Buffer,
    private readonly end: number,
  ) {}

  count(from: number, to: number): number {
    if (this.next < from) this.next = this.find(from);
    let count = 0;
    while (this.next < to) {
      count++;
      this.next = this.find(this.next + 1);
    }
    return count;
  }

  private find(from: number): number {
    const at = this.buffer.indexOf(LF, from);
    return at === -1 || at > this.end ? this.end : at;
  }
}

function isWhitespace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

/** The chunks of a JSON array file, or undefined when it must be read sequentially (see above). */
export async function planJsonArray(path: string, chunkLeads = CHUNK_LEADS, blockBytes = BLOCK_BYTES): Promise<ParallelPlan | undefined> {
  const chunks: Chunk[] = [];
  const holds = await withFiles(path, undefined, (file) => scanArray(file, chunkLeads, (chunk) => chunks.push(chunk), blockBytes));
  return holds === true ? { leadsHeader: [], chunks } : undefined;
}

/** planJsonArray's chunks handed to a feed as they are found. */
export async function feedJsonArrayPlan(feed: ChunkFeed, path: string, chunkLeads = CHUNK_LEADS): Promise<void> {
  feed.leadsHeader = [];
  const holds = await withFiles(path, undefined, (file) => scanArray(file, chunkLeads, (chunk) => feed.push(chunk), BLOCK_BYTES));
  feed.finish(holds === true);
}
