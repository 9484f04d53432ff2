#!/usr/bin/env node
// The CLI is compiled ahead of time (npm install runs `prepare`), so it starts without a TypeScript loader.
import { main } from "../lib/src/cli/main.js";

// `leadscore score ... | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C or a kill: exit through process.exit, whose 'exit' listeners remove temporary files
// (src/io/event-reorder.ts); the exit code is the shell's for a signal.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

process.exitCode = await main(process.argv.slice(2));
