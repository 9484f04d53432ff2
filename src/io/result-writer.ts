// What every result writer offers. Writers take a Node Writable; the CLI passes stdout or a file.

import type { LeadRecord } from "../ir/result.js";

export interface ResultWriter {
  /**
   * Queues one result. Returns a promise only when the output is backed up; await it before the
   * next write (`const wait = writer.write(r); if (wait) await wait;`), so a million results never
   * pile up in memory and the common case costs no await.
   */
  write(record: LeadRecord): Promise<void> | undefined;
  /** Writes everything still held back and waits until the output has taken it. Does not end the output. */
  finish(): Promise<void>;
}

export interface ResultWriterOptions {
  /** The model's group names, in source order: csv and table give each a score and a tier column. */
  groups?: readonly string[];
  /** Include each result's `hits` (the rules that contributed). */
  explain?: boolean;
  /** csv: start with the header row (default true; worker threads writing part of the output leave it out). */
  header?: boolean;
}
