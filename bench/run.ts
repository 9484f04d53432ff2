// `npm run bench`: every SPEC 10 measurement in one run, printed as tables and written to
// bench/results.json, and the SQL engine against the JavaScript CLI (issue 7; no budget).
// LEADSCORE_BENCH_QUICK=1 makes a fast smoke run (small pools, few rounds, 10k/20k lead CLI files,
// 20k leads for the SQL engine, no playground): same code paths, figures not meaningful.
// LEADSCORE_BENCH_SQL_LEADS=N sets the SQL engine section's size (default 10,000,000).
//
// Sections run one after another, each measurement in a fresh process (bench/worker.ts), so they do
// not compete for the two cores or share JIT state.

import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { benchDataRoot, CLI_MODEL_RULES, measureCli, prepareCliFiles, removeBenchData, sortEventsByTime, type CliFiles, type CliMeasurement } from "./cli.js";
import type { CompileMeasurement } from "./compile-time.js";
import { ENGINES, type EngineName } from "./engines.js";
import { COMPILE_SIZES, SCORING_SIZES } from "./models.js";
import { measurePlayground } from "./playground.js";
import { formatReport } from "./report.js";
import { budgetChecks, scoringRatios, type BenchResults, type Machine, type ScoringSize } from "./results.js";
import type { ScoringMeasurement } from "./scoring.js";
import { sqlEngineSection } from "./sql-engine.js";
import { runWorker } from "./worker-protocol.js";

const quick = process.env.LEADSCORE_BENCH_QUICK === "1";
const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));
const started = Date.now();

function log(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? "unknown";
}

function machine(): Machine {
  return {
    nproc: availableParallelism(),
    node: process.version,
    cpu: cpuModel(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    loadStart: loadavg()[0],
  };
}

/**
 * The engines that share a process. json-rules-engine gets its own, with only the compiled scorer
 * beside it (the ratio to it needs only that one's rounds): its promises make so much garbage that
 * collecting it would land in the other engines' rounds.
 */
const SHARED: EngineName[] = ENGINES.filter((name) => name !== "rules-engine");

async function scoringSection(): Promise<ScoringSize[]> {
  const sizes: ScoringSize[] = [];
  for (const rules of SCORING_SIZES) {
    log(`scoring, ${rules} rules: checking equal results, then timing ${SHARED.join(", ")}`);
    const shared = await runWorker<ScoringMeasurement[]>("scoring", { rules, engines: SHARED, quick });
    log(`scoring, ${rules} rules: json-rules-engine (with the compiled scorer, to pair their rounds)`);
    const alone = await runWorker<ScoringMeasurement[]>("scoring", { rules, engines: ["compiled", "rules-engine"], quick });
    const rulesEngine = alone.find((m) => m.engine === "rules-engine")!;
    rulesEngine.compiledRounds = alone.find((m) => m.engine === "compiled")?.throughput?.rounds;
    const size: ScoringSize = { rules, engines: {}, ratios: {} };
    for (const m of [...shared, rulesEngine]) size.engines[m.engine] = m;
    size.ratios = scoringRatios(size);
    sizes.push(size);
  }
  return sizes;
}

async function compileSection(): Promise<CompileMeasurement[]> {
  const out: CompileMeasurement[] = [];
  for (const rules of COMPILE_SIZES) {
    log(`compile time, ${rules} rules`);
    out.push(await runWorker<CompileMeasurement>("compile", { rules, quick }));
  }
  return out;
}

async function cliSection(): Promise<BenchResults["cli"]> {
  const counts = quick ? [10_000, 20_000] : [100_000, 1_000_000];
  const runs = quick ? 1 : 3;
  const root = benchDataRoot();
  const sizes: CliMeasurement[] = [];
  try {
    for (const count of counts) {
      log(`CLI: generating ${count.toLocaleString("en-US")} leads with events in ${root}`);
      const files = await prepareCliFiles(count, root);
      log(`CLI: scoring ${count.toLocaleString("en-US")} leads (${runs} run${runs > 1 ? "s" : ""})`);
      // As users run it by default (two threads on two cores for files this big: see
      // src/cli/parallel/default-threads.ts), and on the largest file also on one thread
      // (--threads 1), without the events file, with --explain, and with the events not grouped by
      // lead, for comparison.
      const variants: { args: string[]; events: boolean; files?: CliFiles }[] = [{ args: [], events: true }];
      if (count === counts[counts.length - 1]) {
        variants.push(
          { args: ["--threads", "1"], events: true },
          { args: [], events: false },
          { args: ["--explain"], events: true },
          { args: [], events: true, files: await sortEventsByTime(files) },
        );
      }
      for (const variant of variants) {
        const measurement = await measureCli(variant.files ?? files, runs, variant.args, variant.events);
        const wrong = measurement.runs.find((r) => r.records !== count || r.exitCode !== 0);
        if (wrong) throw new Error(`leadscore score wrote ${wrong.records} records for ${count} leads (exit ${wrong.exitCode})`);
        sizes.push(measurement);
      }
      await removeBenchData(files.dir);
    }
    return { model: `${CLI_MODEL_RULES}-rule benchmark model`, runs, sizes };
  } catch (error) {
    return { model: `${CLI_MODEL_RULES}-rule benchmark model`, runs, sizes, error: (error as Error).message };
  } finally {
    await removeBenchData(root);
  }
}

async function main(): Promise<void> {
  const results: BenchResults = {
    version: 1,
    quick,
    startedAt: new Date(started).toISOString(),
    machine: machine(),
    method: `CPU time of the scoring process, median of ${quick ? 3 : 9} rounds after warm-up; engines take their rounds in turn in one process (json-rules-engine in its own, beside the compiled scorer), and each ratio is the median of the ratios of rounds taken one after the other`,
    scoring: [],
    compile: [],
    cli: { model: "", runs: 0, sizes: [] },
    sqlEngine: { measured: false, leads: 0, reason: "not run" },
    playground: { measured: false, reason: "not run" },
    budgets: [],
  };
  results.scoring = await scoringSection();
  results.compile = await compileSection();
  results.cli = await cliSection();
  // After the CLI section, whose temp files are gone by then: at 10M leads this one needs ~3 GB.
  results.sqlEngine = await sqlEngineSection({ quick, log: (message) => log(`SQL engine: ${message}`) });
  if (quick) results.playground = { measured: false, reason: "skipped in quick mode" };
  else {
    log("playground");
    results.playground = await measurePlayground();
  }
  results.finishedAt = new Date().toISOString();
  results.durationSeconds = (Date.now() - started) / 1000;
  results.machine.loadEnd = loadavg()[0];
  results.budgets = budgetChecks(results);
  await writeFile(RESULTS_PATH, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(formatReport(results) + "\n");
  log(`figures written to ${RESULTS_PATH}`);
}

await main();
