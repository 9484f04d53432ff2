// leadscore compile FILE.score [--target js|sql] : a standalone ES module exporting score(lead, asOf),
// or one SQL query over a leads table and an events table (docs/sql.md).

import { emitStandaloneModule } from "../../compiler/js/standalone.js";
import { compileSql } from "../../compiler/sql/compile-sql.js";
import { SqlCompileError } from "../../compiler/sql/literals.js";
import type { ScoringPlan } from "../../ir/plan.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { loadModel } from "../load-model.js";
import { write, type Terminal } from "../terminal.js";
import { writeFile } from "node:fs/promises";
import { EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const compileHelp = `Usage: leadscore compile FILE.score [-o OUT]
       leadscore compile FILE.score --target sql [--dialect duckdb|postgres] [-o OUT]

Compiles a model to a standalone ES module with no dependencies:
  import { score, scoreAll } from "./model.mjs";
  score(lead, asOf)   // asOf: a Date or ISO-8601 text; default now

or, with --target sql, to one SQL query over a leads table (a column per field)
and an events table (lead_id, type, at) that returns id, score, qualified,
tier, disqualified_by, <group>_score and <group>_tier per group, and error:
to run as a view, a scheduled query or a dbt model (docs/sql.md).

Options:
  --target js|sql        js (default): an ES module; sql: a query
  -o, --output OUT       write to OUT instead of standard output
  -h, --help             show this help

With --target sql:
  --dialect D            duckdb (default) or postgres
  --leads-table T        the leads table (default leads; may be schema.table)
  --events-table E       the events table (default events)
  --no-events            the model reads no events table
  --id-column C          the leads table's id column (default id)
  --columns text|typed   text (default): columns hold text, as a CSV load leaves
                         them; typed: numbers, booleans, dates and text arrays
                         are stored with the database's own types
  --as-of TIME           score as of this ISO-8601 time (default: when the
                         query runs)

Exit codes: 0 compiled, 2 bad usage or a model with errors.
`;

export async function compileCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    target: { type: "string" },
    output: { type: "string", short: "o" },
    dialect: { type: "string" },
    "leads-table": { type: "string" },
    "events-table": { type: "string" },
    "no-events": { type: "boolean" },
    "id-column": { type: "string" },
    columns: { type: "string" },
    "as-of": { type: "string" },
  });
  if (values.help) return write(terminal.stdout, compileHelp).then(() => EXIT_OK);
  const target = oneOf(values.target as string | undefined, ["js", "sql"] as const, "--target", "js");
  if (positionals.length !== 1) throw new UsageError("compile needs exactly one FILE.score");
  if (target === "js") {
    const sqlOnly = ["dialect", "leads-table", "events-table", "no-events", "id-column", "columns", "as-of"] as const;
    const given = sqlOnly.find((option) => values[option] !== undefined);
    if (given) throw new UsageError(`--${given} goes with --target sql`);
  }
  const sqlOptions = target === "sql" ? readSqlOptions(values) : undefined;
  const compiled = await loadModel(positionals[0], terminal);
  if (!compiled) return EXIT_USAGE;
  const code = sqlOptions ? sqlText(compiled.plan, sqlOptions) : emitStandaloneModule(compiled.plan);
  if (values.output) await writeFile(values.output as string, code);
  else await write(terminal.stdout, code);
  return EXIT_OK;
}

type SqlValues = Partial<Record<"dialect" | "leads-table" | "events-table" | "id-column" | "columns" | "as-of", string | boolean>> & { "no-events"?: string | boolean };

function readSqlOptions(values: SqlValues): Parameters<typeof compileSql>[1] {
  if (values["no-events"] && values["events-table"] !== undefined) throw new UsageError("--no-events and --events-table exclude each other");
  let asOf: number | undefined;
  if (values["as-of"] !== undefined) {
    try {
      asOf = resolveAsOf(values["as-of"] as string);
    } catch {
      throw new UsageError(`--as-of must be an ISO-8601 date or time such as 2026-11-15T09:00:00Z, not "${values["as-of"]}"`);
    }
  }
  return {
    dialect: oneOf(values.dialect as string | undefined, ["duckdb", "postgres"] as const, "--dialect", "duckdb"),
    leadsTable: values["leads-table"] as string | undefined,
    eventsTable: values["no-events"] ? null : (values["events-table"] as string | undefined),
    idColumn: values["id-column"] as string | undefined,
    columns: oneOf(values.columns as string | undefined, ["text", "typed"] as const, "--columns", "text"),
    asOf,
  };
}

/** The query; a name SQL cannot hold (a NUL character, an empty table name) is bad usage. */
function sqlText(plan: ScoringPlan, options: Parameters<typeof compileSql>[1]): string {
  try {
    return compileSql(plan, options);
  } catch (error) {
    if (error instanceof SqlCompileError) throw new UsageError(`cannot compile to SQL: ${error.message}`);
    throw error;
  }
}
