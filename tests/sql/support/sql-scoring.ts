// Scoring generated leads with compiled SQL on a real engine: the leads are loaded into tables
// (text columns as a CSV load makes them, or one JSON document per lead), the query runs, and its
// rows become records again (src/engines/result-records.ts) to compare with the JavaScript scorer.

import { DIALECTS, type DialectName } from "../../../src/compiler/sql/dialect.js";
import { compileSql } from "../../../src/compiler/sql/compile-sql.js";
import { quoteIdentifier, stringLiteral } from "../../../src/compiler/sql/literals.js";
import { jsonSource, tableSource } from "../../../src/compiler/sql/source.js";
import { ResultRows } from "../../../src/engines/result-records.js";
import type { ScoringPlan } from "../../../src/ir/plan.js";
import type { LeadRecord } from "../../../src/ir/result.js";
import type { JsonLeads, TextLeads } from "./lead-tables.js";

export interface SqlSession {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<unknown[][]>;
}

const POSITION = "__leadscore_pos";

function literal(value: string | number | null): string {
  return value === null ? "NULL" : typeof value === "number" ? String(value) : stringLiteral(value);
}

async function insert(session: SqlSession, table: string, rows: Array<Array<string | number | null>>): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const values = rows.slice(start, start + 500).map((row) => `(${row.map(literal).join(", ")})`);
    await session.run(`INSERT INTO ${table} VALUES ${values.join(", ")}`);
  }
}

export interface SqlRun {
  records: LeadRecord[];
  sql: string;
}

/** Leads in text columns (and events in a text `lead_id, type, at` table), as loaded from CSV. */
export async function scoreTextLeads(session: SqlSession, dialectName: DialectName, plan: ScoringPlan, data: TextLeads, asOfMs: number, explain = false): Promise<SqlRun> {
  const dialect = DIALECTS[dialectName];
  const text = dialect.textType;
  await session.run(`DROP TABLE IF EXISTS leads; DROP TABLE IF EXISTS events`);
  const columns = [`${quoteIdentifier(POSITION)} INTEGER`, ...data.columns.map((name) => `${quoteIdentifier(name)} ${text}`)];
  await session.run(`CREATE TABLE leads (${columns.join(", ")})`);
  await session.run(`CREATE TABLE events (${quoteIdentifier(POSITION)} INTEGER, lead_id ${text}, type ${text}, "at" ${text})`);
  await insert(session, "leads", data.rows.map((row, i) => [i + 1, ...row]));
  await insert(session, "events", data.events.map((row, i) => [i + 1, ...row]));
  const source = tableSource(plan.schema);
  // Positions give the file order: results come out in it, and a lead's first bad event is found.
  source.leads.position = `src.${quoteIdentifier(POSITION)}`;
  source.events!.position = `evt.${quoteIdentifier(POSITION)}`;
  const sql = compileSql(plan, { dialect, source, asOf: asOfMs, explain });
  const rows = await session.rows(sql);
  const results = new ResultRows(plan, "text", explain);
  return { sql, records: rows.map((row, i) => results.record(row, i + 1)) };
}

/** Leads as JSON documents with their events embedded, as read from a .json or .jsonl file. */
export async function scoreJsonLeads(session: SqlSession, dialectName: DialectName, plan: ScoringPlan, data: JsonLeads, asOfMs: number, explain = false): Promise<SqlRun> {
  const dialect = DIALECTS[dialectName];
  await session.run(`DROP TABLE IF EXISTS lead_documents`);
  await session.run(`CREATE TABLE lead_documents (pos INTEGER, doc JSON)`);
  await insert(session, "lead_documents", data.documents.map((doc, i) => [i + 1, doc]));
  const source = { leads: jsonSource(plan.schema, dialect, { relation: "lead_documents", document: "src.doc", position: "src.pos" }) };
  const sql = compileSql(plan, { dialect, source, asOf: asOfMs, explain });
  const rows = await session.rows(sql);
  const results = new ResultRows(plan, "json", explain);
  return { sql, records: rows.map((row, i) => results.record(row, i + 1)) };
}
