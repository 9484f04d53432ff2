#!/usr/bin/env node
// The CLI is compiled ahead of time (npm install runs `prepare`), so it starts without a TypeScript loader.
import { main } from "../lib/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
