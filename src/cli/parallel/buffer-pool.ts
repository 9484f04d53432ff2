// The buffers a chunk's output travels in, passed round instead of allocated per chunk. A worker
// encodes a chunk's results into a buffer and transfers it to the main thread, which writes it and,
// once the output has taken it, transfers it back. Allocating one per chunk left the written ones to
// the main thread's garbage collector, which frees memory outside its heap late: under load, tens
// of MB of written buffers waited for it (peak RSS up to ~+40 MB on 1M leads).

/** Spare buffers kept; more come back only while chunks are bigger than the ones kept. */
const MAX_SPARE = 16;
/** Buffers are allocated with room to spare, so that a slightly bigger chunk can reuse them. */
const SLACK = 1.25;

export class BufferPool {
  private readonly spare: ArrayBuffer[] = [];

  /** A view of `size` bytes at the start of a spare buffer, or of a new one. */
  take(size: number): Buffer {
    for (let i = 0; i < this.spare.length; i++) {
      if (this.spare[i].byteLength >= size) {
        const [buffer] = this.spare.splice(i, 1);
        return Buffer.from(buffer, 0, size);
      }
    }
    return Buffer.from(Buffer.allocUnsafeSlow(Math.ceil(size * SLACK)).buffer, 0, size);
  }

  /** A buffer whose content has been written out. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return; // detached: it went elsewhere
    if (this.spare.length === MAX_SPARE) this.spare.shift(); // the oldest, likely the smallest
    this.spare.push(buffer);
  }
}

/** The parts (a writer's blocks of text) as UTF-8 in one buffer from the pool. */
export function encodeParts(parts: readonly string[], pool: BufferPool): Buffer {
  let size = 0;
  for (const part of parts) size += Buffer.byteLength(part);
  const bytes = pool.take(size);
  let at = 0;
  for (const part of parts) at += bytes.write(part, at);
  return bytes;
}
