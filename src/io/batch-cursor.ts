// Walks items that arrive in batches (one per chunk read) one at a time, awaiting only at batch
// boundaries: the merge join steps through two files this way without an await per row.

export class BatchCursor<T> {
  private batch: T[] = [];
  private index = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<T[]>) {}

  /** The current item, or undefined when the batch is used up (then `refill`). */
  peek(): T | undefined {
    return this.index < this.batch.length ? this.batch[this.index] : undefined;
  }

  advance(): void {
    this.index++;
  }

  /** Loads the next non-empty batch; false at the end of the source. */
  async refill(): Promise<boolean> {
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      if (next.value.length > 0) {
        this.batch = next.value;
        this.index = 0;
        return true;
      }
    }
    this.batch = [];
    this.index = 0;
    return false;
  }

  /** The next item, loading batches as needed; undefined at the end. */
  async next(): Promise<T | undefined> {
    let item = this.peek();
    while (item === undefined) {
      if (!(await this.refill())) return undefined;
      item = this.peek();
    }
    this.advance();
    return item;
  }

  /** Stops the source early (closing its file). */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.source.return?.();
    }
  }
}
