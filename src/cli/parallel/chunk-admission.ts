// When the parallel scorer may hand out another chunk. Scored output is written in chunk order, so
// a chunk scored early waits, in memory, for those before it; this bounds how much may wait.

/**
 * Chunks per thread that may be taken and not yet written (scored ones wait for those before them).
 * With 4, the main thread idled ~0.6 s of a 1M-lead run waiting for the worker's 4 in flight.
 */
const MAX_OUTSTANDING_PER_THREAD = 8;
/**
 * Chunks scored ahead while the planning pass is still running, their output held until it ends,
 * and the most output they may hold: the cost of starting to score before the plan is known to
 * hold. 128 chunks are ~25 MB of plain results, but with --explain each result is ~6x bigger and
 * the held output reached ~100 MB (peak RSS 274 MB on 1M leads), hence the byte bound too.
 */
export const SPECULATIVE_CHUNKS = 128;
export const SPECULATIVE_BYTES = 24 * 1024 * 1024;

export class ChunkAdmission {
  private sent = 0;
  private writtenCount = 0;
  /** Bytes of output scored and not yet written. */
  private heldBytes = 0;
  private readonly limit: number;

  constructor(
    private readonly chunkCount: () => number,
    threads: number,
  ) {
    this.limit = threads * MAX_OUTSTANDING_PER_THREAD;
  }

  /**
   * Whether another chunk may be taken: it is planned and, once the plan holds, fewer than the
   * limit are taken and not written (when the output is slow the threads wait instead of piling
   * up results); before that, while the speculative bounds allow.
   */
  mayTake(planHolds: boolean): boolean {
    if (this.sent >= this.chunkCount()) return false;
    if (planHolds) return this.sent - this.writtenCount < this.limit;
    return this.sent < SPECULATIVE_CHUNKS && this.heldBytes < SPECULATIVE_BYTES;
  }

  /** The next chunk to write. */
  get nextToWrite(): number {
    return this.writtenCount;
  }

  /** Takes the next chunk; returns its index. */
  take(): number {
    return this.sent++;
  }

  /** A taken chunk's output arrived: it waits until written. */
  scored(bytes: number): void {
    this.heldBytes += bytes;
  }

  /** The next chunk's output (of `bytes`) is being written. */
  written(bytes: number): void {
    this.heldBytes -= bytes;
    this.writtenCount++;
  }
}
