// Runs the CLI in this process (main() with captured output): the same code as bin/leadscore.js
// without a Node start-up per run, so tests can compare many runs quickly.

import { PassThrough } from "node:stream";
import { main } from "../../../src/cli/main.js";
import type { CliRun } from "../../support/run-cli.js";

export async function runMain(args: string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await main(args, { stdout, stderr, color: false, progress: false, stdin: new PassThrough() });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
