// Reads a file as a stream of text chunks. UTF-8 is decoded by the stream (which keeps a character
// split across two chunks intact), and a leading byte-order mark is dropped here so that no reader
// has to think about it.

import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { InputError } from "./input-error.js";

/**
 * Small enough that a chunk, and the batch of records made from it, dies young in V8's heap (a
 * string over ~128 KB goes straight to the large-object space, and bigger batches survive into the
 * old generation: with 256 KB chunks reading took twice the time, most of it in the collector).
 */
const CHUNK_BYTES = 32 * 1024;

/** Bytes [start, end) of a file; a section must start at a character boundary. */
export interface ByteRange {
  start: number;
  end: number;
}

/** How many bytes of its file a reader has taken so far: what a progress bar measures (cli/progress.ts). */
export interface ReadMeter {
  bytes: number;
}

/** A section of a file that starts at a record, on line `line`: what a worker thread reads. */
export interface FilePart extends ByteRange {
  line: number;
}

/** The file's text, or that of a section of it (see readSection). `meter` follows the whole file's reading. */
export async function* readTextChunks(path: string, range?: ByteRange, meter?: ReadMeter): AsyncGenerator<string> {
  if (range !== undefined) {
    yield* readSection(path, range);
    return;
  }
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_BYTES });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (meter !== undefined) meter.bytes = stream.bytesRead;
      if (first) {
        first = false;
        yield chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      } else {
        yield chunk;
      }
    }
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  } finally {
    stream.destroy();
  }
}

/**
 * A section of a file, read by a worker thread of the parallel scorer: a few hundred KB, so it is
 * read synchronously in CHUNK_BYTES pieces, without the cost of setting up a stream per section. No
 * byte-order mark is looked for (a section starts at a record, after the header).
 */
function* readSection(path: string, range: ByteRange): Generator<string> {
  if (range.end <= range.start) return;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(path, describeFsError(error), { cause: error });
  }
  try {
    const decoder = new StringDecoder("utf8");
    const bytes = sectionBuffer();
    for (let at = range.start; at < range.end; ) {
      const read = readSync(fd, bytes, 0, Math.min(bytes.length, range.end - at), at);
      if (read === 0) throw new InputError(path, `the file changed while it was read (it ended before byte ${range.end})`);
      at += read;
      const text = decoder.write(read === bytes.length ? bytes : bytes.subarray(0, read));
      if (text !== "") yield text;
    }
    const rest = decoder.end();
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}

let sharedSectionBuffer: Buffer | undefined;
/** One buffer per thread: each piece is decoded into a string before the next is read. */
function sectionBuffer(): Buffer {
  return (sharedSectionBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES));
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
