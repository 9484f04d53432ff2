// Reads a file as a stream of text chunks. UTF-8 is decoded by the stream (which keeps a character
// split across two chunks intact), and a leading byte-order mark is dropped here so that no reader
// has to think about it.

import { createReadStream } from "node:fs";
import { InputError } from "./input-error.js";

/**
 * Small enough that a chunk, and the batch of records made from it, dies young in V8's heap (a
 * string over ~128 KB goes straight to the large-object space, and bigger batches survive into the
 * old generation: with 256 KB chunks reading took twice the time, most of it in the collector).
 */
const CHUNK_BYTES = 32 * 1024;

export async function* readTextChunks(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_BYTES });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
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

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
