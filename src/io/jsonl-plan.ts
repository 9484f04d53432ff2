// Cuts a JSON Lines leads file into chunks for the parallel scorer (parallel-plan.ts does CSV).
// Simpler than CSV: JSON text cannot hold a raw line break, so every line end is a record
// boundary, and a pass over the bytes that only counts lines is enough. Blank lines are skipped
// exactly as readJsonlLeadBatches skips them, so each chunk knows the position of its first lead.

import type { FileHandle } from "node:fs/promises";
import type { ChunkFeed } from "./chunk-feed.js";
import { CHUNK_LEADS, type ParallelPlan, type Chunk } from "./parallel-plan.js";
import { byteOrderMarkLength, withFiles } from "./plan-files.js";

const BLOCK_BYTES = 4 * 1024 * 1024;
const LF = 10;

/** The chunks of a JSONL file, or undefined when it cannot be read (the sequential reader says why). */
export async function planJsonl(path: string, chunkLeads = CHUNK_LEADS, blockBytes = BLOCK_BYTES): Promise<ParallelPlan | undefined> {
  return withFiles(path, undefined, async (file) => {
    const chunks: Chunk[] = [];
    const buffer = Buffer.allocUnsafe(blockBytes);
    let position = 0; // file offset of buffer[0]
    let line = 1;
    let inputs = 0;
    let sinceBoundary = 0;
    let lineStart = 0; // file offset of the current line's first byte
    let first = true;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, blockBytes, position);
      if (bytesRead === 0) break;
      let from = 0;
      if (first) {
        first = false;
        from = lineStart = byteOrderMarkLength(buffer, bytesRead);
      }
      // Lines are judged blank or not at their end; a line running past the block is judged once
      // its end is read (its bytes are read again from the file, which is rare and cheap).
      let end = buffer.indexOf(LF, from);
      while (end !== -1 && end < bytesRead) {
        if (!(await isBlankLine(file, lineStart, position + end, buffer, position, bytesRead))) {
          if (chunks.length === 0 || sinceBoundary >= chunkLeads) {
            chunks.push(chunkAt(lineStart, line, inputs));
            sinceBoundary = 0;
          }
          inputs++;
          sinceBoundary++;
        }
        line++;
        lineStart = position + end + 1;
        end = buffer.indexOf(LF, end + 1);
      }
      position += bytesRead;
    }
    // The last line, without a line end.
    const size = (await file.stat()).size;
    if (lineStart < size && !(await isBlankLine(file, lineStart, size, buffer, -1, 0))) {
      if (chunks.length === 0 || sinceBoundary >= chunkLeads) chunks.push(chunkAt(lineStart, line, inputs));
    }
    if (chunks.length === 0) return undefined;
    for (let i = 0; i < chunks.length; i++) chunks[i].leadsEnd = i + 1 < chunks.length ? chunks[i + 1].leadsStart : size;
    return { leadsHeader: [], chunks };
  });
}

/** planJsonl's chunks handed to a feed (all at once: the pass is a fast scan for line ends). */
export async function feedJsonlPlan(feed: ChunkFeed, path: string, chunkLeads = CHUNK_LEADS): Promise<void> {
  const plan = await planJsonl(path, chunkLeads).catch(() => undefined);
  if (plan !== undefined) {
    feed.leadsHeader = [];
    for (const chunk of plan.chunks) feed.push(chunk);
  }
  feed.finish(plan !== undefined);
}

function chunkAt(start: number, line: number, inputsBefore: number): Chunk {
  return { leadsStart: start, leadsEnd: start, leadsLine: line, eventsStart: 0, eventsEnd: 0, eventsLine: 0, inputsBefore };
}

/**
 * Whether the file's bytes [start, end) are a line the reader skips: nothing but white space once
 * trimmed (trim() also knows non-ASCII spaces, so a line with non-ASCII bytes is decoded to ask it).
 * `buffer` holds the file from `bufferOffset` for `bufferBytes` bytes.
 */
async function isBlankLine(file: FileHandle, start: number, end: number, buffer: Buffer, bufferOffset: number, bufferBytes: number): Promise<boolean> {
  const inBuffer = bufferOffset >= 0 && start >= bufferOffset && end <= bufferOffset + bufferBytes;
  if (inBuffer) {
    let ascii = true;
    for (let i = start - bufferOffset; i < end - bufferOffset; i++) {
      const byte = buffer[i];
      if (byte === 32 || (byte >= 9 && byte <= 13)) continue;
      if (byte < 0x80) return false;
      ascii = false;
    }
    if (ascii) return true;
    return buffer.toString("utf8", start - bufferOffset, end - bufferOffset).trim() === "";
  }
  const bytes = Buffer.allocUnsafe(end - start);
  await file.read(bytes, 0, bytes.length, start);
  return bytes.toString("utf8").trim() === "";
}
