// One model and a few CSV-shaped leads scored by the JavaScript scorer, by DuckDB and (unless
// skipped) by PostgreSQL, for tests that state the expected records by hand.

import { compile } from "../../../src/api/compile.js";
import { compileScorer } from "../../../src/compiler/js/compile-scorer.js";
import { DuckDBSession } from "../../../src/engines/duckdb-session.js";
import { PostgresSession } from "../../../src/engines/postgres-session.js";
import type { ScoringPlan } from "../../../src/ir/plan.js";
import type { LeadRecord } from "../../../src/ir/result.js";
import { textTable, type TextLeads } from "./lead-tables.js";
import { SKIP_POSTGRES, startPostgres, type PostgresServer } from "./postgres-server.js";
import { scoreTextLeads } from "./sql-scoring.js";

export interface Engines {
  duckdb: DuckDBSession;
  postgres?: PostgresSession;
  close(): Promise<void>;
}

export async function openEngines(): Promise<Engines> {
  const duckdb = await DuckDBSession.open();
  let server: PostgresServer | undefined;
  let postgres: PostgresSession | undefined;
  if (!SKIP_POSTGRES) {
    server = await startPostgres();
    postgres = await PostgresSession.connect(server.url);
  }
  return {
    duckdb,
    postgres,
    async close() {
      duckdb.close();
      await postgres?.close();
      await server?.stop();
    },
  };
}

export function planFromSource(source: string): ScoringPlan {
  const compiled = compile(source);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`model has errors: ${errors.map((d) => d.message).join("; ")}`);
  return compiled.plan;
}

/** Leads as CSV rows (field -> cell text) and events as `lead_id, type, at` rows. */
export function csvLeads(plan: ScoringPlan, leads: Array<Record<string, string>>, events: Array<[string, string, string?]> = []): TextLeads {
  const columns = ["id", ...plan.schema.fields.map((field) => field.name).filter((name) => name !== "id")];
  const rows = leads.map((lead) => columns.map((column) => (Object.hasOwn(lead, column) ? lead[column] : null)));
  return textTable(columns, rows, events.map(([id, type, at]) => [id, type, at ?? null]));
}

/** The records of every back end, by name. */
export async function scoreEverywhere(engines: Engines, plan: ScoringPlan, data: TextLeads, asOfMs: number, explain = false): Promise<Record<string, LeadRecord[]>> {
  const scorer = compileScorer(plan);
  const out: Record<string, LeadRecord[]> = {
    javascript: data.reference.map((lead, i) => scorer.score(lead, { asOf: asOfMs, position: i + 1, explain })),
    duckdb: (await scoreTextLeads(engines.duckdb, "duckdb", plan, data, asOfMs, explain)).records,
  };
  if (engines.postgres) out.postgres = (await scoreTextLeads(engines.postgres, "postgres", plan, data, asOfMs, explain)).records;
  return out;
}
