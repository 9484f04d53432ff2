// The playground's budgets, measured in headless Chromium by the playground's own measurement script
// (tests/e2e/measure-playground.ts: keystroke to repainted scores with 1,000 sample leads, and the
// first screen's time to interactive) on the built site. The benchmark builds the site first
// (`vite build`, into dist/) so it measures the current code, and reports "not measured", with the
// reason, when the script or Chromium is missing or the build fails.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PLAYGROUND_SCRIPT = "tests/e2e/measure-playground.ts";
const VITE = join(ROOT, "node_modules", "vite", "bin", "vite.js");

export interface PlaygroundMeasurement {
  measured: boolean;
  script?: string;
  /** Median keystroke to repainted scores, ms. */
  keystrokeMs?: number;
  keystrokeP95Ms?: number;
  leads?: number;
  keys?: number;
  /** Navigation start to the first click being answered, ms (median). */
  interactiveMs?: number;
  /** Everything the script reported. */
  details?: unknown;
  reason?: string;
}

interface PlaygroundFigures {
  firstLoad: { scoresShownMs: number; interactiveMs: number; editorReadyMs: number; runs: number };
  keystroke: { leads: number; keys: number; medianMs: number; p95Ms: number; maxMs: number };
}

export async function measurePlayground(): Promise<PlaygroundMeasurement> {
  const script = join(ROOT, PLAYGROUND_SCRIPT);
  if (!existsSync(script)) return { measured: false, reason: `${PLAYGROUND_SCRIPT} does not exist yet` };
  const build = await run(process.execPath, [VITE, "build", "--logLevel", "warn"]);
  if (build.code !== 0) return { measured: false, script: PLAYGROUND_SCRIPT, reason: `vite build failed (exit ${build.code}): ${lastLines(build.stderr)}` };
  const measured = await run(process.execPath, ["--import", "tsx", script, "--json"]);
  if (measured.code !== 0) return { measured: false, script: PLAYGROUND_SCRIPT, reason: `the measurement failed (exit ${measured.code}): ${lastLines(measured.stderr)}` };
  let figures: PlaygroundFigures;
  try {
    figures = JSON.parse(measured.stdout.slice(measured.stdout.indexOf("{"))) as PlaygroundFigures;
  } catch {
    return { measured: false, script: PLAYGROUND_SCRIPT, reason: `unreadable output: ${lastLines(measured.stdout)}` };
  }
  return {
    measured: true,
    script: PLAYGROUND_SCRIPT,
    keystrokeMs: figures.keystroke.medianMs,
    keystrokeP95Ms: figures.keystroke.p95Ms,
    leads: figures.keystroke.leads,
    keys: figures.keystroke.keys,
    interactiveMs: figures.firstLoad.interactiveMs,
    details: figures,
  };
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ");
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
