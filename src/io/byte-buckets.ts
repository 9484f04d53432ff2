// What both ways of putting an events file in lead order share (event-reorder.ts reads it as text,
// csv-event-reorder.ts as bytes): a scratch directory that is removed however the process ends,
// binary bucket files written through small buffers, and the hash that spreads ids over buckets.

import { mkdtemp, rm } from "node:fs/promises";
import { closeSync, fstatSync, openSync, readSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Bytes of the events file per bucket. */
export const BUCKET_BYTES = 4 * 1024 * 1024;
/**
 * Up to this many buckets, each stays ~4 MB up to 4 GB of events. Buckets are read whole, and
 * bigger ones (~12 MB on a 3 GB file with 256) left ~60 MB more in the process after the passes:
 * freeing a big buffer raises glibc's threshold for mapping allocations apart, and the next ones
 * come from heaps it does not give back.
 */
const MAX_BUCKETS = 1024;

/** Buckets for an events file of `bytes`: about `bucketBytes` each, at most MAX_BUCKETS. */
export function bucketCount(bytes: number, bucketBytes: number): number {
  return Math.min(MAX_BUCKETS, Math.max(1, Math.ceil(bytes / bucketBytes)));
}

export interface ScratchDir {
  path: string;
  /** Removes the directory and everything in it. */
  remove(): Promise<void>;
}

/** A new directory under os.tmpdir() (TMPDIR); undefined when none can be made there. */
export async function makeScratchDir(): Promise<ScratchDir | undefined> {
  let path: string;
  try {
    path = await mkdtemp(join(tmpdir(), "leadscore-events-"));
  } catch {
    return undefined; // TMPDIR missing, not writable, full: the in-memory index join still works
  }
  // Removed however the process ends: process.exit() skips `finally` blocks (the CLI exits so on a
  // closed pipe, and on SIGINT and SIGTERM: bin/leadscore.js), but runs 'exit' listeners.
  const removeNow = () => rmSync(path, { recursive: true, force: true });
  process.on("exit", removeNow);
  const remove = async () => {
    process.off("exit", removeNow);
    await rm(path, { recursive: true, force: true });
  };
  return { path, remove };
}

/** Errors that mean the scratch files found no room: the in-memory index join still works. */
export function noScratchSpace(error: unknown): boolean {
  return NO_SCRATCH_SPACE.has((error as NodeJS.ErrnoException).code ?? "");
}

const NO_SCRATCH_SPACE = new Set(["ENOSPC", "EDQUOT", "EROFS"]);

/**
 * Reads bucket files, each then deleted, into one buffer that grows to the biggest: buckets are
 * read one after another, and a new buffer for each left ~150 MB of them for the collector.
 */
export class BucketReader {
  private buffer = Buffer.allocUnsafe(0);

  /**
   * The files' bytes one after the other, valid until the next take(); a file nothing was
   * written to (so never created) adds none.
   */
  take(paths: string[]): Buffer {
    let filled = 0;
    for (const path of paths) {
      let fd: number;
      try {
        fd = openSync(path, "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      try {
        const size = fstatSync(fd).size;
        if (this.buffer.length < filled + size) {
          const bigger = Buffer.allocUnsafe(Math.max(filled + size, this.buffer.length * 2));
          this.buffer.copy(bigger, 0, 0, filled);
          this.buffer = bigger;
        }
        for (let at = 0; at < size; ) {
          const read = readSync(fd, this.buffer, filled, size - at, at);
          if (read === 0) break;
          at += read;
          filled += read;
        }
        unlinkSync(path);
      } finally {
        closeSync(fd);
      }
    }
    return this.buffer.subarray(0, filled);
  }
}

/** The paths `prefix0` .. `prefix{count-1}`. */
export function bucketPaths(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `${prefix}${k}`);
}

/**
 * Binary files written through a 64 KB buffer each, opened on their first flush. Synchronous
 * writes: the reordering runs before any scoring, with nothing else for the event loop to do.
 */
export class ByteBuckets {
  private readonly fds: (number | undefined)[];
  private readonly buffers: Buffer[];
  private readonly filled: number[];

  constructor(private readonly paths: string[]) {
    this.fds = paths.map(() => undefined);
    // ~16 MB of buffers in all, at most 64 KB and at least 16 KB each, cut from one allocation:
    // one mapping the system takes back when it is freed, where a thousand small ones stayed in
    // the allocator's heaps (~30 MB of a 3 GB file's run).
    const block = Math.max(MIN_BLOCK_BYTES, Math.min(MAX_BLOCK_BYTES, Math.floor(BUFFERS_BYTES / paths.length)));
    const all = Buffer.allocUnsafeSlow(block * paths.length);
    this.buffers = paths.map((_, k) => all.subarray(k * block, (k + 1) * block));
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
    // A loop: the spans are short (an id, a row), where a native copy's call costs more.
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
    for (let written = 0; written < this.filled[bucket]; ) written += writeSync(fd, this.buffers[bucket], written, this.filled[bucket] - written);
    this.filled[bucket] = 0;
  }
}

const BUFFERS_BYTES = 16 * 1024 * 1024;
const MAX_BLOCK_BYTES = 64 * 1024;
const MIN_BLOCK_BYTES = 16 * 1024;
const QUOTE = 34;

/** FNV-1a over bytes: spreads ids evenly over the buckets. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
