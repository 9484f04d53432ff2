// LS6002: the same condition scored twice in one group (ungrouped rules count as one group). Usually
// a copy-paste slip that scores one signal twice. Conditions are compared as resolved, so `is` and
// `=`, `1 week` and `7 days`, or `a and b` and `b and a` are the same; `add 2 each` (per occurrence)
// and `add 5` (once) on the same event are different ways of scoring and are not reported.

import { Diagnostics, report } from "../../diagnostics/catalog.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { PlanCondition } from "../../ir/plan.js";
import { containsUnresolved } from "./never-true.js";
import type { LintContext } from "./index.js";

/** A text that is equal for structurally equal conditions, ignoring the order of and / or items and list values. */
export function conditionKey(condition: PlanCondition): string {
  const text = JSON.stringify;
  switch (condition.k) {
    case "and":
    case "or": {
      // Sorted, then equal neighbours dropped: the same as sorting the distinct keys, with less garbage.
      const items = condition.items.map(conditionKey).sort();
      let key = `${condition.k}(${items[0] ?? ""}`;
      for (let i = 1; i < items.length; i++) if (items[i] !== items[i - 1]) key += `,${items[i]}`;
      return `${key})`;
    }
    case "not":
      return `not(${conditionKey(condition.item)})`;
    case "const":
      return String(condition.value);
    case "event":
      return `event ${text(condition.event)} ${condition.atLeast} ${condition.withinDays ?? "-"}`;
    case "isTrue":
      return `isTrue ${text(condition.field)}`;
    case "number":
    case "text":
    case "bool":
    case "date":
      return `${condition.k} ${text(condition.field)} ${condition.op} ${text(condition.value)}`;
    case "numberBetween":
    case "dateBetween":
      return `${condition.k} ${text(condition.field)} ${condition.low} ${condition.high}`;
    case "numberIn":
    case "textIn": {
      const values = [...new Set<number | string>(condition.values)].map((v) => text(v)).sort();
      return `${condition.k} ${text(condition.field)} ${condition.negated} [${values.join(",")}]`;
    }
    case "dateWithin":
      return `dateWithin ${text(condition.field)} ${condition.days}`;
    case "listContains":
      return `listContains ${text(condition.field)} ${text(condition.value)}`;
    case "known":
      return `known ${text(condition.field)} ${condition.negated}`;
  }
}

export function lintDuplicateConditions(context: LintContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstSeen = new Map<string, number>(); // key -> plan rule index
  context.plan.rules.forEach((rule, i) => {
    // A condition with an error in it is already reported, and its `false` would match any other.
    if (containsUnresolved(rule.condition)) return;
    const key = `${rule.group ?? "-"}|${rule.each ? "each" : "once"}|${conditionKey(rule.condition)}`;
    const first = firstSeen.get(key);
    if (first === undefined) {
      firstSeen.set(key, i);
      return;
    }
    const where = rule.group === null ? "among the rules outside groups" : `in the group ${context.plan.groups[rule.group]?.name ?? ""}`;
    const span = context.astRules[i]?.condition.span ?? rule.span;
    if (span) diagnostics.push(report(Diagnostics.duplicateCondition, span, [context.plan.rules[first].line, where]));
  });
  return diagnostics;
}
