// What the builder writes for a brand-new rule, group or tier: valid text straight away, built from
// the model's own schema where it can be, so a new row never starts out as an error.

import type { GateDraft, RuleDraft, TestDraft, TierDraft } from "./drafts.js";
import { defaultTest } from "./operators.js";
import type { SchemaView } from "./view.js";

/** A new rule: the first event of the schema (most rules score activity), else its first field. */
export function newRuleDraft(schema: SchemaView): RuleDraft {
  return { condition: newTestDraft(schema), sign: 1, points: 5, each: false };
}

export function newTestDraft(schema: SchemaView): TestDraft {
  const event = schema.events[0];
  if (event) return defaultTest(event, "event");
  const field = schema.fields[0];
  if (field) return defaultTest({ name: field.name, quoted: false }, field.type.kind, field.type.kind === "enum" ? field.type.values : undefined);
  return { kind: "test", subject: { name: "opened email", quoted: false }, op: "occurs" };
}

/** A new gate: gates usually test who a lead is (a competitor, a student), so a yes/no field first. */
export function newGateDraft(schema: SchemaView): GateDraft {
  const flag = schema.fields.find((f) => f.type.kind === "boolean");
  return { condition: flag ? defaultTest({ name: flag.name, quoted: false }, "boolean") : newTestDraft(schema) };
}

/** `base`, or `base_2`, `base_3`... whichever is not taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}

/** A name for a new group (`group` itself is a keyword): `new_group`, `new_group_2`... */
export function newGroupName(taken: readonly string[]): string {
  return uniqueName("new_group", taken);
}

/** A new tier below the lowest threshold so far (tiers are tried top to bottom). */
export function newTierDraft(existing: readonly TierDraft[]): TierDraft {
  const thresholds = existing.flatMap((t) => (t.op === "otherwise" || t.threshold === undefined ? [] : [t.threshold]));
  const threshold = thresholds.length === 0 ? 10 : Math.max(0, Math.min(...thresholds) - 5);
  return { name: uniqueName("tier", existing.map((t) => t.name)), op: ">=", threshold };
}
