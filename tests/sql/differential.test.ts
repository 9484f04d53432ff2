// The SQL back end agrees with the JavaScript scorer: generated plans and leads (hostile names,
// unknown values, messy text, decay, windows, caps, invalid values) scored by the compiled
// JavaScript scorer, by DuckDB and by a real PostgreSQL server give identical records: score,
// qualified, tier, groups, disqualified_by, and the same error records.
//
// LEADSCORE_FUZZ_RUNS=2000 npx vitest run tests/sql   for a deeper search (runs = plans per engine).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import type { DialectName } from "../../src/compiler/sql/dialect.js";
import { DuckDBSession } from "../../src/engines/duckdb-session.js";
import { PostgresSession } from "../../src/engines/postgres-session.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { createRng, DEFAULT_AS_OF_MS, generateLeads, generatePlan } from "../support/generate-plan.js";
import { sameRecord } from "../support/same-record.js";
import { jsonLeads, textLeads } from "./support/lead-tables.js";
import { SKIP_POSTGRES, startPostgres, type PostgresServer } from "./support/postgres-server.js";
import { scoreJsonLeads, scoreTextLeads, type SqlSession } from "./support/sql-scoring.js";

const LEADS_PER_PLAN = 25;
const DUCKDB_RUNS = fuzzRuns(100);
const POSTGRES_RUNS = fuzzRuns(100);
/** A deeper search (LEADSCORE_FUZZ_RUNS) takes longer than the suite's usual 60 s per test. */
const timeout = (runs: number): number => Math.max(60_000, runs * 300);

interface Mismatch {
  seed: number;
  lead: unknown;
  expected: LeadRecord;
  actual: LeadRecord | undefined;
}

/** Scores `runs` generated plans with SQL and with JavaScript; returns the first few differences. */
async function compare(session: SqlSession, dialect: DialectName, kind: "text" | "json", firstSeed: number, runs: number): Promise<{ pairs: number; mismatches: Mismatch[] }> {
  const mismatches: Mismatch[] = [];
  let pairs = 0;
  for (let seed = firstSeed; seed < firstSeed + runs && mismatches.length < 3; seed++) {
    const rng = createRng(seed);
    const plan = generatePlan(rng);
    const leads = generateLeads(rng, plan, LEADS_PER_PLAN);
    const scorer = compileScorer(plan);
    const explain = seed % 4 === 0;
    const data = kind === "text" ? textLeads(plan, leads) : jsonLeads(leads);
    const run = kind === "text" ? await scoreTextLeads(session, dialect, plan, data as ReturnType<typeof textLeads>, DEFAULT_AS_OF_MS, explain) : await scoreJsonLeads(session, dialect, plan, data as ReturnType<typeof jsonLeads>, DEFAULT_AS_OF_MS, explain);
    data.reference.forEach((lead, i) => {
      pairs++;
      const expected = scorer.score(lead, { asOf: DEFAULT_AS_OF_MS, position: i + 1, explain });
      if (!sameRecord(run.records[i], expected)) mismatches.push({ seed, lead, expected, actual: run.records[i] });
    });
    expect(run.records).toHaveLength(data.reference.length);
  }
  return { pairs, mismatches };
}

function describeMismatches(mismatches: Mismatch[]): string {
  return mismatches
    .map((m) => `seed ${m.seed}: lead ${JSON.stringify(m.lead)}\n  javascript: ${JSON.stringify(m.expected)}\n  sql:        ${JSON.stringify(m.actual)}`)
    .join("\n");
}

describe("DuckDB agrees with the JavaScript scorer", () => {
  let session: DuckDBSession;
  beforeAll(async () => {
    session = await DuckDBSession.open();
  });
  afterAll(() => session?.close());

  it.each(["text", "json"] as const)("on generated plans and leads in %s columns", async (kind) => {
    const { pairs, mismatches } = await compare(session, "duckdb", kind, kind === "text" ? 1 : 100_001, DUCKDB_RUNS);
    expect(describeMismatches(mismatches)).toBe("");
    expect(pairs).toBeGreaterThan(1000);
  }, timeout(DUCKDB_RUNS));
});

describe.skipIf(SKIP_POSTGRES)("PostgreSQL agrees with the JavaScript scorer", () => {
  let server: PostgresServer | undefined;
  let session: PostgresSession;
  beforeAll(async () => {
    server = await startPostgres();
    session = await PostgresSession.connect(server.url);
  });
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it.each(["text", "json"] as const)("on generated plans and leads in %s columns", async (kind) => {
    const { pairs, mismatches } = await compare(session, "postgres", kind, kind === "text" ? 200_001 : 300_001, POSTGRES_RUNS);
    expect(describeMismatches(mismatches)).toBe("");
    expect(pairs).toBeGreaterThan(1000);
  }, timeout(POSTGRES_RUNS));
});
