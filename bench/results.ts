// The shape of bench/results.json (one run's figures), and the budget checks derived from them.

import { BUDGETS, check, type BudgetCheck } from "./budgets.js";
import type { CliMeasurement } from "./cli.js";
import type { CompileMeasurement } from "./compile-time.js";
import type { EngineName } from "./engines.js";
import type { PlaygroundMeasurement } from "./playground.js";
import type { ScoringMeasurement } from "./scoring.js";
import type { SqlEngineMeasurement } from "./sql-engine.js";
import { median, type Throughput } from "./timing.js";

export interface Machine {
  nproc: number;
  node: string;
  cpu: string;
  memoryGb: number;
  platform: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadStart: number;
  loadEnd?: number;
}

export interface ScoringSize {
  rules: number;
  engines: Partial<Record<EngineName, ScoringMeasurement>>;
  ratios: {
    /** Compiled time / hand-written time (hand-written throughput / compiled throughput). */
    compiledVsHandWritten?: number;
    speedupOverJsonLogic?: number;
    speedupOverRulesEngine?: number;
    /** Explain time / plain time. */
    explainVsPlain?: number;
    speedupOverInterpreter?: number;
  };
}

/**
 * The SQL engine section (bench/sql-engine.ts): `--engine duckdb` against the JavaScript CLI, or why
 * it has no figures ("skipped: ..." when the disk or memory is too small, "failed: ..."). No budget:
 * SPEC 10 sets none for it.
 */
export type SqlEngineResult = ({ measured: true } & SqlEngineMeasurement) | { measured: false; leads: number; reason: string };

export interface BenchResults {
  version: 1;
  quick: boolean;
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  machine: Machine;
  /** How throughput was timed. */
  method: string;
  scoring: ScoringSize[];
  compile: CompileMeasurement[];
  cli: { model: string; runs: number; sizes: CliMeasurement[]; error?: string };
  sqlEngine: SqlEngineResult;
  playground: PlaygroundMeasurement;
  budgets: BudgetCheck[];
}

/**
 * The ratios between engines, each the median of the ratios of their rounds taken one after the
 * other in the same process: the machine's speed drifts (2-3x on a shared host, for every engine at
 * once), and pairing rounds cancels that drift, where dividing two medians does not.
 */
export function scoringRatios(size: ScoringSize): ScoringSize["ratios"] {
  const compiled = size.engines.compiled?.throughput;
  const rulesEngine = size.engines["rules-engine"];
  return {
    compiledVsHandWritten: pairedRatio(size.engines.handwritten?.throughput, compiled),
    speedupOverJsonLogic: pairedRatio(compiled, size.engines["json-logic"]?.throughput),
    // Its own process: paired with the compiled scorer's rounds taken there.
    speedupOverRulesEngine: rulesEngine?.compiledRounds === undefined ? undefined : pairedRatio({ rounds: rulesEngine.compiledRounds }, rulesEngine.throughput),
    explainVsPlain: pairedRatio(compiled, size.engines.explain?.throughput),
    speedupOverInterpreter: pairedRatio(compiled, size.engines.interpreter?.throughput),
  };
}

/** Median over rounds of numerator rate / denominator rate (round i of each were taken one after the other). */
export function pairedRatio(numerator: Pick<Throughput, "rounds"> | undefined, denominator: Pick<Throughput, "rounds"> | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined) return undefined;
  if (numerator.rounds.length === 0 || numerator.rounds.length !== denominator.rounds.length) return undefined;
  return median(numerator.rounds.map((rate, i) => rate / denominator.rounds[i]));
}

function unequal(size: ScoringSize, name: EngineName): string | undefined {
  const m = size.engines[name];
  if (m === undefined) return "not run";
  if (m.equality.mismatches > 0 || m.equality.errors > 0) return `results differ from the compiled scorer on ${m.equality.mismatches} of ${m.equality.leads} leads (${m.equality.errors} errors): not timed`;
  return undefined;
}

export function budgetChecks(results: BenchResults): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const size of results.scoring) {
    const r = size.ratios;
    const n = size.rules.toLocaleString("en-US");
    checks.push(
      check(`scoring.${size.rules}.handwritten`, `${n} rules: compiled time / hand-written time`, r.compiledVsHandWritten, "<=", BUDGETS.handWrittenRatio, "x", unequal(size, "handwritten")),
      check(`scoring.${size.rules}.json-logic`, `${n} rules: speed-up over json-logic-js`, r.speedupOverJsonLogic, ">=", BUDGETS.jsonLogicSpeedup, "x", unequal(size, "json-logic")),
      check(`scoring.${size.rules}.rules-engine`, `${n} rules: speed-up over json-rules-engine`, r.speedupOverRulesEngine, ">=", BUDGETS.rulesEngineSpeedup, "x", unequal(size, "rules-engine")),
      check(`scoring.${size.rules}.explain`, `${n} rules: explain time / plain time`, r.explainVsPlain, "<=", BUDGETS.explainRatio, "x", unequal(size, "explain")),
    );
  }
  const compile = (rules: number) => results.compile.find((c) => c.rules === rules)?.medianMs;
  checks.push(
    check("compile.50", "parse + check + compile, 50 rules", compile(50), "<", BUDGETS.compile50Ms, "ms"),
    check("compile.1000", "parse + check + compile, 1,000 rules", compile(1000), "<", BUDGETS.compile1000Ms, "ms"),
  );
  // The budgets are the CLI as users run it by default, with events; the other runs are comparisons.
  const sizes = results.cli.sizes.filter((m) => m.threads === undefined && m.withEvents !== false && !m.eventsByTime && !m.explain).sort((a, b) => a.leads - b.leads);
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const note = results.cli.error;
  const label = (m: CliMeasurement | undefined) => (m === undefined ? "?" : m.leads.toLocaleString("en-US"));
  checks.push(
    check("cli.leadsPerSecond", `CLI, ${label(large)}-lead CSV with events: leads per second`, large?.leadsPerSecond, ">", BUDGETS.cliLeadsPerSecond, "leads/s", note),
    check("cli.peakRss", `CLI, ${label(large)}-lead CSV: peak RSS`, large?.peakRssMb, "<", BUDGETS.cliPeakRssMb, "MB", note),
    check(
      "cli.constantMemory",
      `CLI: peak RSS at ${label(large)} / at ${label(small)} leads (constant memory)`,
      small !== undefined && large !== undefined && small !== large ? large.peakRssMb / small.peakRssMb : undefined,
      "<=",
      BUDGETS.cliRssGrowth,
      "x",
      note,
    ),
  );
  const pg = results.playground;
  const why = pg.measured ? undefined : pg.reason;
  checks.push(
    check("playground.keystroke", `playground: keystroke to repainted scores, ${(pg.leads ?? 1000).toLocaleString("en-US")} leads`, pg.keystrokeMs, "<", BUDGETS.playgroundKeystrokeMs, "ms", why),
    check("playground.interactive", "playground: first screen interactive (local server)", pg.interactiveMs, "<", BUDGETS.playgroundInteractiveMs, "ms", why),
  );
  return checks;
}
