// Collects the small strings a result writer produces into blocks of ~64 KB before handing them
// to the output: one write() per result would cost more than formatting the result. Respects
// back-pressure: when the output says it is full, push() returns a promise that settles on 'drain'.

import type { Writable } from "node:stream";
import { waitForDrain } from "./drain.js";

const BLOCK_CHARS = 64 * 1024;

export class OutputBuffer {
  private pending = "";

  constructor(private readonly out: Writable) {}

  /** Returns a promise only when the output is full: await it before pushing more. */
  push(text: string): Promise<void> | undefined {
    this.pending += text;
    return this.pending.length >= BLOCK_CHARS ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.pending === "") return undefined;
    const block = this.pending;
    this.pending = "";
    return this.out.write(block) ? undefined : waitForDrain(this.out);
  }

  /** Writes what is left and waits until the output has taken it. Does not end the output. */
  async finish(): Promise<void> {
    const block = this.pending;
    this.pending = "";
    if (block === "") return;
    await new Promise<void>((resolve, reject) => {
      this.out.write(block, (error) => (error ? reject(error) : resolve()));
    });
  }
}
