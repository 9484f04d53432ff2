// `leadscore score --engine duckdb`: leads and events files scored by embedded DuckDB running the
// compiled SQL. DuckDB reads the files itself; the records are the ones the JavaScript path prints,
// in input order, error records included (their `FILE:LINE:` found by walking leadscore's own
// reader to the row, only when a record needs it).

import type { ScoringPlan } from "../ir/plan.js";
import type { LeadRecord } from "../ir/result.js";
import { InputError } from "../io/input-error.js";
import type { MalformedInput } from "../io/lead-input.js";
import { readEventRows } from "../io/read-events.js";
import { compileSql } from "../compiler/sql/compile-sql.js";
import { duckdb } from "../compiler/sql/dialect.js";
import type { EventSource } from "../compiler/sql/source.js";
import { DuckDBSession } from "./duckdb-session.js";
import { EVENT_REJECTS, LEAD_REJECTS, openEventsFile, openLeadFile, type LeadFile } from "./file-sources.js";
import { InputMismatchError, InputWalker } from "./input-walker.js";
import { ResultRows } from "./result-records.js";

export interface FileScoringOptions {
  leadsPath: string;
  /** `lead_id, type, at` rows: .csv or .parquet. */
  eventsPath?: string;
  asOfMs: number;
  /** The field holding the lead id (default "id"). */
  idField?: string;
  explain?: boolean;
  /** DuckDB settings, such as threads or memory_limit. */
  settings?: Record<string, string>;
}

export interface FileScoring {
  /** Rows of the events file that are not occurrences (no lead id, no type, unreadable). */
  eventProblems: MalformedInput[];
  /** One record per lead, in input order, in batches. */
  records: AsyncGenerator<LeadRecord[]>;
  /** The query DuckDB runs. */
  sql: string;
}

/** Opens and loads the files and compiles the query; scoring starts when `records` is iterated. */
export async function scoreFilesWithDuckDB(plan: ScoringPlan, options: FileScoringOptions): Promise<FileScoring> {
  const session = await DuckDBSession.open({ settings: options.settings });
  try {
    const idField = options.idField ?? "id";
    let eventProblems: MalformedInput[] = [];
    let events: EventSource | undefined;
    if (options.eventsPath !== undefined) {
      const path = options.eventsPath;
      const file = await duckdbRead(path, () => openEventsFile(session, path));
      const { notOccurrences, badTimes } = file.prepass ? await countEventProblems(session, path, file.prepass) : { notOccurrences: 0, badTimes: 0 };
      if (notOccurrences > 0) eventProblems = await readEventProblems(path);
      // Only a lead with two bad times needs the file order (its first one is reported).
      events = badTimes > 0 ? file.numbered : file.source;
    }
    const leads = await duckdbRead(options.leadsPath, () => openLeadFile(session, options.leadsPath, plan.schema, idField));
    if (leads.load) await duckdbRead(leads.path, () => session.run(leads.load!));
    const lockstep = leads.format === "csv" && leads.source !== undefined && (await countRows(session, `${LEAD_REJECTS}_errors`)) > 0;
    const sql = leads.source ? compileSql(plan, { dialect: duckdb, source: { leads: leads.source, events }, asOf: options.asOfMs, explain: options.explain }) : "";
    return { eventProblems, sql, records: streamRecords(session, plan, leads, sql, { ...options, idField }, lockstep) };
  } catch (error) {
    session.close();
    throw error;
  }
}

async function* streamRecords(session: DuckDBSession, plan: ScoringPlan, leads: LeadFile, sql: string, options: FileScoringOptions & { idField: string }, lockstep: boolean): AsyncGenerator<LeadRecord[]> {
  const walker = new InputWalker(leads.path);
  const results = new ResultRows(plan, leads.idForm, options.explain);
  const path = leads.path;
  let position = 0;
  let index = 0;
  try {
    if (!leads.source) return;
    for await (const rows of duckdbStream(path, session.stream(sql))) {
      const batch: LeadRecord[] = [];
      for (const row of rows) {
        const i = index++;
        if (leads.format === "csv") {
          // The i-th row DuckDB read is the i-th lead leadscore's reader finds; rows it could not
          // read (lockstep mode only) are reported where they stand.
          if (lockstep || results.error(row) !== undefined) {
            const { lead, skipped } = await walker.leadAt(i);
            for (const bad of skipped) batch.push({ id: ++position, error: `${path}:${bad.line}: ${bad.message}` });
            const rawId = Object.hasOwn(lead.raw, options.idField) ? lead.raw[options.idField] : undefined;
            if ((rawId ?? "") !== (row[0] ?? "")) throw new InputMismatchError(`${path}:${lead.line}`, "DuckDB read this row differently");
            batch.push(results.record(row, ++position, `${path}:${lead.line}: `));
          } else {
            batch.push(results.record(row, ++position));
          }
        } else if (leads.format === "parquet") {
          batch.push(results.record(row, ++position, `${path}:${i + 1}: `));
        } else if (results.error(row) !== undefined) {
          const input = await walker.inputAt(i);
          batch.push(input.kind === "malformed" ? { id: ++position, error: `${path}:${input.line}: ${input.message}` } : results.record(row, ++position, `${path}:${input.line}: `));
        } else {
          batch.push(results.record(row, ++position));
        }
      }
      if (batch.length > 0) yield batch;
    }
    if (lockstep) {
      const rest = await walker.rest();
      if (rest.length > 0) yield rest.map((bad) => ({ id: ++position, error: `${path}:${bad.line}: ${bad.message}` }));
    }
  } finally {
    await walker.close();
    session.close();
  }
}

async function countRows(session: DuckDBSession, table: string): Promise<number> {
  const [[count]] = await session.rows(`SELECT count(*) FROM ${table}`);
  return Number(count);
}

/** One scan of the events file: rows that are not occurrences (unreadable ones too), and bad times. */
async function countEventProblems(session: DuckDBSession, path: string, prepass: string): Promise<{ notOccurrences: number; badTimes: number }> {
  const [[blank, badTimes]] = await duckdbRead(path, () => session.rows(prepass));
  return { notOccurrences: Number(blank) + (await countRows(session, `${EVENT_REJECTS}_errors`)), badTimes: Number(badTimes) };
}

/** The rows of the events file that are not occurrences, as leadscore's reader reports them. */
async function readEventProblems(path: string): Promise<MalformedInput[]> {
  const problems: MalformedInput[] = [];
  for await (const rows of readEventRows(path)) for (const row of rows) if (row.kind === "malformed") problems.push(row);
  return problems;
}

/** DuckDB's errors about a file (malformed JSON, a missing file) as InputErrors: exit code 2. */
async function duckdbRead<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw asInputError(path, error);
  }
}

async function* duckdbStream(path: string, rows: AsyncGenerator<unknown[][]>): AsyncGenerator<unknown[][]> {
  try {
    yield* rows;
  } catch (error) {
    throw asInputError(path, error);
  }
}

function asInputError(path: string, error: unknown): unknown {
  if (error instanceof InputError) return error;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (!/^(IO|Invalid Input|Conversion) Error/.test(message)) return error;
  return new InputError(path, `DuckDB cannot read it (${message}); without --engine, leadscore reports each unreadable record and goes on`, { cause: error });
}
