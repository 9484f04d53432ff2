// The SQL back end against the streaming JavaScript CLI: `leadscore score MODEL leads.csv --events
// events.csv` with and without `--engine duckdb`, on the same generated files (scripts/
// sample-data-writer.ts: leads with their events, 10 million by default), through bench/cli.ts's
// runner: leads per wall-clock second and the CLI process's peak RSS (`/usr/bin/time -f %M`, or
// process.resourceUsage() at exit), output piped back and counted. Before timing, both paths score a
// 20,000-lead prefix of the same data and must print exactly the same records.
//
//   sqlEngineSection()                                   what `npm run bench` calls (checks for room
//                                                        first: bench/sql-room.ts)
//   LEADSCORE_BENCH_SQL_LEADS=1000000                    a smaller size (quick mode: 20,000)
//   node --import tsx bench/sql-engine.ts                this section alone: the table on stderr,
//                                                        the figures as JSON on stdout

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { benchDataRoot, measureCli, prepareCliFiles, removeBenchData, type CliFiles, type CliMeasurement } from "./cli.js";
import { AS_OF } from "./leads.js";
import { formatSqlEngineSection } from "./report.js";
import type { SqlEngineResult } from "./results.js";
import { sqlBenchRoomProblem } from "./sql-room.js";

const BIN = fileURLToPath(new URL("../bin/leadscore.js", import.meta.url));
const CHECK_LEADS = 20_000;

export const DEFAULT_SQL_BENCH_LEADS = 10_000_000;

export interface SqlEngineOptions {
  /** Leads in the timed files (default LEADSCORE_BENCH_SQL_LEADS, else 10,000,000; quick: 20,000). */
  leads?: number;
  /** Timed runs of each path (default 1: a 10M-lead run takes minutes). */
  runs?: number;
  quick?: boolean;
  /** Where the generated files go (default: a temp directory, deleted after). */
  root?: string;
  log?: (message: string) => void;
}

export interface SqlEngineMeasurement {
  leads: number;
  events: number;
  leadsBytes: number;
  eventsBytes: number;
  /** The CLI's benchmark model (bench/models.ts, 100 rules). */
  model: string;
  /** Records of the 20,000-lead prefix, checked equal before timing. */
  checkedLeads: number;
  javascript: CliMeasurement;
  duckdb: CliMeasurement;
  /** DuckDB leads/s over JavaScript leads/s. */
  speedup: number;
}

export function sqlBenchLeads(quick = process.env.LEADSCORE_BENCH_QUICK === "1"): number {
  const fromEnv = Number(process.env.LEADSCORE_BENCH_SQL_LEADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return quick ? 20_000 : DEFAULT_SQL_BENCH_LEADS;
}

export async function measureSqlEngine(options: SqlEngineOptions = {}): Promise<SqlEngineMeasurement> {
  const quick = options.quick ?? process.env.LEADSCORE_BENCH_QUICK === "1";
  const count = options.leads ?? sqlBenchLeads(quick);
  const runs = options.runs ?? 1;
  const log = options.log ?? ((message: string) => process.stderr.write(`[bench sql] ${message}\n`));
  const root = options.root ?? `${benchDataRoot()}-sql-engine`;
  const checkLeads = Math.min(CHECK_LEADS, count);
  try {
    log(`checking that both paths print the same records for ${checkLeads.toLocaleString("en-US")} leads`);
    const check = await prepareCliFiles(checkLeads, root);
    const [js, duck] = [await outputDigest(check, []), await outputDigest(check, ["--engine", "duckdb"])];
    if (js.digest !== duck.digest || js.records !== check.count) {
      throw new Error(`--engine duckdb printed different records than the JavaScript path (${duck.records} vs ${js.records} records)`);
    }
    await removeBenchData(check.dir);

    log(`generating ${count.toLocaleString("en-US")} leads with events in ${root}`);
    const files = await prepareCliFiles(count, root);
    log(`JavaScript CLI: scoring ${count.toLocaleString("en-US")} leads`);
    const javascript = await measureCli(files, runs);
    log(`DuckDB (--engine duckdb): scoring ${count.toLocaleString("en-US")} leads`);
    const duckdb = await measureCli(files, runs, ["--engine", "duckdb"]);
    for (const [name, m] of [["JavaScript", javascript], ["DuckDB", duckdb]] as const) {
      const wrong = m.runs.find((run) => run.records !== count || run.exitCode !== 0);
      if (wrong) throw new Error(`${name}: ${wrong.records} records for ${count} leads (exit ${wrong.exitCode})`);
    }
    return {
      leads: count,
      events: javascript.events,
      leadsBytes: javascript.leadsBytes,
      eventsBytes: javascript.eventsBytes,
      model: "100-rule benchmark model (bench/models.ts)",
      checkedLeads: check.count,
      javascript,
      duckdb,
      speedup: duckdb.leadsPerSecond / javascript.leadsPerSecond,
    };
  } finally {
    await removeBenchData(root);
  }
}

/** A digest of everything the CLI prints for the files, and the number of records. */
function outputDigest(files: CliFiles, extraArgs: string[]): Promise<{ digest: string; records: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "score", files.model, files.leads, "--events", files.events, "--as-of", AS_OF, ...extraArgs], { stdio: ["ignore", "pipe", "inherit"] });
    const hash = createHash("sha256");
    let records = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records++;
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve({ digest: hash.digest("hex"), records }) : reject(new Error(`leadscore score ${extraArgs.join(" ")} exited with ${code}`))));
  });
}

/**
 * The benchmark's SQL engine section: the measurement, or why there is none. Never throws, so a full
 * disk or a failing engine costs this section only, not the run's other figures.
 */
export async function sqlEngineSection(options: SqlEngineOptions = {}): Promise<SqlEngineResult> {
  const quick = options.quick ?? process.env.LEADSCORE_BENCH_QUICK === "1";
  const leads = options.leads ?? sqlBenchLeads(quick);
  const root = options.root ?? `${benchDataRoot()}-sql-engine`;
  try {
    const problem = await sqlBenchRoomProblem(leads, dirname(root));
    if (problem !== undefined) return { measured: false, leads, reason: `skipped: ${problem}` };
    return { measured: true, ...(await measureSqlEngine({ ...options, quick, leads, root })) };
  } catch (error) {
    return { measured: false, leads, reason: `failed: ${(error as Error).message}` };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await sqlEngineSection();
  process.stderr.write(formatSqlEngineSection(result) + "\n");
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  if (!result.measured) process.exitCode = 1;
}
