// Parse + check + compile time (compile(source), the public API) for models of 50, 1,000 and 10,000
// rules. Run in a fresh process per size: the first call is the cold start a CLI run pays; the
// median after a warm-up is what an editor pays on every keystroke (as with scoring throughput,
// the JIT's first few hundred calls are 2-3x slower and are left out of the median). Stage medians
// (parse, check, code generation) show where the time goes.

// The built library (lib/, what `import { compile } from "leadscore"` gives users) is measured, not
// src/ through tsx: its transform wraps every closure in a naming helper, which slows the grammar.
import { compile } from "../lib/src/api/compile.js";
import { parse } from "../lib/src/ast/parse.js";
import { checkSource } from "../lib/src/checker/check.js";
import { compileScorer } from "../lib/src/compiler/js/compile-scorer.js";
import { familyModel } from "./models.js";
import { median } from "./timing.js";

export interface CompileMeasurement {
  rules: number;
  sourceBytes: number;
  /** The first compile() in a fresh process, ms (wall clock). */
  firstMs: number;
  /** Median of the calls after a warm-up, ms of process CPU time. */
  medianMs: number;
  /** The same in wall-clock time. */
  wallMedianMs: number;
  reps: number;
  /** Stage medians, ms of CPU time: parse (text to AST), check (parse + schema + plan + lints), compileScorer (plan to JavaScript functions). */
  stages: { parseMs: number; checkMs: number; generateMs: number };
}

function time(fn: () => unknown, reps: number, budgetMs: number): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  const started = performance.now();
  for (let i = 0; i < reps && (i < Math.min(reps, 5) || performance.now() - started < budgetMs); i++) {
    const before = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu, wall };
}

export function measureCompile(rules: number, quick: boolean): CompileMeasurement {
  const source = familyModel(rules).source;
  const t = performance.now();
  const first = compile(source);
  const firstMs = performance.now() - t;
  if (!first.model) throw new Error(`the ${rules}-rule model has errors`);
  const reps = quick ? (rules >= 10000 ? 1 : 5) : rules >= 10000 ? 15 : 200;
  const budget = quick ? 200 : 4000;
  time(() => compile(source), quick ? 5 : 100_000, quick ? 100 : 2000); // warm-up (up to 2 s), not measured
  const whole = time(() => compile(source), reps, budget);
  const plan = first.plan;
  const stageReps = Math.max(Math.min(reps, 5), Math.floor(reps / 2));
  return {
    rules,
    sourceBytes: Buffer.byteLength(source),
    firstMs,
    medianMs: median(whole.cpu),
    wallMedianMs: median(whole.wall),
    reps: whole.cpu.length,
    stages: {
      parseMs: median(time(() => parse(source), stageReps, budget / 2).cpu),
      checkMs: median(time(() => checkSource(source), stageReps, budget / 2).cpu),
      generateMs: median(time(() => compileScorer(plan), stageReps, budget / 2).cpu),
    },
  };
}
