// The chunks of a planning pass as they are found, so that worker threads can start scoring the
// first ones while the pass reads on. What is scored before the pass ends is speculative: the
// pass may still find that the files must be read sequentially (events out of order, a malformed
// quote), so nothing may be written until holds() says the plan does.

import type { Chunk } from "./parallel-plan.js";

export class ChunkFeed {
  readonly chunks: Chunk[] = [];
  leadsHeader: string[] | undefined;
  eventsHeader: string[] | undefined;
  /** Undefined while planning; then true when every chunk is in `chunks`, false when the plan failed. */
  outcome: boolean | undefined;
  /** The plan failed because the events do not follow the leads' order: a reader need not check again. */
  eventsOutOfOrder = false;
  private listeners: (() => void)[] = [];

  /** Planning is over and the plan holds: every chunk is known, output may be written. */
  holds(): boolean {
    return this.outcome === true;
  }

  /** Planning is over and the files must be read sequentially. */
  failed(): boolean {
    return this.outcome === false;
  }

  push(chunk: Chunk): void {
    this.chunks.push(chunk);
    this.notify();
  }

  finish(ok: boolean): void {
    this.outcome = ok;
    this.notify();
  }

  /** Resolves at the next chunk or the end of planning. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
