// Rule engines compare plain values; they do not know SPEC 3's reading of a lead (text ignoring case,
// blank = unknown, dates by UTC day, event ages at an as-of time). A team using one would first turn
// each lead into such facts, so the baselines do exactly that, per lead and inside the timing, with
// the library's own reader (readLead). Unknown values are null: both engines understand null.

import type { ScoringPlan } from "../../src/ir/plan.js";
import { readLead } from "../../src/semantics/lead.js";
import { DAY_MS } from "../../src/semantics/values.js";

export interface LeadFacts {
  id: string | number;
  /** Typed value per schema field; null = unknown. A null-prototype object, so `__proto__` is a field. */
  values: Record<string, number | string | boolean | string[] | null>;
  /** Per date field, the UTC midnight of its value (dates compare by day); null = unknown. */
  days: Record<string, number | null>;
  /** Occurrences not after the as-of time; `age` in ms, null for one without a time. */
  events: { type: string; age: number | null }[];
  asOf: number;
}

export type FactsReading = { ok: true; facts: LeadFacts } | { ok: false; id: string | number; error: string };

export function leadFacts(plan: ScoringPlan, raw: unknown, asOf: number): FactsReading {
  const reading = readLead(raw, plan.schema);
  if (!reading.ok) return { ok: false, id: reading.problem.id, error: reading.problem.message };
  const lead = reading.lead;
  const values: LeadFacts["values"] = Object.create(null);
  const days: LeadFacts["days"] = Object.create(null);
  for (const field of plan.schema.fields) {
    const value = lead.values[field.name];
    values[field.name] = value === undefined ? null : value;
    if (field.type.kind === "date") days[field.name] = typeof value === "number" ? Math.floor(value / DAY_MS) * DAY_MS : null;
  }
  const events: LeadFacts["events"] = [];
  for (const occurrence of lead.events) {
    if (occurrence.at === undefined) events.push({ type: occurrence.type, age: null });
    else if (occurrence.at <= asOf) events.push({ type: occurrence.type, age: asOf - occurrence.at });
  }
  return { ok: true, facts: { id: lead.id, values, days, events, asOf } };
}
