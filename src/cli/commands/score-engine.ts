// `leadscore score --engine duckdb|postgres`: the same records as the JavaScript path, computed by a
// database running the compiled SQL (src/engines). DuckDB reads the leads and events files itself;
// PostgreSQL scores tables in place and can write the results to a table.

import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { InputError } from "../../io/input-error.js";
import { createResultWriter, type ResultFormat } from "../../io/write-results.js";
import { isErrorRecord, type LeadRecord } from "../../ir/result.js";
import { loadModel } from "../load-model.js";
import { Progress } from "../progress.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, UsageError } from "../usage.js";

export const ENGINES = ["duckdb", "postgres"] as const;

export const engineHelp = `
Scoring with a database (the compiled SQL, see docs/sql.md):
  --engine duckdb      LEADS (.csv, .json, .jsonl, .parquet) and --events (.csv,
                       .parquet) are read and scored by embedded DuckDB
  --engine postgres    score tables in place: leadscore score FILE.score
                       --engine postgres --db URL --leads-table T [--events-table E]
                       [--results-table R]   (--id names the id column)
  --db URL             the PostgreSQL database (postgres://user@host:port/db)
  --leads-table T      the leads table (one column per field), may be schema.table
  --events-table E     the events table (lead_id, type, at)
  --results-table R    write the results to table R (replaced) instead of printing
`;

export interface EngineValues {
  engine: string;
  events?: string;
  format: ResultFormat;
  asOf: number;
  explain: boolean;
  idField: string;
  output?: string;
  db?: string;
  leadsTable?: string;
  eventsTable?: string;
  resultsTable?: string;
}

export async function scoreWithEngine(values: EngineValues, positionals: string[], terminal: Terminal): Promise<number> {
  const engine = oneOf(values.engine, ENGINES, "--engine", "duckdb");
  if (engine === "duckdb") {
    if (values.db !== undefined || values.leadsTable !== undefined || values.eventsTable !== undefined || values.resultsTable !== undefined) {
      throw new UsageError("--db, --leads-table, --events-table and --results-table go with --engine postgres");
    }
    if (positionals.length !== 2) throw new UsageError("score needs a model and a leads file: leadscore score FILE.score LEADS --engine duckdb");
  } else {
    if (values.events !== undefined) throw new UsageError("with --engine postgres, events come from --events-table");
    if (positionals.length !== 1) throw new UsageError("with --engine postgres, score takes a model and tables: leadscore score FILE.score --engine postgres --db URL --leads-table T");
    if (values.db === undefined || values.leadsTable === undefined) throw new UsageError("--engine postgres needs --db URL and --leads-table T");
  }
  const [modelPath, leadsPath] = positionals;
  const compiled = await loadModel(modelPath, terminal);
  if (!compiled) return EXIT_USAGE;
  const plan = compiled.plan;

  // The database engines are imported here, not at the top: loading DuckDB's native library costs
  // every other run of the CLI ~10 MB of memory and start-up time.
  if (engine === "duckdb") {
    const { scoreFilesWithDuckDB } = await import("../../engines/score-files.js");
    const scoring = await scoreFilesWithDuckDB(plan, { leadsPath, eventsPath: values.events, asOfMs: values.asOf, idField: values.idField, explain: values.explain });
    for (const problem of scoring.eventProblems) {
      await write(terminal.stderr, `leadscore score: ${problem.file}:${problem.line}: ${problem.message} (event skipped)\n`);
    }
    const invalid = await writeRecords(scoring.records, values, compiled.groups, terminal, leadsPath);
    return invalid > 0 || scoring.eventProblems.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }

  const { TableScoring } = await import("../../engines/score-tables.js");
  const scoring = await connect(() => TableScoring.open(plan, { url: values.db!, leadsTable: values.leadsTable!, eventsTable: values.eventsTable, idColumn: values.idField, asOfMs: values.asOf, explain: values.explain }));
  try {
    if (values.resultsTable !== undefined) {
      const { leads, invalid } = await scoring.writeTo(values.resultsTable);
      await write(terminal.stderr, `${values.leadsTable}: ${leads.toLocaleString("en-US")} leads scored into ${values.resultsTable}${invalid > 0 ? `, ${invalid.toLocaleString("en-US")} invalid` : ""}\n`);
      return invalid > 0 ? EXIT_FINDINGS : EXIT_OK;
    }
    const invalid = await writeRecords(scoring.records(), values, compiled.groups, terminal, values.leadsTable!);
    return invalid > 0 ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    throw asInputError(error);
  } finally {
    await scoring.close();
  }
}

/** Writes every record as the JavaScript path does; returns how many were error records. */
async function writeRecords(batches: AsyncIterable<LeadRecord[]>, values: EngineValues, groups: string[], terminal: Terminal, label: string): Promise<number> {
  const output: Writable = values.output ? createWriteStream(values.output) : terminal.stdout;
  const writer = createResultWriter(values.format, output, { groups, explain: values.explain });
  const progress = new Progress(terminal, label);
  let invalid = 0;
  let count = 0;
  for await (const batch of batches) {
    for (const record of batch) {
      count++;
      if (isErrorRecord(record)) invalid++;
      const backedUp = writer.write(record);
      if (backedUp) await backedUp;
      progress.tick(count);
    }
  }
  await writer.finish();
  if (output !== terminal.stdout) await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
  progress.done(count, invalid);
  return invalid;
}

/** A database that cannot be reached or refuses the query is unusable input (exit 2), not a crash. */
async function connect<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    throw asInputError(error);
  }
}

function asInputError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  // Connection failures (ECONNREFUSED...) and PostgreSQL's SQLSTATE codes; the URL is not repeated,
  // it may hold a password.
  if (typeof code !== "string") return error;
  return new InputError("the database", (error as Error).message);
}
