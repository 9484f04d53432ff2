// The scoring engines the benchmark compares, each fed the same model and the same leads:
//   compiled      the library's compiled scorer (model.score, the public API)
//   explain       the same with { explain: true }
//   interpreter   the reference interpreter of the plan
//   handwritten   a hand-written function for the same rules (baselines/handwritten/)
//   json-logic    json-logic-js running the plan translated by baselines/to-json-logic.ts
//   rules-engine  json-rules-engine running the plan translated by baselines/to-rules-engine.ts

// The built library (lib/, what `import { compile } from "leadscore"` gives users) is measured, not
// src/ through tsx: its transform wraps every closure in a naming helper, which slows the grammar.
import { compile } from "../lib/src/api/compile.js";
import { interpretRaw } from "../lib/src/interpreter/interpret.js";
import type { ScoringPlan } from "../src/ir/plan.js";
import type { LeadRecord } from "../src/ir/result.js";
import { scoreAcme } from "./baselines/handwritten/acme.js";
import type { HandResult } from "./baselines/handwritten/common.js";
import { handWrittenFamilyScorer } from "./baselines/handwritten/family.js";
import { jsonLogicScorer } from "./baselines/to-json-logic.js";
import { rulesEngineScorer } from "./baselines/to-rules-engine.js";
import { AS_OF_MS } from "./leads.js";
import { familyModel, scoringModelSource } from "./models.js";

export const ENGINES = ["compiled", "explain", "interpreter", "handwritten", "json-logic", "rules-engine"] as const;
export type EngineName = (typeof ENGINES)[number];

export const ENGINE_LABELS: Record<EngineName, string> = {
  compiled: "compiled scorer",
  explain: "compiled, explain",
  interpreter: "reference interpreter",
  handwritten: "hand-written JS",
  "json-logic": "json-logic-js",
  "rules-engine": "json-rules-engine",
};

/** What every engine is reduced to: score one raw lead (an object as JSON gives it). */
export type SyncScore = (lead: Record<string, unknown>) => LeadRecord | HandRecord;
export type AsyncScore = (lead: Record<string, unknown>) => Promise<LeadRecord>;

/** The hand-written functions return the same fields, typed loosely so they need no library types. */
export type HandRecord = HandResult;

export type Engine = { name: EngineName; async: false; score: SyncScore } | { name: EngineName; async: true; score: AsyncScore };

export function compiledModel(rules: number): { plan: ScoringPlan; model: NonNullable<ReturnType<typeof compile>["model"]> } {
  const result = compile(scoringModelSource(rules));
  if (!result.model) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    throw new Error(`the ${rules}-rule benchmark model has errors: ${errors.join("; ")}`);
  }
  return { plan: result.plan, model: result.model };
}

export function makeEngine(name: EngineName, rules: number): Engine {
  const { plan, model } = compiledModel(rules);
  switch (name) {
    case "compiled": {
      const options = { asOf: AS_OF_MS };
      return { name, async: false, score: (lead) => model.score(lead, options) };
    }
    case "explain": {
      const options = { asOf: AS_OF_MS, explain: true };
      return { name, async: false, score: (lead) => model.score(lead, options) };
    }
    case "interpreter": {
      const options = { asOfMs: AS_OF_MS };
      return { name, async: false, score: (lead) => interpretRaw(plan, lead, options) };
    }
    case "handwritten": {
      if (rules === 10) return { name, async: false, score: (lead) => scoreAcme(lead, AS_OF_MS) };
      const score = handWrittenFamilyScorer(familyModel(rules));
      return { name, async: false, score: (lead) => score(lead, AS_OF_MS) };
    }
    case "json-logic": {
      const score = jsonLogicScorer(plan);
      return { name, async: false, score: (lead) => score(lead, AS_OF_MS) };
    }
    case "rules-engine": {
      const score = rulesEngineScorer(plan);
      return { name, async: true, score: (lead) => score(lead, AS_OF_MS) };
    }
  }
}
