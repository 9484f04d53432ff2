// `leadscore score --engine postgres`: leads and events tables scored in place by PostgreSQL running
// the compiled SQL. The tables' column types are looked up first, so each field is read the way its
// column holds it (numbers, booleans, dates and text arrays as they are; text converted by
// leadscore's rules; json/jsonb like JSON leads). Results stream back through a cursor, or are
// written to a results table.

import type { FieldType, ScoringPlan } from "../ir/plan.js";
import type { LeadRecord } from "../ir/result.js";
import { InputError } from "../io/input-error.js";
import { compileSql } from "../compiler/sql/compile-sql.js";
import { postgres } from "../compiler/sql/dialect.js";
import { quoteIdentifier, quoteTableName } from "../compiler/sql/literals.js";
import type { ColumnKind, EventSource, LeadSource, SourceColumn } from "../compiler/sql/source.js";
import { requireEventColumns } from "../io/read-events.js";
import { PostgresSession } from "./postgres-session.js";
import { ResultRows } from "./result-records.js";

export interface TableScoringOptions {
  /** A PostgreSQL connection URL. */
  url: string;
  /** May be schema-qualified (`crm.leads`). */
  leadsTable: string;
  eventsTable?: string;
  /** The column holding the lead id (default "id"). */
  idColumn?: string;
  asOfMs: number;
  explain?: boolean;
}

interface Relation {
  name: string;
  /** Column name -> type as format_type() writes it. */
  columns: Map<string, string>;
  /** True for a plain table (which has a physical order, ctid); false for a view. */
  isTable: boolean;
}

export class TableScoring {
  private constructor(
    private readonly session: PostgresSession,
    private readonly plan: ScoringPlan,
    readonly sql: string,
    private readonly explain: boolean,
  ) {}

  /** Connects, looks up the tables and compiles the query. */
  static async open(plan: ScoringPlan, options: TableScoringOptions): Promise<TableScoring> {
    const session = await PostgresSession.connect(options.url);
    try {
      const leads = await describe(session, options.leadsTable);
      const events = options.eventsTable === undefined ? undefined : await describe(session, options.eventsTable);
      const source = { leads: leadSource(plan, leads, options.idColumn ?? "id"), events: events && eventSource(events) };
      const sql = compileSql(plan, { dialect: postgres, source, asOf: options.asOfMs, explain: options.explain });
      return new TableScoring(session, plan, sql, options.explain ?? false);
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** One record per lead, in the table's physical order, in batches. */
  async *records(): AsyncGenerator<LeadRecord[]> {
    const results = new ResultRows(this.plan, "value", this.explain);
    let position = 0;
    for await (const rows of this.session.stream(this.sql)) yield rows.map((row) => results.record(row, ++position));
  }

  /** Writes the results to `table` (replacing it), in one transaction; returns the counts. */
  async writeTo(table: string): Promise<{ leads: number; invalid: number }> {
    const name = quoteTableName(table);
    await this.session.run("BEGIN");
    try {
      await this.session.run(`DROP TABLE IF EXISTS ${name}`);
      await this.session.run(`CREATE TABLE ${name} AS\n${this.sql}`);
      const [[leads, invalid]] = await this.session.rows(`SELECT count(*), count(${quoteIdentifier("error")}) FROM ${name}`);
      await this.session.run("COMMIT");
      return { leads: Number(leads), invalid: Number(invalid) };
    } catch (error) {
      await this.session.run("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}

async function describe(session: PostgresSession, table: string): Promise<Relation> {
  const name = quoteTableName(table);
  const [[oid, kind]] = await session.rows(`SELECT to_regclass($1)::oid, (SELECT relkind FROM pg_class WHERE oid = to_regclass($1))`, [name]);
  if (oid === null) throw new InputError(table, "no such table or view in the database");
  const rows = await session.rows(
    `SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [oid],
  );
  return { name, columns: new Map(rows.map((row) => [String(row[0]), String(row[1])])), isTable: kind === "r" || kind === "p" };
}

const NUMERIC = /^(smallint|integer|bigint|real|double precision|numeric.*)$/;
const TIME = /^(date|timestamp.*)$/;

/** How a column of PostgreSQL type `type` holds a field's values (see ColumnKind). */
export function postgresColumnKind(field: FieldType, type: string): ColumnKind {
  if (type === "json" || type === "jsonb") return "json";
  switch (field.kind) {
    case "number":
      return NUMERIC.test(type) ? "typed" : "text";
    case "boolean":
      return type === "boolean" ? "typed" : "text";
    case "date":
      return TIME.test(type) ? "typed" : "text";
    case "list":
      return type.endsWith("[]") ? "typed" : "text";
    case "text":
    case "enum":
      return "text";
  }
}

function leadSource(plan: ScoringPlan, leads: Relation, idColumn: string): LeadSource {
  const fields = new Map<string, SourceColumn>();
  for (const field of plan.schema.fields) {
    const type = leads.columns.get(field.name);
    if (type !== undefined) fields.set(field.name, { expr: `src.${quoteIdentifier(field.name)}`, kind: postgresColumnKind(field.type, type) });
  }
  return {
    relation: leads.name,
    fields,
    ...(leads.columns.has(idColumn) ? { id: { expr: `src.${quoteIdentifier(idColumn)}`, kind: "typed" as const } } : {}),
    ...(leads.isTable ? { position: "src.ctid" } : {}),
  };
}

/** Without an order column a lead's first bad occurrence is one of them, not the first by insertion. */
function eventSource(events: Relation): EventSource {
  const names = [...events.columns.keys()];
  const { leadId, type, at } = requireEventColumns(events.name, names);
  const atType = at === -1 ? undefined : events.columns.get(names[at])!;
  return {
    relation: events.name,
    leadId: `evt.${quoteIdentifier(names[leadId])}`,
    type: `evt.${quoteIdentifier(names[type])}`,
    ...(atType !== undefined ? { at: { expr: `evt.${quoteIdentifier(names[at])}`, kind: TIME.test(atType) ? ("typed" as const) : ("text" as const) } } : {}),
  };
}
