// The leadscore command line (SPEC section 6): dispatches to one module per command.

import { readFileSync } from "node:fs";
import { checkCommand, checkHelp } from "./commands/check.js";
import { compileCommand, compileHelp } from "./commands/compile.js";
import { diffCommand, diffHelp } from "./commands/diff.js";
import { fmtCommand, fmtHelp } from "./commands/fmt.js";
import { scoreCommand, scoreHelp } from "./commands/score.js";
import { testCommand, testHelp } from "./commands/test.js";
import { processTerminal, write, type Terminal } from "./terminal.js";
import { EXIT_OK, EXIT_USAGE, UsageError } from "./usage.js";
import { InputError } from "../io/input-error.js";

export interface Command {
  summary: string;
  help: string;
  run(args: string[], terminal: Terminal): Promise<number>;
}

export const commands: Record<string, Command> = {
  check: { summary: "check models: diagnostics with source excerpts, and the score range", help: checkHelp, run: checkCommand },
  fmt: { summary: "rewrite models in canonical form (--check lists unformatted files)", help: fmtHelp, run: fmtCommand },
  score: { summary: "score leads (CSV, JSON, JSONL; Parquet and tables with --engine)", help: scoreHelp, run: scoreCommand },
  test: { summary: "run a model's examples and a file of expected results", help: testHelp, run: testCommand },
  diff: { summary: "compare two versions of a model on the same leads", help: diffHelp, run: diffCommand },
  compile: { summary: "compile a model to a standalone JavaScript module or a SQL query", help: compileHelp, run: compileCommand },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join("\n");
  return `leadscore: lead-scoring models as text

Usage: leadscore <command> [options]

Commands:
${list}

Run "leadscore <command> --help" for a command's options.
Exit codes: 0 success, 1 findings (errors, invalid leads, failed tests, unformatted files),
2 bad usage, unreadable input, or a model with errors where scoring was asked.
`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? args[0] : undefined;
    await write(terminal.stdout, topic && commands[topic] ? commands[topic].help : mainHelp());
    return EXIT_OK;
  }
  if (name === "--version" || name === "-v") {
    await write(terminal.stdout, version() + "\n");
    return EXIT_OK;
  }
  const command = commands[name];
  if (!command) {
    await write(terminal.stderr, `leadscore: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, terminal);
  } catch (error) {
    if (error instanceof UsageError) {
      await write(terminal.stderr, `leadscore ${name}: ${error.message}\nRun "leadscore ${name} --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      // Unreadable input: nothing more can be scored (SPEC 6: exit 2).
      await write(terminal.stderr, `leadscore ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
