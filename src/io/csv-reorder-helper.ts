// This thread's side of the helper thread of csv-event-reorder.ts (csv-reorder-worker.ts runs in
// it): each request is a pass over some of the buckets, answered with the pass's result, or with
// the error that stopped it (its code kept: running out of room is not an error for the caller).

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PassResult, PassRunner, ReorderRequest } from "./csv-reorder-requests.js";
import type { ReorderReply } from "./csv-reorder-worker.js";

const WORKER_URL = new URL("./csv-reorder-worker.js", import.meta.url);

/** A helper thread: one request at a time, answered in order. */
export class ReorderHelper implements PassRunner {
  // A small young generation: the passes make little garbage, and each MB here is RSS.
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  private failure: Error | undefined;

  /** A started helper, or undefined run from the TypeScript sources (tests, tsx): there is no compiled worker to start. */
  static start(): ReorderHelper | undefined {
    return existsSync(fileURLToPath(WORKER_URL)) ? new ReorderHelper() : undefined;
  }

  private waiting: { resolve(value: unknown): void; reject(error: Error): void } | undefined;

  private constructor() {
    this.worker.on("message", (reply: ReorderReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if ("error" in reply) waiting?.reject(Object.assign(new Error(reply.error), { code: reply.code }));
      else waiting?.resolve(reply.result);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the events reordering thread stopped (exit code ${code})`)));
  }

  run<R extends ReorderRequest>(request: R): Promise<PassResult<R>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve: resolve as (value: unknown) => void, reject };
      this.worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }
}
