// leadscore score FILE.score LEADS : one result or error record per input lead, in input order.

import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { readLeadBatches } from "../../io/read-leads.js";
import { createResultWriter, type ResultFormat } from "../../io/write-results.js";
import type { LeadRecord } from "../../ir/result.js";
import { isErrorRecord } from "../../ir/result.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { loadModel } from "../load-model.js";
import { Progress } from "../progress.js";
import { engineHelp, scoreWithEngine } from "./score-engine.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const scoreHelp = `Usage: leadscore score FILE.score LEADS [options]

Scores every lead in LEADS (.csv, .json array, .jsonl/.ndjson) and prints one
result per lead, in input order. A lead whose values do not fit the model's
field types yields an error record naming the file, line, field and value.

Options:
  --events FILE        events for CSV leads: a CSV with columns lead_id,type,at
  --as-of TIME         score as of this ISO-8601 date or time (default: now)
  --format FORMAT      jsonl (default), csv or table
  --explain            list the rules that fired for each lead (hits)
  --id FIELD           the field holding the lead id (default: id)
  -o, --output FILE    write results to FILE instead of standard output
  -h, --help           show this help

  --engine ENGINE      duckdb or postgres: score with a database (below)
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
  const writer = createResultWriter(format, output, { groups: compiled.groups, explain });
  const progress = new Progress(terminal, leadsPath);
  let invalid = 0;
  let position = 0;
  const eventsPath = values.events as string | undefined;
  let badEventRows = 0;
  // Batches (one per chunk of the file), so a million leads cost a million loop turns, not a
  // million awaits; the loop awaits only when the output is backed up.
  for await (const batch of readLeadBatches(leadsPath, { eventsPath, idField })) {
    for (const input of batch) {
      if (input.kind === "malformed" && eventsPath !== undefined && input.file === eventsPath) {
        // A bad row of the events file is not a lead: report it on stderr, keep lead numbering intact.
        badEventRows++;
        await write(terminal.stderr, `leadscore score: ${input.file}:${input.line}: ${input.message} (event skipped)\n`);
        continue;
      }
      position++;
      let record: LeadRecord;
      if (input.kind === "malformed") {
        record = { id: position, error: `${input.file}:${input.line}: ${input.message}` };
      } else {
        record = model.score(input.raw, { asOf, explain, idField, position });
        if (isErrorRecord(record)) record = { id: record.id, error: `${input.file}:${input.line}: ${record.error}` };
      }
      if (isErrorRecord(record)) invalid++;
      const backedUp = writer.write(record);
      if (backedUp) await backedUp;
      progress.tick(position);
    }
  }
  await writer.finish();
  if (output !== terminal.stdout) await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
  progress.done(position, invalid);
  return invalid > 0 || badEventRows > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function parseAsOf(text: string | undefined): number {
  if (text === undefined) return Date.now();
  try {
    return resolveAsOf(text);
  } catch {
    throw new UsageError(`--as-of must be an ISO-8601 date or time such as 2026-11-15 or 2026-11-15T09:00:00Z, not "${text}"`);
  }
}
