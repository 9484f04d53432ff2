// Event semantics of the reference interpreter (SPEC section 3), written as plainly as possible:
// the compiled scorer folds all of this into one pass per lead, and must agree with these loops.

import type { PlanDecay } from "../ir/plan.js";
import type { Occurrence } from "../semantics/lead.js";
import { DAY_MS } from "../semantics/values.js";

/**
 * Whether one occurrence counts for a test of `event` at `asOf`. Future occurrences never count; an
 * occurrence without a time counts only for tests without a window (its age is unknown).
 */
export function occurrenceMatches(occurrence: Occurrence, event: string, asOf: number, withinDays: number | undefined): boolean {
  if (occurrence.type !== event) return false;
  if (occurrence.at === undefined) return withinDays === undefined;
  if (occurrence.at > asOf) return false;
  return withinDays === undefined || asOf - occurrence.at <= withinDays * DAY_MS;
}

export function countMatches(events: Occurrence[], event: string, asOf: number, withinDays: number | undefined): number {
  let count = 0;
  for (const occurrence of events) if (occurrenceMatches(occurrence, event, asOf, withinDays)) count++;
  return count;
}

/** Age used for decay: an occurrence without a time is never decayed, like one that happened now. */
function decayAge(occurrence: Occurrence, asOf: number): number {
  return occurrence.at === undefined ? 0 : asOf - occurrence.at;
}

export function decayFactor(age: number, decay: PlanDecay): number {
  return Math.pow(1 - decay.percent / 100, Math.floor(age / (decay.everyDays * DAY_MS)));
}

/**
 * Sum of per-occurrence factors (1 each without decay), so an `each` rule is worth points * sum.
 * Summing factors and multiplying once keeps the result exact for the common undecayed case.
 */
export function sumOfFactors(events: Occurrence[], event: string, asOf: number, withinDays: number | undefined, decay: PlanDecay | undefined): number {
  let sum = 0;
  for (const occurrence of events) {
    if (!occurrenceMatches(occurrence, event, asOf, withinDays)) continue;
    sum += decay === undefined ? 1 : decayFactor(decayAge(occurrence, asOf), decay);
  }
  return sum;
}

/**
 * Decay factor of the most recent matching occurrence (SPEC 2.4: "for a rule without each, the most
 * recent matching occurrence's age is used"). With no matching occurrence nothing is decayed: 1.
 */
export function mostRecentFactor(events: Occurrence[], event: string, asOf: number, withinDays: number | undefined, decay: PlanDecay): number {
  let youngest = Infinity;
  for (const occurrence of events) {
    if (!occurrenceMatches(occurrence, event, asOf, withinDays)) continue;
    youngest = Math.min(youngest, decayAge(occurrence, asOf));
  }
  return youngest === Infinity ? 1 : decayFactor(youngest, decay);
}
