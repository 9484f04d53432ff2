// The loop of `leadscore score`: each input becomes one result or error record, written in input
// order. Shared by the main-thread path and the worker threads of the parallel scorer (which run it
// over their section of the file), so both give the same records, error texts and warnings.

import type { Scorer } from "../compiler/js/compile-scorer.js";
import type { LeadInput, MalformedInput } from "../io/lead-input.js";
import type { ResultWriter } from "../io/result-writer.js";
import { isErrorRecord, type LeadRecord } from "../ir/result.js";

export interface ScoreLoopOptions {
  model: Pick<Scorer, "score">;
  writer: ResultWriter;
  asOf: number;
  explain: boolean;
  idField: string;
  /** The events file: its bad rows come in among the inputs and are warnings, not leads. */
  eventsPath?: string;
  /** Leads (and bad lead rows) before the first input: a section of a file starts mid-way. */
  inputsBefore?: number;
  /** Receives a line for stderr about a bad events row. */
  warn(text: string): Promise<void> | void;
  /** Called after each result with the count so far. */
  progress?(count: number): void;
}

export interface ScoreLoopOutcome {
  /** Results written (leads and bad lead rows). */
  records: number;
  invalid: number;
  badEventRows: number;
}

/** The stderr line for a bad row of the events file. */
export function badEventRowWarning(row: MalformedInput): string {
  return `leadscore score: ${row.file}:${row.line}: ${row.message} (event skipped)\n`;
}

export async function scoreInputs(batches: AsyncIterable<LeadInput[]>, options: ScoreLoopOptions): Promise<ScoreLoopOutcome> {
  const { model, writer, asOf, explain, idField, eventsPath } = options;
  const scoreOptions = { asOf, explain, idField, position: 0 };
  const first = options.inputsBefore ?? 0;
  let position = first;
  let invalid = 0;
  let badEventRows = 0;
  // Batches (one per chunk of the file), so a million leads cost a million loop turns, not a
  // million awaits; the loop awaits only when the output is backed up.
  for await (const batch of batches) {
    for (const input of batch) {
      if (input.kind === "malformed" && eventsPath !== undefined && input.file === eventsPath) {
        // A bad row of the events file is not a lead: report it on stderr, keep lead numbering intact.
        badEventRows++;
        const wait = options.warn(badEventRowWarning(input));
        if (wait) await wait;
        continue;
      }
      position++;
      let record: LeadRecord;
      if (input.kind === "malformed") {
        record = { id: position, error: `${input.file}:${input.line}: ${input.message}` };
      } else {
        scoreOptions.position = position;
        record = model.score(input.raw, scoreOptions);
        if (isErrorRecord(record)) record = { id: record.id, error: `${input.file}:${input.line}: ${record.error}` };
      }
      if (isErrorRecord(record)) invalid++;
      const backedUp = writer.write(record);
      if (backedUp) await backedUp;
      options.progress?.(position);
    }
  }
  return { records: position - first, invalid, badEventRows };
}
