// The scoring back ends under test, behind one signature, so semantics tests run on each of them.

import { compileScorer } from "../../src/compiler/js/compile-scorer.js";
import type { ScoringPlan } from "../../src/ir/plan.js";
import type { LeadRecord } from "../../src/ir/result.js";
import { interpretRaw } from "../../src/interpreter/interpret.js";

export interface BackendOptions {
  asOfMs: number;
  explain?: boolean;
  idField?: string;
  position?: number;
}

export type ScoreFn = (raw: unknown, opts: BackendOptions) => LeadRecord;

export const BACKENDS: Array<[name: string, prepare: (plan: ScoringPlan) => ScoreFn]> = [
  ["interpreter", (plan) => (raw, opts) => interpretRaw(plan, raw, opts)],
  [
    "compiled",
    (plan) => {
      const scorer = compileScorer(plan);
      return (raw, opts) => scorer.score(raw, { asOf: opts.asOfMs, explain: opts.explain, idField: opts.idField, position: opts.position });
    },
  ],
];
