// Where a row DuckDB read from a leads file stands in that file. DuckDB gives rows, not lines; the
// line numbers of error records (and the records of rows DuckDB could not read at all) come from
// leadscore's own readers (src/io), walked alongside the results. The walk is lazy: it starts only
// when a record needs a line, so a file without problems is never read twice.

import { BatchCursor } from "../io/batch-cursor.js";
import { InputError } from "../io/input-error.js";
import type { LeadInput, MalformedInput } from "../io/lead-input.js";
import { readLeadBatches } from "../io/read-leads.js";

export type LeadRow = Extract<LeadInput, { kind: "lead" }>;

/** Thrown when DuckDB and leadscore's reader disagree on the records of a file (exit code 2). */
export class InputMismatchError extends InputError {
  constructor(file: string, message: string) {
    super(file, `${message}; without --engine, leadscore reads the file itself`);
  }
}

export class InputWalker {
  private cursor: BatchCursor<LeadInput> | undefined;
  /** Inputs taken so far, and of those, the leads. */
  private taken = 0;
  private leads = 0;

  constructor(private readonly path: string) {}

  private open(): BatchCursor<LeadInput> {
    return (this.cursor ??= new BatchCursor(readLeadBatches(this.path)[Symbol.asyncIterator]()));
  }

  /**
   * The input at 0-based `index` among all inputs (JSON files: DuckDB has a row for every element,
   * objects or not). Indexes must not go backwards.
   */
  async inputAt(index: number): Promise<LeadInput> {
    if (index < this.taken) throw new RangeError("InputWalker: indexes must not go backwards");
    const cursor = this.open();
    for (;;) {
      const input = await cursor.next();
      if (input === undefined) throw new InputMismatchError(this.path, "DuckDB read more records than leadscore finds in the file");
      this.taken++;
      if (input.kind === "lead") this.leads++;
      if (this.taken - 1 === index) return input;
    }
  }

  /**
   * The lead at 0-based `index` among lead inputs (CSV files: DuckDB's rows are the rows it could
   * read), with the malformed inputs passed on the way there. Indexes must not go backwards.
   */
  async leadAt(index: number): Promise<{ lead: LeadRow; skipped: MalformedInput[] }> {
    if (index < this.leads) throw new RangeError("InputWalker: indexes must not go backwards");
    const cursor = this.open();
    const skipped: MalformedInput[] = [];
    for (;;) {
      const input = await cursor.next();
      if (input === undefined) throw new InputMismatchError(this.path, "DuckDB read more leads than leadscore finds in the file");
      this.taken++;
      if (input.kind === "malformed") {
        skipped.push(input);
        continue;
      }
      this.leads++;
      if (this.leads - 1 === index) return { lead: input, skipped };
    }
  }

  /** The malformed inputs after the last lead; a lead there means DuckDB missed it. */
  async rest(): Promise<MalformedInput[]> {
    const cursor = this.open();
    const rest: MalformedInput[] = [];
    for (let input = await cursor.next(); input !== undefined; input = await cursor.next()) {
      if (input.kind === "lead") throw new InputMismatchError(`${this.path}:${input.line}`, "DuckDB did not read this lead");
      rest.push(input);
    }
    return rest;
  }

  async close(): Promise<void> {
    await this.cursor?.close();
  }
}
