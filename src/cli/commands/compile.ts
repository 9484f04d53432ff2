// leadscore compile FILE.score [--target js] : a standalone ES module exporting score(lead, asOf).

import { emitStandaloneModule } from "../../compiler/js/standalone.js";
import { loadModel } from "../load-model.js";
import { write, type Terminal } from "../terminal.js";
import { writeFile } from "node:fs/promises";
import { EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from "../usage.js";

export const compileHelp = `Usage: leadscore compile FILE.score [--target js|sql] [-o OUT]

Compiles a model to a standalone ES module with no dependencies:
  import { score, scoreAll } from "./model.mjs";
  score(lead, asOf)   // asOf: a Date or ISO-8601 text; default now

Options:
  --target js|sql   js (default): an ES module; sql: a query (see docs/sql.md)
  -o, --output OUT  write to OUT instead of standard output
  -h, --help        show this help

Exit codes: 0 compiled, 2 bad usage or a model with errors.
`;

export async function compileCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { target: { type: "string" }, output: { type: "string", short: "o" }, dialect: { type: "string" } });
  if (values.help) return write(terminal.stdout, compileHelp).then(() => EXIT_OK);
  const target = oneOf(values.target as string | undefined, ["js", "sql"] as const, "--target", "js");
  if (positionals.length !== 1) throw new UsageError("compile needs exactly one FILE.score");
  if (target === "sql") throw new UsageError("--target sql is not available in this build yet");
  const compiled = await loadModel(positionals[0], terminal);
  if (!compiled) return EXIT_USAGE;
  const code = emitStandaloneModule(compiled.plan);
  if (values.output) await writeFile(values.output as string, code);
  else await write(terminal.stdout, code);
  return EXIT_OK;
}
