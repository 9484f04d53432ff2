// Reading and compiling a model file for commands that score: errors are rendered to stderr.

import { readFile } from "node:fs/promises";
import { compile, type CompileResult } from "../api/compile.js";
import { renderDiagnostics, summarize } from "../diagnostics/render.js";
import { write, type Terminal } from "./terminal.js";
import { UsageError } from "./usage.js";

export async function readText(path: string, what = "file"): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`);
  }
}

/** Compiles a model; when it has errors, prints them and returns undefined (the caller exits 2). */
export async function loadModel(path: string, terminal: Terminal, source?: string): Promise<CompileResult & { source: string } | undefined> {
  const text = source ?? (await readText(path, "model"));
  const compiled = compile(text);
  if (compiled.model) return { ...compiled, source: text };
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  await write(terminal.stderr, renderDiagnostics(path, text, errors, { color: terminal.color }));
  await write(terminal.stderr, `${summarize(path, errors)}; nothing was scored\n`);
  return undefined;
}
