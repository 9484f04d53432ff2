// Scores one chunk of a leads file (and its events) with the loop of the main-thread path, over
// the chunk's sections of the files, and returns the formatted output for the main thread to write
// in chunk order. Runs in the worker threads (score-worker.ts) and on the main thread, which
// scores chunks too (score-parallel.ts).

import { Writable } from "node:stream";
import type { Scorer } from "../../compiler/js/compile-scorer.js";
import { mergeJoin } from "../../io/event-merge.js";
import type { Chunk } from "../../io/parallel-plan.js";
import { readCsvLeadBatches } from "../../io/read-csv.js";
import { readJsonLeadBatches } from "../../io/read-json.js";
import { readJsonlLeadBatches } from "../../io/read-jsonl.js";
import type { LeadFileFormat } from "../../io/read-leads.js";
import { createResultWriter } from "../../io/write-results.js";
import { scoreInputs, type ScoreLoopOutcome } from "../score-loop.js";
import { encodeParts, type BufferPool } from "./buffer-pool.js";

export type ChunkFormat = "jsonl" | "csv";

/** What every chunk of one run shares (sent to each worker once). */
export interface ChunkSettings {
  leadsPath: string;
  leadsFormat: LeadFileFormat;
  eventsPath?: string;
  leadsHeader: string[];
  eventsHeader?: string[];
  idField: string;
  asOf: number;
  explain: boolean;
  format: ChunkFormat;
  groups: readonly string[];
}

/** The chunk's counts (as the main-thread loop counts them), its output and its warnings. */
export interface ChunkOutput extends ScoreLoopOutcome {
  /**
   * The formatted results, in input order (csv without its header row), as UTF-8 bytes: a buffer
   * can be handed to the main thread without a copy and written out as it is, and it stays out
   * of the JavaScript heap (as strings, copied into the main thread's heap, they survived into
   * its old generation and the heap grew by 30-100 MB of them between collections). It is a view
   * of the start of a pooled buffer (buffer-pool.ts).
   */
  bytes: Uint8Array;
  /** Lines for stderr about the events file's bad rows, worded as on the main-thread path. */
  warnings: string;
}

/** Scores the chunk; its output goes into a buffer from `pool` (buffer-pool.ts). */
export async function scoreChunk(settings: ChunkSettings, model: Pick<Scorer, "score">, chunk: Chunk, pool: BufferPool): Promise<ChunkOutput> {
  const { leadsPath, eventsPath, eventsHeader, idField } = settings;
  const part = { start: chunk.leadsStart, end: chunk.leadsEnd, line: chunk.leadsLine };
  let inputs =
    settings.leadsFormat === "jsonl" ? readJsonlLeadBatches(leadsPath, part)
    : settings.leadsFormat === "json" ? readJsonLeadBatches(leadsPath, part)
    : readCsvLeadBatches(leadsPath, { ...part, header: settings.leadsHeader });
  if (eventsPath !== undefined && eventsHeader !== undefined) {
    inputs = mergeJoin(inputs, eventsPath, idField, { start: chunk.eventsStart, end: chunk.eventsEnd, line: chunk.eventsLine, header: eventsHeader });
  }
  const parts: string[] = [];
  const sink = new Writable({
    decodeStrings: false,
    write(text: string, _encoding, done) {
      parts.push(text);
      done();
    },
  });
  const writer = createResultWriter(settings.format, sink, { groups: settings.groups, explain: settings.explain, header: false });
  let warnings = "";
  const outcome = await scoreInputs(inputs, {
    model,
    writer,
    asOf: settings.asOf,
    explain: settings.explain,
    idField,
    eventsPath,
    inputsBefore: chunk.inputsBefore,
    warn: (text) => {
      warnings += text;
    },
  });
  await writer.finish();
  return { bytes: encodeParts(parts, pool), warnings, ...outcome };
}
