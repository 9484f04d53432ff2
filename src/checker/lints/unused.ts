// LS6003 / LS6004: a declared field or event that no rule or gate uses. It cannot change any score,
// which usually means a rule was forgotten or a name drifted.
//
// Decision: a field or event that only `example` blocks mention still counts as unused. Examples
// describe a whole lead, so they naturally fill in fields the model ignores, and the note is about
// what the declarations do for scoring. Only declared schemas are checked: an inferred schema holds
// exactly what the rules use. While a rule or gate has an error in its condition (a misspelt name,
// most often), nothing is reported: the declaration it was meant to use would be listed as unused,
// next to the real problem, with the wrong advice.

import { Diagnostics, report } from "../../diagnostics/catalog.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LintContext } from "./index.js";
import { containsUnresolved } from "./never-true.js";

export function lintUnused(context: LintContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!context.plan.schema.declared) return diagnostics;
  const conditions = [...context.plan.rules, ...context.plan.gates].map((r) => r.condition);
  if (conditions.some(containsUnresolved)) return diagnostics;
  for (const [name, span] of context.schema.fieldSpans) {
    if (!context.usedFields.has(name)) diagnostics.push(report(Diagnostics.unusedField, span, [name]));
  }
  for (const [event, span] of context.schema.eventSpans) {
    if (!context.usedEvents.has(event)) {
      diagnostics.push(report(Diagnostics.unusedEvent, span, [JSON.stringify(context.schema.eventLabels.get(event) ?? event)]));
    }
  }
  return diagnostics;
}
