// Before anything is timed, every engine must give the same results as the compiled scorer on the
// very leads it will be timed on. The interpreter must match the compiled record exactly; explain
// must match it plus the interpreter's `hits`; the baselines must match score, qualified, tier, every
// group's score and tier, and the gate (they produce no explanations).

// The built library (lib/, what `import { compile } from "leadscore"` gives users) is measured, not
// src/ through tsx: its transform wraps every closure in a naming helper, which slows the grammar.
import { interpretRaw } from "../lib/src/interpreter/interpret.js";
import type { LeadRecord } from "../src/ir/result.js";
import { compiledModel, makeEngine, type EngineName, type HandRecord } from "./engines.js";
import { AS_OF_MS } from "./leads.js";

export interface EqualityReport {
  engine: EngineName;
  rules: number;
  leads: number;
  /** Leads whose result differs from the compiled scorer's. */
  mismatches: number;
  /** Results that were error records (the generated leads are all valid, so this should be 0). */
  errors: number;
  first?: { index: number; expected: string; actual: string };
}

type AnyRecord = LeadRecord | HandRecord;

function summary(record: AnyRecord): string {
  if ("error" in record) return JSON.stringify({ id: record.id, error: record.error });
  const groups = Object.entries(record.groups).map(([name, group]) => [name, group.score, group.tier]);
  return JSON.stringify([record.id, record.score, record.qualified, record.tier, groups, record.disqualified_by ?? null]);
}

function withoutHits(record: AnyRecord): string {
  if ("error" in record || !("hits" in record)) return JSON.stringify(record);
  const { hits: _hits, ...rest } = record;
  return JSON.stringify(rest);
}

export async function checkEquality(name: EngineName, rules: number, leads: Record<string, unknown>[]): Promise<EqualityReport> {
  const { plan, model } = compiledModel(rules);
  const engine = makeEngine(name, rules);
  const report: EqualityReport = { engine: name, rules, leads: leads.length, mismatches: 0, errors: 0 };
  for (let i = 0; i < leads.length; i++) {
    const reference = model.score(leads[i], { asOf: AS_OF_MS });
    const actual: AnyRecord = engine.async ? await engine.score(leads[i]) : engine.score(leads[i]);
    if ("error" in actual) report.errors++;
    let expected: string;
    let got: string;
    switch (name) {
      case "compiled":
      case "interpreter":
        expected = JSON.stringify(reference);
        got = JSON.stringify(actual);
        break;
      case "explain": {
        const interpreted = interpretRaw(plan, leads[i], { asOfMs: AS_OF_MS, explain: true });
        expected = JSON.stringify(reference) + JSON.stringify("hits" in interpreted ? interpreted.hits : null);
        got = withoutHits(actual) + JSON.stringify("hits" in actual ? actual.hits : null);
        break;
      }
      default:
        expected = summary(reference);
        got = summary(actual);
    }
    if (expected !== got) {
      report.mismatches++;
      report.first ??= { index: i, expected, actual: got };
    }
  }
  return report;
}
