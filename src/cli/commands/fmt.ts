// leadscore fmt [--check] FILE.score... : rewrites models in their canonical form (SPEC section 8).

import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { renderDiagnostics, summarize } from "../../diagnostics/render.js";
import { format, type FormatResult } from "../../formatter/format.js";
import { readText } from "../load-model.js";
import { replaceFileText } from "../replace-file.js";
import { write, type Terminal } from "../terminal.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandArgs, UsageError } from "../usage.js";

export const fmtHelp = `Usage: leadscore fmt [--check] FILE.score...

Rewrites each model in its canonical form, in place: one statement per line,
2-space indentation, single spaces, \`is\` for equality, no redundant zeros or
parentheses, comments kept where they were written (docs/formatting.md).

A directory stands for every .score file under it. - reads a model from
standard input and writes the formatted text to standard output.
A file with syntax errors is left untouched and its errors are reported
(from standard input, the text is written back unchanged).

Options:
  --check      change nothing; list the files that are not formatted
  -h, --help   show this help

Exit codes: 0 every file is formatted, 1 unformatted files (with --check) or
syntax errors, 2 bad usage or an unreadable file.
`;

/** The name standard input goes by in messages. */
const STDIN_NAME = "<stdin>";

export async function fmtCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { check: { type: "boolean" } });
  if (values.help) return write(terminal.stdout, fmtHelp).then(() => EXIT_OK);
  if (positionals.length === 0) throw new UsageError("fmt needs at least one FILE.score, a directory, or - for standard input");
  const check = Boolean(values.check);

  let exitCode = EXIT_OK;
  for (const target of positionals) {
    let code: number;
    try {
      if (target === "-") {
        code = await formatStdin(terminal, check);
      } else {
        code = EXIT_OK;
        for (const file of await modelFiles(target, terminal)) code = Math.max(code, await formatFile(file, terminal, check));
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // An unreadable file does not stop the others from being formatted.
      await write(terminal.stderr, `leadscore fmt: ${error.message}\n`);
      code = EXIT_USAGE;
    }
    exitCode = Math.max(exitCode, code);
  }
  return exitCode;
}

/** A file as named, or the .score files under a directory (sorted; hidden folders and node_modules skipped). */
async function modelFiles(target: string, terminal: Terminal): Promise<string[]> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(target)).isDirectory();
  } catch {
    // readText reports the missing file in words.
  }
  if (!isDirectory) return [target];
  const files: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && entry.name.endsWith(".score")) files.push(path);
    }
  };
  await visit(target);
  if (files.length === 0) await write(terminal.stderr, `leadscore fmt: no .score files under ${target}\n`);
  return files;
}

async function reportSyntaxErrors(name: string, source: string, result: FormatResult, terminal: Terminal): Promise<void> {
  await write(terminal.stderr, renderDiagnostics(name, source, result.diagnostics, { color: terminal.color }));
  await write(terminal.stderr, `${summarize(name, result.diagnostics)}; left unformatted\n`);
}

async function formatFile(file: string, terminal: Terminal, check: boolean): Promise<number> {
  const source = await readText(file, "model");
  const result = format(source);
  if (result.diagnostics.length > 0) {
    await reportSyntaxErrors(file, source, result, terminal);
    return EXIT_FINDINGS;
  }
  if (!result.changed) return EXIT_OK;
  if (check) {
    await write(terminal.stdout, `${file}\n`);
    return EXIT_FINDINGS;
  }
  try {
    await replaceFileText(file, result.text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
  await write(terminal.stdout, `formatted ${file}\n`);
  return EXIT_OK;
}

async function formatStdin(terminal: Terminal, check: boolean): Promise<number> {
  const source = await readAll(terminal.stdin);
  const result = format(source);
  if (result.diagnostics.length > 0) {
    await reportSyntaxErrors(STDIN_NAME, source, result, terminal);
    // An editor that pipes its buffer through `fmt -` gets the text back as it was.
    if (!check) await write(terminal.stdout, source);
    return EXIT_FINDINGS;
  }
  if (check) {
    if (!result.changed) return EXIT_OK;
    await write(terminal.stdout, `${STDIN_NAME}\n`);
    return EXIT_FINDINGS;
  }
  await write(terminal.stdout, result.text);
  return EXIT_OK;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
