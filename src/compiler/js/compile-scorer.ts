// compileScorer(): a ScoringPlan turned into fast synchronous JavaScript scoring functions.

import type { ScoringPlan } from "../../ir/plan.js";
import type { LeadRecord } from "../../ir/result.js";
import { resolveAsOf } from "../../semantics/lead.js";
import { generateFactoryBody } from "./generate.js";
import { runtime } from "./runtime.js";

export interface ScoreOptions {
  /** The as-of time: a Date, an ISO-8601 string or epoch ms; default now. */
  asOf?: Date | string | number;
  /** Add `hits` (the rules that contributed) to each result. */
  explain?: boolean;
  /** The field holding a lead's id (default "id"). */
  idField?: string;
  /** 1-based position of the lead in its input, its id when it has none (default 1). For scoreAll,
   * the position of the first lead. */
  position?: number;
}

/**
 * The options, or the as-of time alone: score(lead, asOf), as the standalone module's score takes it
 * (SPEC 6). Taking it here too means a Date or ISO string passed that way is never silently ignored.
 */
export type ScoreArgument = ScoreOptions | Date | string | number;

export interface Scorer {
  score(raw: unknown, opts?: ScoreArgument): LeadRecord;
  scoreAll(raws: Iterable<unknown>, opts?: ScoreArgument): LeadRecord[];
}

const NO_OPTIONS: ScoreOptions = {};

function optionsOf(arg: ScoreArgument | null | undefined): ScoreOptions {
  if (arg === undefined || arg === null) return NO_OPTIONS;
  return typeof arg === "object" && !(arg instanceof Date) ? arg : { asOf: arg };
}

/** A generated scoring function; asOf undefined = now, read only if the lead needs it (as-of.ts). */
type LeadFunction = (raw: unknown, asOf: number | undefined, idField: string, position: number) => LeadRecord;

/** Builds the scoring function (and the explaining one on first use); throws TypeError/RangeError on a malformed plan. */
export function compileScorer(plan: ScoringPlan): Scorer {
  const build = (explain: boolean) => (new Function("rt", generateFactoryBody(plan, { explain })) as (rt: unknown) => { plain: LeadFunction; explain?: LeadFunction })(runtime);
  const { plain } = build(false);
  // The explain function is as big as the plain one and most runs never ask for it: generating it
  // on first use takes about a third off compile() of a big model.
  let explainFunction: LeadFunction | undefined;
  const explainer = (): LeadFunction => (explainFunction ??= build(true).explain!);
  // Callers scoring lead by lead usually pass the same ISO string each time; parsing it per lead
  // would cost as much as scoring, so the last one is remembered.
  let lastText: string | undefined;
  let lastMs = 0;
  const asOfMs = (asOf: ScoreOptions["asOf"]): number => {
    if (typeof asOf !== "string") return resolveAsOf(asOf);
    if (asOf !== lastText) {
      lastMs = resolveAsOf(asOf);
      lastText = asOf;
    }
    return lastMs;
  };
  return {
    score(raw, arg) {
      const opts = optionsOf(arg);
      const fn = opts.explain ? explainer() : plain;
      // "As of now" is left to the scoring function: it reads the clock only if the lead needs it.
      return fn(raw, opts.asOf === undefined ? undefined : asOfMs(opts.asOf), opts.idField ?? "id", opts.position ?? 1);
    },
    scoreAll(raws, arg) {
      const opts = optionsOf(arg);
      const fn = opts.explain ? explainer() : plain;
      const asOf = asOfMs(opts.asOf); // one "now" for all the leads
      const idField = opts.idField ?? "id";
      let position = opts.position ?? 1;
      const results: LeadRecord[] = [];
      for (const raw of raws) results.push(fn(raw, asOf, idField, position++));
      return results;
    },
  };
}
