// Running a benchmark task in a child process (bench/worker.ts) and reading back its result.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const RESULT_MARKER = "@@leadscore-bench-result ";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

export function runWorker<T>(task: string, args: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, task, JSON.stringify(args)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || line === undefined) {
        reject(new Error(`benchmark task ${task} ${JSON.stringify(args)} failed (exit ${code}):\n${stderr.trim()}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
    });
  });
}
