// Preloaded into the CLI by bench/cli.ts when /usr/bin/time is not available: at exit, prints the
// process's peak RSS (KB) and CPU seconds on stderr after the marker the benchmark looks for.
import { writeSync } from "node:fs";

const marker = process.env.LEADSCORE_BENCH_USAGE_MARKER ?? "@@leadscore-bench-usage ";
process.on("exit", () => {
  const usage = process.resourceUsage();
  writeSync(2, `${marker}${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
});
