// leadscore score FILE.score LEADS : one result or error record per input lead, in input order.

import { createWriteStream } from "node:fs";
import { availableParallelism } from "node:os";
import type { Writable } from "node:stream";
import { fileSize } from "../../io/plan-files.js";
import { leadFileFormat, readLeadBatches } from "../../io/read-leads.js";
import type { ReadMeter } from "../../io/text-chunks.js";
import { createResultWriter, type ResultFormat } from "../../io/write-results.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { loadModel } from "../load-model.js";
import { Progress } from "../progress.js";
import { scoreInputs } from "../score-loop.js";
import type { ChunkFormat } from "../parallel/score-chunk.js";
import { defaultThreads } from "../parallel/default-threads.js";
import { scoreOnThreads } from "../parallel/score-on-threads.js";
import { engineHelp, scoreWithEngine } from "./score-engine.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const scoreHelp = `Usage: leadscore score FILE.score LEADS [options]

Scores every lead in LEADS (.csv, .json array, .jsonl/.ndjson) and prints one
result per lead, in input order. A lead whose values do not fit the model's
field types yields an error record naming the file, line, field and value.

Options:
  --events FILE        events for CSV leads: a CSV with columns lead_id,type,at,
                       in any order; rows not grouped in lead order (an export
                       by date) are sorted through temporary files in TMPDIR
                       first
  --as-of TIME         score as of this ISO-8601 date or time (default: now)
  --format FORMAT      jsonl (default), csv or table
  --explain            list the rules that fired for each lead (hits)
  --id FIELD           the field holding the lead id (default: id)
  --threads N          score a CSV, JSON or JSONL file on N threads, or auto: one per
                       core. Default: 2 when the machine has two cores or more and
                       the input files hold 8 MB or more, else 1. Each thread
                       beyond the first uses about 60 MB of memory. --format table,
                       and JSON or JSONL leads with --events, run on one thread
  -o, --output FILE    write results to FILE instead of standard output
  --engine ENGINE      duckdb or postgres: score with a database (below)
  -h, --help           show this help
${engineHelp}
Exit codes: 0 all leads scored, 1 some leads were invalid (error records),
2 bad usage, unreadable input, or a model with errors (nothing scored).
`;

export async function scoreCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    events: { type: "string" },
    "as-of": { type: "string" },
    format: { type: "string" },
    explain: { type: "boolean" },
    id: { type: "string" },
    threads: { type: "string" },
    output: { type: "string", short: "o" },
    engine: { type: "string" },
    db: { type: "string" },
    "leads-table": { type: "string" },
    "events-table": { type: "string" },
    "results-table": { type: "string" },
  });
  if (values.help) return write(terminal.stdout, scoreHelp).then(() => EXIT_OK);
  if (values.engine !== undefined) {
    return scoreWithEngine(
      {
        engine: values.engine as string,
        events: values.events as string | undefined,
        format: oneOf(values.format as string | undefined, ["jsonl", "csv", "table"] as const, "--format", "jsonl"),
        asOf: parseAsOf(values["as-of"] as string | undefined),
        explain: Boolean(values.explain),
        idField: (values.id as string | undefined) ?? "id",
        output: values.output as string | undefined,
        db: values.db as string | undefined,
        leadsTable: values["leads-table"] as string | undefined,
        eventsTable: values["events-table"] as string | undefined,
        resultsTable: values["results-table"] as string | undefined,
      },
      positionals,
      terminal,
    );
  }
  for (const option of ["db", "leads-table", "events-table", "results-table"] as const) {
    if (values[option] !== undefined) throw new UsageError(`--${option} goes with --engine postgres`);
  }
  if (positionals.length !== 2) throw new UsageError("score needs a model and a leads file: leadscore score FILE.score LEADS");
  const [modelPath, leadsPath] = positionals;
  const format: ResultFormat = oneOf(values.format as string | undefined, ["jsonl", "csv", "table"] as const, "--format", "jsonl");
  const asOf = parseAsOf(values["as-of"] as string | undefined);
  const explain = Boolean(values.explain);
  const idField = (values.id as string | undefined) ?? "id";

  const compiled = await loadModel(modelPath, terminal);
  if (!compiled?.model) return EXIT_USAGE;
  const model = compiled.model;

  const output: Writable = values.output ? createWriteStream(values.output as string) : terminal.stdout;
  // 0 when the file cannot be read (the reader then says why): the progress shows a count.
  const progress = new Progress(terminal, leadsPath, await fileSize(leadsPath));
  const eventsPath = values.events as string | undefined;
  const threads = parseThreads(values.threads as string | undefined) ?? (await defaultThreads(leadsPath, eventsPath));

  const leadsFormat = leadFileFormat(leadsPath);
  const settings = { leadsPath, leadsFormat, eventsPath, idField, asOf, explain, format: format as ChunkFormat, groups: compiled.groups } as const;
  const onThreads = await scoreOnThreads({ scoringPlan: compiled.plan, model, settings, threads, output, stderr: terminal.stderr, progress }, format);
  if (onThreads.outcome !== undefined) {
    await endOutput(output, terminal);
    progress.done(onThreads.outcome.records, onThreads.outcome.invalid);
    return onThreads.outcome.invalid > 0 || onThreads.outcome.badEventRows > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  // No parallel path applied or held (nothing was written): read the files on this thread, which reports why.

  const writer = createResultWriter(format, output, { groups: compiled.groups, explain });
  const onEventsReorder = () => progress.noteEventsReorder();
  // When the parallel planner found the events out of lead order, the reader does not check again.
  const eventsOutOfOrder = onThreads.eventsOutOfOrder;
  const meter: ReadMeter = { bytes: 0 };
  const outcome = await scoreInputs(readLeadBatches(leadsPath, { eventsPath, idField, onEventsReorder, eventsOutOfOrder, meter }), {
    model,
    writer,
    asOf,
    explain,
    idField,
    eventsPath,
    warn: (text) => write(terminal.stderr, text),
    progress: (count) => progress.tick(count, meter.bytes),
  });
  await writer.finish();
  await endOutput(output, terminal);
  progress.done(outcome.records, outcome.invalid);
  return outcome.invalid > 0 || outcome.badEventRows > 0 ? EXIT_FINDINGS : EXIT_OK;
}

async function endOutput(output: Writable, terminal: Terminal): Promise<void> {
  if (output !== terminal.stdout) await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** --threads: a number, "auto" (one per core), or undefined when not given (defaultThreads). */
function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === "auto") return availableParallelism();
  const threads = Number(text);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads must be auto or a whole number from 1 to 64, not "${text}"`);
  return threads;
}

function parseAsOf(text: string | undefined): number {
  if (text === undefined) return Date.now();
  try {
    return resolveAsOf(text);
  } catch {
    throw new UsageError(`--as-of must be an ISO-8601 date or time such as 2026-11-15 or 2026-11-15T09:00:00Z, not "${text}"`);
  }
}
