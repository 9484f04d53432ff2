// Prints one run's figures as plain-text tables (Markdown-compatible, so they paste into the README).

import type { CliMeasurement } from "./cli.js";
import type { BudgetCheck } from "./budgets.js";
import { ENGINE_LABELS, ENGINES } from "./engines.js";
import type { BenchResults, SqlEngineResult } from "./results.js";

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const fixed = (n: number, digits: number) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function ratio(n: number): string {
  return n >= 100 ? `${int(n)}x` : n >= 10 ? `${fixed(n, 1)}x` : `${fixed(n, 2)}x`;
}

function ms(n: number): string {
  return n >= 100 ? `${int(n)} ms` : n >= 10 ? `${fixed(n, 1)} ms` : `${fixed(n, 2)} ms`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The CLI run's options as given: --threads (default: none given), --explain. */
function cliOptions(c: CliMeasurement, nproc: number): string {
  const options: string[] = [];
  if (c.threads !== undefined) options.push(`--threads ${c.threads === "auto" ? `auto (${nproc})` : c.threads}`);
  if (c.explain) options.push("--explain");
  return options.length === 0 ? "default" : options.join(" ");
}

function budgetCell(checks: BudgetCheck[], id: string, format: (n: number) => string): string {
  const c = checks.find((b) => b.id === id);
  if (c === undefined || c.measured === null) return "n/a";
  return `${format(c.measured)} ${c.status}`;
}

function status(checks: BudgetCheck[], id: string): string {
  return checks.find((b) => b.id === id)?.status ?? "NOT MEASURED";
}

/** The SQL engine section: both paths side by side, and DuckDB's figures over JavaScript's. */
export function formatSqlEngineSection(r: SqlEngineResult): string {
  const title = `SQL engine: leadscore score --engine duckdb against the JavaScript CLI, same files, output piped (no SPEC 10 budget)`;
  if (!r.measured) return [title, "", `  not measured (${int(r.leads)} leads): ${r.reason}`].join("\n");
  const js = r.javascript;
  const duck = r.duckdb;
  return [
    title,
    `${int(r.leads)} leads, ${int(r.events)} events (${int((r.leadsBytes + r.eventsBytes) / 1048576)} MB of CSV), ${r.model}`,
    "",
    table(
      ["path", "leads/s (wall)", "leads/CPU-s", "peak RSS", "runs"],
      [
        ["JavaScript CLI (streaming)", int(js.leadsPerSecond), int(js.leadsPerCpuSecond), `${fixed(js.peakRssMb, 0)} MB`, String(js.runs.length)],
        ["--engine duckdb", int(duck.leadsPerSecond), int(duck.leadsPerCpuSecond), `${fixed(duck.peakRssMb, 0)} MB`, String(duck.runs.length)],
        ["duckdb / JavaScript", ratio(r.speedup), ratio(duck.leadsPerCpuSecond / js.leadsPerCpuSecond), ratio(duck.peakRssMb / js.peakRssMb), ""],
      ],
    ),
    `Both paths printed identical records for the first ${int(r.checkedLeads)} leads before timing; peak RSS measured with ${js.rssMethod}.`,
  ].join("\n");
}

export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `leadscore benchmark${results.quick ? " (QUICK smoke run: figures are not meaningful)" : ""}`,
    `machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average ${fixed(m.loadStart, 2)} at start${m.loadEnd !== undefined ? `, ${fixed(m.loadEnd, 2)} at end` : ""}`,
    "",
  );

  const sizes = results.scoring;
  const checks = results.budgets;
  out.push(`Scoring throughput, leads per second (${results.method})`, "");
  out.push(
    table(
      ["engine", ...sizes.map((s) => `${int(s.rules)} rules`)],
      ENGINES.map((name) => [
        ENGINE_LABELS[name],
        ...sizes.map((s) => {
          const e = s.engines[name];
          if (e === undefined) return "-";
          if (e.throughput === undefined) return "UNEQUAL";
          return int(e.throughput.leadsPerSecond);
        }),
      ]),
    ),
    "",
  );
  out.push(
    table(
      ["ratio (SPEC 10 budget)", ...sizes.map((s) => `${int(s.rules)} rules`)],
      [
        ["compiled / hand-written time (<= 1.25x)", ...sizes.map((s) => budgetCell(checks, `scoring.${s.rules}.handwritten`, ratio))],
        ["speed-up over json-logic-js (>= 50x)", ...sizes.map((s) => budgetCell(checks, `scoring.${s.rules}.json-logic`, ratio))],
        ["speed-up over json-rules-engine (>= 500x)", ...sizes.map((s) => budgetCell(checks, `scoring.${s.rules}.rules-engine`, ratio))],
        ["explain / plain time (<= 3x)", ...sizes.map((s) => budgetCell(checks, `scoring.${s.rules}.explain`, ratio))],
        ["speed-up over the interpreter (no budget)", ...sizes.map((s) => (s.ratios.speedupOverInterpreter === undefined ? "n/a" : ratio(s.ratios.speedupOverInterpreter)))],
      ],
    ),
    "",
  );
  const pools = sizes.map((s) => `${int(s.rules)} rules: ${ENGINES.filter((n) => s.engines[n]).map((n) => `${n} ${int(s.engines[n]!.poolSize)}`).join(", ")}`);
  out.push(`Every engine's results were checked equal to the compiled scorer's on the leads it was timed on (${pools.join("; ")}).`, "");

  out.push("Parse + check + compile (compile(source)), ms", "");
  out.push(
    table(
      ["rules", "source", "first call (cold)", "median (warm)", "parse", "check (incl. parse)", "code generation", "budget"],
      results.compile.map((c) => [
        int(c.rules),
        `${int(c.sourceBytes / 1024)} KB`,
        ms(c.firstMs),
        ms(c.medianMs),
        ms(c.stages.parseMs),
        ms(c.stages.checkMs),
        ms(c.stages.generateMs),
        c.rules === 50 ? `< 2 ms ${status(checks, "compile.50")}` : c.rules === 1000 ? `< 20 ms ${status(checks, "compile.1000")}` : "-",
      ]),
    ),
    "",
  );

  out.push(`CLI end to end: leadscore score (${results.cli.model}) on generated CSV leads + events CSV, output piped`, "");
  if (results.cli.error) out.push(`  not measured: ${results.cli.error}`, "");
  else {
    out.push(
      table(
        ["leads", "events", "files", "options", "leads/s (wall)", "leads/CPU-s", "peak RSS", "runs"],
        results.cli.sizes.map((c) => [
          int(c.leads),
          c.withEvents === false ? "none" : c.eventsByTime ? `${int(c.events)}, by time` : int(c.events),
          `${int((c.leadsBytes + (c.withEvents === false ? 0 : c.eventsBytes)) / 1048576)} MB`,
          cliOptions(c, results.machine.nproc),
          int(c.leadsPerSecond),
          int(c.leadsPerCpuSecond),
          `${fixed(c.peakRssMb, 0)} MB`,
          String(c.runs.length),
        ]),
      ),
      `peak RSS measured with ${results.cli.sizes[0]?.rssMethod ?? "?"}`,
      "",
    );
  }

  out.push(formatSqlEngineSection(results.sqlEngine), "");

  const pg = results.playground;
  out.push(
    pg.measured
      ? `Playground (headless Chromium, ${pg.script}): keystroke to repainted scores with ${int(pg.leads ?? 1000)} leads, median ${ms(pg.keystrokeMs!)} (p95 ${ms(pg.keystrokeP95Ms ?? NaN)}, ${pg.keys} keys); first screen interactive ${ms(pg.interactiveMs ?? NaN)}`
      : `Playground: not measured: ${pg.reason}`,
    "",
  );

  out.push("SPEC 10 budgets", "");
  out.push(
    table(
      ["budget", "measured", "limit", "status"],
      checks.map((c) => [
        c.description,
        c.measured === null ? "-" : `${c.unit === "x" ? ratio(c.measured) : c.unit === "ms" ? ms(c.measured) : c.unit === "MB" ? `${fixed(c.measured, 0)} MB` : `${int(c.measured)} ${c.unit}`}`,
        `${c.comparison} ${c.unit === "x" ? ratio(c.limit) : c.unit === "ms" ? ms(c.limit) : `${int(c.limit)} ${c.unit}`}`,
        c.status + (c.note && c.status !== "PASS" ? ` (${c.note})` : ""),
      ]),
    ),
  );
  const missed = checks.filter((c) => c.status !== "PASS").length;
  out.push("", `${checks.length - missed} of ${checks.length} budgets met${results.durationSeconds !== undefined ? `; run took ${int(results.durationSeconds)} s` : ""}.`);
  return out.join("\n");
}
