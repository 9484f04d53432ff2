// The command line's SQL paths: `score --engine duckdb` prints what the JavaScript path prints for
// the same files (results, error records with FILE:LINE, bad event rows, every format), `score
// --engine postgres` scores tables in place, and `compile --target sql` gives a query that any of
// the engines runs to the same results. The CLI runs in-process (main() with captured output).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBSession } from "../../src/engines/duckdb-session.js";
import { PostgresSession } from "../../src/engines/postgres-session.js";
import { stringLiteral } from "../../src/compiler/sql/literals.js";
import { REPO, type CliRun } from "../support/run-cli.js";
import { runMain as runCli } from "./support/run-main.js";
import { SKIP_POSTGRES, startPostgres, type PostgresServer } from "./support/postgres-server.js";

const MODEL = join(REPO, "examples/acme.score");
const LEADS_CSV = join(REPO, "examples/leads.csv");
const EVENTS_CSV = join(REPO, "examples/events.csv");
const LEADS_JSON = join(REPO, "examples/leads.json");
const AS_OF = ["--as-of", "2026-11-15"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "leadscore-engines-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The JavaScript path's output for the same arguments, computed once per file. */
const javascriptRuns = new Map<string, Promise<CliRun>>();
function javascript(args: string[]): Promise<CliRun> {
  const key = JSON.stringify(args);
  let run = javascriptRuns.get(key);
  if (!run) javascriptRuns.set(key, (run = runCli(["score", MODEL, ...args, ...AS_OF])));
  return run;
}

/** The example leads as the JavaScript path scores them. */
async function exampleResults(): Promise<Array<{ id: string; score: number; qualified: boolean; tier: string; groups: Record<string, { score: number }> }>> {
  return (await javascript([LEADS_CSV, "--events", EVENTS_CSV])).stdout.trim().split("\n").map((line) => JSON.parse(line));
}

/** The JavaScript path and the DuckDB path give the same output, errors and exit code. */
async function expectSameAsJavaScript(args: string[]): Promise<void> {
  const js = await javascript(args);
  const duck = await runCli(["score", MODEL, ...args, ...AS_OF, "--engine", "duckdb"]);
  expect(duck).toEqual(js);
}

describe("score --engine duckdb", () => {
  it.each([
    ["CSV leads with an events file", [LEADS_CSV, "--events", EVENTS_CSV]],
    ["a JSON array", [LEADS_JSON]],
    ["csv output", [LEADS_CSV, "--events", EVENTS_CSV, "--format", "csv"]],
    ["table output", [LEADS_CSV, "--events", EVENTS_CSV, "--format", "table"]],
    ["explanations", [LEADS_CSV, "--events", EVENTS_CSV, "--explain"]],
  ])("matches the JavaScript path: %s", async (_, args) => {
    const js = await javascript(args);
    expect(js.code).toBe(0);
    expect(js.stdout.length).toBeGreaterThan(1000);
    await expectSameAsJavaScript(args);
  });

  it("reports invalid values, unreadable rows and bad event rows as the JavaScript path does", async () => {
    const leads = file(
      "bad.csv",
      [
        "id,title,company_size,industry,competitor,signed_up,tags,email",
        "L-1,VP,abc,saas,no,2026-01-01,,a@b.c",
        "L-2,x,5",
        '"L-3","multi',
        'line",10,retail,yes,2026-13-01,,',
        "",
        "   ",
        "L-4,a,b,c,d,e,f,g,h",
        "L-5,ok,300,SaaS,false,2026-11-01,partner,z@gmail.com",
        ",no id,1,other,0,,,",
        "",
      ].join("\n"),
    );
    const events = file("bad-events.csv", "lead_id,type,at\nL-5,opened email,2026-11-10\n,opened email,2026-11-10\nL-5,,2026-11-10\nL-5,attended webinar,yesterday\nL-1,opened email\n");
    const js = await javascript([leads, "--events", events]);
    expect(js.code).toBe(1);
    expect(js.stdout).toContain(`bad.csv:2: company_size: expected a number, got \\"abc\\"`);
    expect(js.stderr).toContain("bad-events.csv:3: an event without a lead_id");
    await expectSameAsJavaScript([leads, "--events", events]);
  });

  it("reports JSON leads that are not objects, and bad events, at their lines", async () => {
    const json = file(
      "odd.json",
      '[\n{"id":"L1","company_size":"abc"},\n 42,\n {"id":7,"events":[{"type":"opened email","at":"2026-11-01"},{"at":"x"}]},\n null,\n {"events":"nope"},\n {"id":"L9","tags":["partner",7],"competitor":1,"events":["opened email",{"type":"Opened  EMAIL","at":null}]}\n]\n',
    );
    const jsonl = file("odd.jsonl", '{"id":"a"}\n\n[1]\n{"id":"b","company_size":1e3,"signed_up":"2026-02-30"}\n');
    await expectSameAsJavaScript([json]);
    await expectSameAsJavaScript([jsonl]);
    expect((await runCli(["score", MODEL, jsonl, ...AS_OF, "--engine", "duckdb"])).stdout).toContain('odd.jsonl:3: expected a lead object ({...}), got [1]');
  });

  it("reads Parquet with its own column types", async () => {
    const parquet = join(dir, "leads.parquet");
    const session = await DuckDBSession.open();
    try {
      await session.run(`COPY (SELECT * EXCLUDE (events) FROM read_json(${stringLiteral(LEADS_JSON)})) TO ${stringLiteral(parquet)} (FORMAT parquet)`);
    } finally {
      session.close();
    }
    const js = await javascript([LEADS_CSV, "--events", EVENTS_CSV]);
    const duck = await runCli(["score", MODEL, parquet, "--events", EVENTS_CSV, ...AS_OF, "--engine", "duckdb"]);
    expect(duck).toEqual(js);
  });

  it("stops with exit code 2 on a JSON file DuckDB cannot read, and says why", async () => {
    const broken = file("broken.json", '[{"id":1},{"id":}]');
    const run = await runCli(["score", MODEL, broken, ...AS_OF, "--engine", "duckdb"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json: DuckDB cannot read it .*without --engine/);
  });

  it.each([
    [["--engine", "oracle", LEADS_CSV], "--engine must be one of duckdb, postgres"],
    [["--engine", "duckdb", LEADS_CSV, "--db", "postgres://x"], "go with --engine postgres"],
    [["--engine", "postgres", "--leads-table", "leads"], "needs --db URL and --leads-table T"],
    [["--engine", "postgres", LEADS_CSV, "--db", "postgres://x", "--leads-table", "leads"], "takes a model and tables"],
    [[LEADS_CSV, "--leads-table", "leads"], "--leads-table goes with --engine postgres"],
  ])("refuses bad usage %j", async (args, message) => {
    const run = await runCli(["score", MODEL, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe("compile --target sql", () => {
  it("prints a query for the chosen dialect and tables", async () => {
    const run = await runCli(["compile", MODEL, "--target", "sql", "--dialect", "postgres", "--leads-table", "crm.leads", "--events-table", "crm.activity", ...AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^-- Generated by leadscore/);
    expect(run.stdout).toContain('FROM "crm"."leads" AS src');
    expect(run.stdout).toContain('FROM "crm"."activity" AS evt');
    expect(run.stdout).toContain("AS MATERIALIZED");
  });

  it("refuses options that belong to the other target", async () => {
    const run = await runCli(["compile", MODEL, "--dialect", "postgres"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--dialect goes with --target sql");
  });

  it("gives a query DuckDB runs over CSV-loaded tables to the JavaScript path's results", async () => {
    const sql = (await runCli(["compile", MODEL, "--target", "sql", ...AS_OF])).stdout;
    const session = await DuckDBSession.open();
    try {
      await session.run(`CREATE TABLE leads AS SELECT * FROM read_csv(${stringLiteral(LEADS_CSV)}, all_varchar = true)`);
      await session.run(`CREATE TABLE events AS SELECT * FROM read_csv(${stringLiteral(EVENTS_CSV)}, all_varchar = true)`);
      const rows = await session.rows(`SELECT "id", "score", "tier", "fit_score" FROM (${sql.replace(/;\s*$/, "")}) ORDER BY "id"`);
      const js = (await exampleResults()).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(rows).toEqual(js.map((r) => [r.id, r.score, r.tier, r.groups.fit.score]));
    } finally {
      session.close();
    }
  });
});

describe("compile --target sql, wrapped as docs/sql.md's dbt model", () => {
  it("reads the tables the wrapper names leads and events", async () => {
    const sql = (await runCli(["compile", MODEL, "--target", "sql", ...AS_OF])).stdout;
    const session = await DuckDBSession.open();
    try {
      await session.run(`CREATE TABLE stg_leads AS SELECT * FROM read_csv(${stringLiteral(LEADS_CSV)}, all_varchar = true)`);
      await session.run(`CREATE TABLE stg_activity AS SELECT * FROM read_csv(${stringLiteral(EVENTS_CSV)}, all_varchar = true)`);
      const wrapped = `with leads as (select * from stg_leads),\n     events as (select * from stg_activity)\nselect * from (\n${sql}) as scored`;
      const rows = await session.rows(`SELECT "id", "score" FROM (${wrapped}) ORDER BY "id"`);
      const js = (await exampleResults()).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(rows).toEqual(js.map((r) => [r.id, r.score]));
    } finally {
      session.close();
    }
  });
});

describe.skipIf(SKIP_POSTGRES)("score --engine postgres", () => {
  let server: PostgresServer | undefined;
  let session: PostgresSession;
  beforeAll(async () => {
    server = await startPostgres();
    session = await PostgresSession.connect(server.url);
    // The example files as a CSV import leaves them (text columns), and as typed tables.
    const header = readFileSync(LEADS_CSV, "utf8").split("\n")[0].split(",");
    await session.run(`CREATE SCHEMA crm`);
    await session.run(`CREATE TABLE crm.leads (${header.map((name) => `"${name}" TEXT`).join(", ")})`);
    await session.run(`CREATE TABLE crm.events (lead_id TEXT, type TEXT, "at" TEXT)`);
    await copyCsv(session, "crm.leads", LEADS_CSV, header.length);
    await copyCsv(session, "crm.events", EVENTS_CSV, 3);
    await session.run(
      `CREATE TABLE crm.typed_leads AS SELECT id, email, title, NULLIF(company_size, '')::integer AS company_size, industry, country, competitor::boolean AS competitor, ` +
        `signed_up::date AS signed_up, CASE WHEN COALESCE(tags, '') = '' THEN NULL ELSE string_to_array(tags, ';') END AS tags FROM crm.leads`,
    );
    await session.run(`CREATE TABLE crm.typed_events AS SELECT lead_id, type, NULLIF("at", '')::timestamptz AS "at" FROM crm.events`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it.each([
    ["text columns", "crm.leads", "crm.events"],
    ["typed columns", "crm.typed_leads", "crm.typed_events"],
  ])("scores %s in place like the JavaScript path", async (_, leads, events) => {
    const js = await javascript([LEADS_CSV, "--events", EVENTS_CSV]);
    const pg = await runCli(["score", MODEL, "--engine", "postgres", "--db", server!.url, "--leads-table", leads, "--events-table", events, ...AS_OF]);
    expect(pg).toEqual(js);
  });

  it("writes the results to a table", async () => {
    const run = await runCli(["score", MODEL, "--engine", "postgres", "--db", server!.url, "--leads-table", "crm.leads", "--events-table", "crm.events", "--results-table", "crm.scores", ...AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("250 leads scored into crm.scores");
    const [[count, hot]] = await session.rows(`SELECT count(*), count(*) FILTER (WHERE tier = 'hot') FROM crm.scores`);
    expect(count).toBe(250);
    expect(hot).toBe((await exampleResults()).filter((r) => r.tier === "hot").length);
  });

  it("stops with exit code 2 when a table does not exist", async () => {
    const run = await runCli(["score", MODEL, "--engine", "postgres", "--db", server!.url, "--leads-table", "nowhere", ...AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nowhere: no such table or view");
  });

  it("runs the query of compile --target sql --dialect postgres", async () => {
    const sql = (await runCli(["compile", MODEL, "--target", "sql", "--dialect", "postgres", "--leads-table", "crm.leads", "--events-table", "crm.events", ...AS_OF])).stdout;
    await session.run("SET jit = off");
    const rows = await session.rows(`SELECT "id", "score", "qualified" FROM (${sql}) AS scored ORDER BY "id"`);
    const js = (await exampleResults()).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows).toEqual(js.map((r) => [r.id, r.score, r.qualified]));
  });
});

/** Loads a CSV file into a table with COPY ... FROM STDIN's text sibling: one INSERT per batch. */
async function copyCsv(session: PostgresSession, table: string, path: string, width: number): Promise<void> {
  const duck = await DuckDBSession.open();
  try {
    const rows = await duck.rows(`SELECT * FROM read_csv(${stringLiteral(path)}, all_varchar = true, header = true)`);
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((row) => `(${row.slice(0, width).map((v) => (v === null ? "NULL" : stringLiteral(String(v)))).join(", ")})`);
      await session.run(`INSERT INTO ${table} VALUES ${values.join(", ")}`);
    }
  } finally {
    duck.close();
  }
}
