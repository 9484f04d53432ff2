// Rows of a compiled SQL query (see resultColumns() in src/compiler/sql/compile-sql.ts) turned back
// into the records the JavaScript scorer gives (SPEC section 5): `groups` rebuilt from the
// `<group>_score` / `<group>_tier` columns, `disqualified_by` only when a gate matched, an error
// record when the row carries an error, `hits` from the rule columns with explain.

import { resultColumns } from "../compiler/sql/compile-sql.js";
import type { ScoringPlan } from "../ir/plan.js";
import type { GroupResult, Hit, LeadRecord, ScoreResult } from "../ir/result.js";
import { leadId } from "../semantics/lead.js";
import { round2 } from "../semantics/values.js";

/** How a source holds lead ids, which decides how a row's id value is read. */
export type IdForm = "text" | "json" | "value";

export class ResultRows {
  private readonly groups: string[];
  private readonly errorIndex: number;

  constructor(
    private readonly plan: ScoringPlan,
    private readonly idForm: IdForm,
    private readonly explain = false,
  ) {
    this.groups = plan.groups.map((group) => group.name);
    // id, score, qualified, tier, disqualified_by, a score and a tier per group, error, rules.
    this.errorIndex = resultColumns(plan).indexOf("error");
  }

  /** The error message of a row, or undefined for a scored lead. */
  error(row: readonly unknown[]): string | undefined {
    const error = row[this.errorIndex];
    return typeof error === "string" ? error : undefined;
  }

  /** The lead's id as readLead() finds it: non-blank text or a finite number, else its position. */
  id(row: readonly unknown[], position: number): string | number {
    return leadIdOf(row[0], this.idForm, position);
  }

  /** The record of a row; `prefix` (such as "leads.csv:8: ") goes before an error message. */
  record(row: readonly unknown[], position: number, prefix = ""): LeadRecord {
    const id = this.id(row, position);
    const error = this.error(row);
    if (error !== undefined) return { id, error: prefix + error };
    const groups: Record<string, GroupResult> = {};
    this.groups.forEach((name, g) => {
      const result: GroupResult = { score: toNumber(row[5 + 2 * g]), tier: toText(row[6 + 2 * g]) };
      // defineProperty, not assignment: a group may be called `__proto__`.
      Object.defineProperty(groups, name, { value: result, enumerable: true, writable: true, configurable: true });
    });
    const qualified = row[2];
    const result: ScoreResult = {
      id,
      score: toNumber(row[1]),
      qualified: typeof qualified === "boolean" ? qualified : null,
      tier: toText(row[3]),
      groups,
    };
    if (row[4] !== null && row[4] !== undefined) result.disqualified_by = toNumber(row[4]);
    if (this.explain) result.hits = this.hits(row);
    return result;
  }

  private hits(row: readonly unknown[]): Hit[] {
    const hits: Hit[] = [];
    this.plan.rules.forEach((rule, i) => {
      const points = toNumber(row[this.errorIndex + 1 + i]);
      if (points === 0) return;
      hits.push({ line: rule.line, group: rule.group === null ? null : this.groups[rule.group], points: round2(points), rule: rule.text });
    });
    return hits;
  }
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value === 0 ? 0 : value; // no -0 in results
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  throw new TypeError(`expected a number from the database, got ${String(value)}`);
}

function toText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** leadId() of src/semantics/lead.ts, for an id as the database returns it. */
export function leadIdOf(value: unknown, form: IdForm, position: number): string | number {
  let raw = value;
  if (form === "json" && typeof value === "string") {
    try {
      raw = JSON.parse(value);
    } catch {
      raw = undefined;
    }
  }
  if (typeof raw === "bigint") raw = Number(raw);
  return leadId({ id: raw }, { idField: "id", position });
}
