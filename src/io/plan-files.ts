// What the planning passes of the parallel scorer share (parallel-plan.ts, jsonl-plan.ts,
// json-array-plan.ts): opening the files for a pass, and giving no plan, rather than an error,
// whenever the files cannot be cut safely or read at all. The sequential reader then reads them
// and reports the problem in its own words.

import { open, stat, type FileHandle } from "node:fs/promises";

/** A planning pass met input it does not cut (a malformed quote, an unclosed bracket, ...). */
export class IrregularInput extends Error {}

/**
 * `use` on the open files, closed afterwards; undefined when `use` finds the input irregular or a
 * file cannot be opened or read.
 */
export async function withFiles<T>(leadsPath: string, eventsPath: string | undefined, use: (leads: FileHandle, events: FileHandle | undefined) => Promise<T>): Promise<T | undefined> {
  const files: FileHandle[] = [];
  try {
    const leadsFile = await open(leadsPath, "r");
    files.push(leadsFile);
    const eventsFile = eventsPath === undefined ? undefined : await open(eventsPath, "r");
    if (eventsFile !== undefined) files.push(eventsFile);
    return await use(leadsFile, eventsFile);
  } catch (error) {
    if (error instanceof IrregularInput || (error as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw error;
  } finally {
    for (const file of files) await file.close();
  }
}

/**
 * The offset just past the first line feed at or after `from`, looking at most 64 KB ahead;
 * undefined when there is none. Where a section of a CSV file may start (a record's start only
 * outside quotes: the callers say how they know).
 */
export async function lineStartAfter(file: FileHandle, from: number): Promise<number | undefined> {
  const probe = Buffer.alloc(64 * 1024);
  const { bytesRead } = await file.read(probe, 0, probe.length, from);
  const lineEnd = probe.subarray(0, bytesRead).indexOf(10);
  return lineEnd < 0 ? undefined : from + lineEnd + 1;
}

/** Bytes a UTF-8 byte-order mark takes at the start of a file's first block (the readers drop it), 0 or 3. */
export function byteOrderMarkLength(block: Uint8Array, bytes: number): number {
  return bytes >= 3 && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? 3 : 0;
}

/** The file's size in bytes, 0 when it cannot be read (reading it reports the problem). */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
