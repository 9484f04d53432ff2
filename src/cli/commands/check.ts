// leadscore check FILE.score... : diagnostics for people (or --format json for tools) and the score range.

import { compile } from "../../api/compile.js";
import { jsonReport, renderDiagnostics, summarize } from "../../diagnostics/render.js";
import { readText } from "../load-model.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const checkHelp = `Usage: leadscore check FILE.score... [--format human|json]

Checks each model and prints its diagnostics (errors, warnings, notes) with the
source line and carets, then the range of scores the model can give.

Options:
  --format human|json   human (default) or one JSON document per file:
                        {"file", "diagnostics": [...], "scoreRange": {"min", "max"}}
  -h, --help            show this help

Exit codes: 0 no errors, 1 a model has errors, 2 bad usage or unreadable file.
`;

export async function checkCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: "string" } });
  if (values.help) return write(terminal.stdout, checkHelp).then(() => EXIT_OK);
  const format = oneOf(values.format as string | undefined, ["human", "json"] as const, "--format", "human");
  if (positionals.length === 0) throw new UsageError("check needs at least one FILE.score");
  let failed = false;
  for (const file of positionals) {
    const source = await readText(file, "model");
    const compiled = compile(source);
    const { diagnostics, scoreRange } = compiled;
    if (diagnostics.some((d) => d.severity === "error")) failed = true;
    if (format === "json") {
      await write(terminal.stdout, JSON.stringify(jsonReport(file, source, diagnostics, scoreRange)) + "\n");
      continue;
    }
    if (diagnostics.length > 0) await write(terminal.stderr, renderDiagnostics(file, source, diagnostics, { color: terminal.color }));
    const range = `score range: ${scoreRange.min ?? "-infinity"} to ${scoreRange.max ?? "infinity"}`;
    await write(terminal.stdout, `${summarize(file, diagnostics)}; ${range}\n`);
  }
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
