// Runs a model's `example` blocks (SPEC 2.6): each describes one lead and what it should score.
// Ages (`2 days ago`) are relative to the as-of time, which defaults to now.

import type { Example, ExampleField } from "../ast/nodes.js";
import type { LeadRecord, ScoreResult } from "../ir/result.js";
import { isErrorRecord } from "../ir/result.js";
import { DAY_MS, round2 } from "../semantics/values.js";

export interface ExampleOutcome {
  title: string;
  span: { start: number; end: number };
  passed: boolean;
  /** One plain sentence per unmet expectation ("expected score 30, got 23"). */
  failures: string[];
  /** What the example's lead actually scored (with hits), for explanations. */
  result: LeadRecord;
  /** The lead the example describes, as a JSON object. */
  lead: Record<string, unknown>;
}

export type ScoreOne = (lead: Record<string, unknown>, asOf: number) => LeadRecord;

function fieldValue(value: ExampleField["value"]): unknown {
  if (value.kind === "list") return value.values.map((v) => String(v.value));
  return value.value;
}

export function exampleLead(example: Example, asOf: number): Record<string, unknown> {
  const lead: Record<string, unknown> = { id: example.title };
  for (const field of example.fields) Object.defineProperty(lead, field.name, { value: fieldValue(field.value), enumerable: true, writable: true, configurable: true });
  lead.events = example.events.map((e) =>
    e.daysAgo ? { type: e.event.name, at: new Date(asOf - e.daysAgo.days * DAY_MS).toISOString() } : e.event.name,
  );
  return lead;
}

export function runExamples(examples: Example[], score: ScoreOne, asOf: number): ExampleOutcome[] {
  return examples.map((example) => {
    const lead = exampleLead(example, asOf);
    const result = score(lead, asOf);
    const failures = isErrorRecord(result) ? [result.error] : unmetExpectations(example, result);
    return { title: example.title, span: example.span, passed: failures.length === 0, failures, result, lead };
  });
}

function unmetExpectations(example: Example, result: ScoreResult): string[] {
  const failures: string[] = [];
  for (const expectation of example.expectations) {
    const group = "group" in expectation && expectation.group !== undefined ? result.groups[expectation.group] : undefined;
    const prefix = "group" in expectation && expectation.group !== undefined ? `${expectation.group} ` : "";
    if (expectation.kind === "score") {
      const actual = prefix ? group?.score : result.score;
      if (actual === undefined || Math.abs(actual - round2(expectation.value)) > 0.001) {
        failures.push(`expected ${prefix}score ${expectation.value}, got ${actual ?? "none"}`);
      }
    } else if (expectation.kind === "tier") {
      const actual = prefix ? group?.tier : result.tier;
      if (actual !== expectation.name) failures.push(`expected ${prefix}tier ${expectation.name}, got ${actual ?? "no tier"}`);
    } else if (result.qualified !== expectation.value) {
      const gate = result.disqualified_by !== undefined ? ` (stopped by the gate on line ${result.disqualified_by})` : "";
      failures.push(`expected ${expectation.value ? "qualified" : "not qualified"}, got ${result.qualified ? "qualified" : "not qualified"}${gate}`);
    }
  }
  return failures;
}
