// The command line end to end: `node bin/leadscore.js score MODEL leads.csv --events events.csv`
// on generated files (scripts/sample-data-writer.ts), with the results piped back and counted (one
// record per lead). Reported: leads per wall-clock second, and the peak RSS of the CLI process, from
// `/usr/bin/time -f %M` when it exists, else from a preload that prints process.resourceUsage()
// at exit. Constant memory means the peak is about the same for 100k and 1M leads.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSampleFiles } from "../scripts/sample-data-writer.js";
import { AS_OF } from "./leads.js";
import { familyModel } from "./models.js";
import { median } from "./timing.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "leadscore.js");
const RSS_PRELOAD = join(ROOT, "bench", "rss-report.mjs");
const GNU_TIME = "/usr/bin/time";
const MARKER = "@@leadscore-bench-usage ";

/** The CLI is timed on the 100-rule benchmark model. */
export const CLI_MODEL_RULES = 100;

export interface CliRun {
  seconds: number;
  /** User + system CPU seconds of the CLI process. */
  cpuSeconds: number;
  peakRssMb: number;
  records: number;
  exitCode: number | null;
}

export interface CliMeasurement {
  leads: number;
  events: number;
  leadsBytes: number;
  eventsBytes: number;
  /** Median over the runs, leads per wall-clock second. */
  leadsPerSecond: number;
  /** Leads per CPU second of the CLI process (all its threads). */
  leadsPerCpuSecond: number;
  /** Highest peak RSS over the runs, MB. */
  peakRssMb: number;
  rssMethod: string;
  /** `--threads` given to the CLI; absent: its default (src/cli/parallel/default-threads.ts). */
  threads?: string;
  /** False when the run had no events file (a comparison run; the budgets use runs with events). */
  withEvents?: boolean;
  /** True for the comparison run on the events file sorted by time, not grouped by lead (sortEventsByTime). */
  eventsByTime?: boolean;
  /** True for the comparison run with --explain (every result lists its hits: ~6x the output). */
  explain?: boolean;
  runs: CliRun[];
}

export interface CliFiles {
  dir: string;
  model: string;
  leads: string;
  events: string;
  count: number;
  events_count: number;
  /** The events file is the copy sorted by time (sortEventsByTime). */
  eventsByTime?: boolean;
}

/**
 * The same files with the events no longer grouped by lead, as CRM activity exports come: by date
 * (rows without a time first; the generated files have no quotes, so the time is the text after the
 * last comma, and ISO times of one format sort as text). The CLI then puts them in lead order
 * through temporary files (src/io/csv-event-reorder.ts).
 */
export async function sortEventsByTime(files: CliFiles): Promise<CliFiles> {
  const text = await readFile(files.events, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const header = lines.shift()!;
  const timeOf = (line: string) => line.slice(line.lastIndexOf(",") + 1);
  const times = lines.map(timeOf);
  const order = Array.from(lines.keys()).sort((a, b) => (times[a] < times[b] ? -1 : times[a] > times[b] ? 1 : a - b));
  const path = join(files.dir, "events-by-time.csv");
  await writeFile(path, [header, ...order.map((i) => lines[i])].join("\n") + "\n");
  return { ...files, events: path, eventsByTime: true };
}

export async function prepareCliFiles(count: number, root: string): Promise<CliFiles> {
  const dir = join(root, `leads-${count}`);
  await mkdir(dir, { recursive: true });
  const files = await writeSampleFiles({ count, dir, json: false });
  const model = join(root, `model-${CLI_MODEL_RULES}.score`);
  await writeFile(model, familyModel(CLI_MODEL_RULES).source);
  return { dir, model, leads: files.leadsCsv, events: files.eventsCsv, count, events_count: await countLines(files.eventsCsv) - 1 };
}

async function countLines(path: string): Promise<number> {
  const { createReadStream } = await import("node:fs");
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

export function benchDataRoot(): string {
  return join(tmpdir(), `leadscore-bench-${process.pid}`);
}

export async function removeBenchData(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

function rssMethod(): string {
  return existsSync(GNU_TIME) ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS at exit (bench/rss-report.mjs)";
}

/** One CLI run: its output is counted, not kept. `extraArgs` such as ["--engine", "duckdb"]. */
export function runCli(files: CliFiles, extraArgs: readonly string[] = [], withEvents = true): Promise<CliRun> {
  const cliArgs = [BIN, "score", files.model, files.leads, ...(withEvents ? ["--events", files.events] : []), "--as-of", AS_OF, ...extraArgs];
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const args = useTime ? ["-f", `${MARKER}%M %U %S`, process.execPath, ...cliArgs] : ["--import", RSS_PRELOAD, ...cliArgs];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LEADSCORE_BENCH_USAGE_MARKER: MARKER } });
    let records = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records++;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      const line = stderr.split("\n").find((l) => l.startsWith(MARKER));
      if (line === undefined) {
        reject(new Error(`leadscore score did not report its resource usage (exit ${exitCode}):\n${stderr.trim()}`));
        return;
      }
      const [rssKb, user, system] = line.slice(MARKER.length).trim().split(/\s+/).map(Number);
      resolve({ seconds, cpuSeconds: user + system, peakRssMb: rssKb / 1024, records, exitCode });
    });
  });
}

function threadsOf(args: readonly string[]): string | undefined {
  const at = args.indexOf("--threads");
  return at === -1 ? undefined : args[at + 1];
}

export async function measureCli(files: CliFiles, runs: number, extraArgs: readonly string[] = [], withEvents = true): Promise<CliMeasurement> {
  const results: CliRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await runCli(files, extraArgs, withEvents));
  return {
    ...(files.eventsByTime ? { eventsByTime: true } : {}),
    ...(extraArgs.includes("--explain") ? { explain: true } : {}),
    leads: files.count,
    events: files.events_count,
    leadsBytes: (await stat(files.leads)).size,
    eventsBytes: (await stat(files.events)).size,
    leadsPerSecond: median(results.map((r) => files.count / r.seconds)),
    leadsPerCpuSecond: median(results.map((r) => files.count / r.cpuSeconds)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    rssMethod: rssMethod(),
    threads: threadsOf(extraArgs),
    withEvents,
    runs: results,
  };
}
