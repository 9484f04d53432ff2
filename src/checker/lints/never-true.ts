// LS6001: a rule or gate whose condition can never be true (`company_size > 500 and company_size <
// 100`). Such a rule never scores and such a gate never stops anyone, which is never what was meant.

import type { Condition, Gate } from "../../ast/nodes.js";
import { Diagnostics, report } from "../../diagnostics/catalog.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { FieldType, PlanCondition } from "../../ir/plan.js";
import { describeContradiction, type DescribeContext } from "./describe-contradiction.js";
import type { LintContext } from "./index.js";
import { disjunctiveTerms, findContradiction } from "./satisfiable.js";

export interface NeverTrueVerdict {
  /** The condition can never hold (whatever the reason, an earlier error included). */
  never: boolean;
  /** Plain words for why; undefined when it is not worth a warning (see below). */
  reason?: string;
}

/** A `false` constant is what the resolver leaves where it reported an error. */
export function containsUnresolved(condition: PlanCondition): boolean {
  switch (condition.k) {
    case "and":
    case "or":
      return condition.items.some(containsUnresolved);
    case "not":
      return containsUnresolved(condition.item);
    case "const":
      return true;
    default:
      return false;
  }
}

const MAYBE: NeverTrueVerdict = { never: false };

export function judgeCondition(condition: PlanCondition, context: DescribeContext): NeverTrueVerdict {
  if (condition.k === "const") return condition.value ? MAYBE : { never: true };
  const terms = disjunctiveTerms(condition);
  if (!terms) return MAYBE;
  const reasons: string[] = [];
  for (const term of terms) {
    const contradiction = findContradiction(term, context.fieldTypes);
    if (!contradiction) return MAYBE;
    reasons.push(describeContradiction(contradiction, context));
  }
  // A condition with an error in it is already reported; a second message about it would be noise.
  if (terms.length === 0 || containsUnresolved(condition)) return { never: true };
  return { never: true, reason: [...new Set(reasons)].join("; ") };
}

export function describeContext(context: LintContext): DescribeContext {
  return {
    fieldTypes: new Map<string, FieldType>(context.plan.schema.fields.map((f) => [f.name, f.type])),
    eventLabels: context.schema.eventLabels,
  };
}

export interface NeverTrueFindings {
  diagnostics: Diagnostic[];
  /** Per plan rule: can it never fire? Score ranges leave such rules out. */
  ruleNeverTrue: boolean[];
}

export function lintNeverTrue(context: LintContext): NeverTrueFindings {
  const describe = describeContext(context);
  const diagnostics: Diagnostic[] = [];
  const ruleNeverTrue = context.plan.rules.map((rule, i) => {
    const verdict = judgeCondition(rule.condition, describe);
    const astCondition: Condition | undefined = context.astRules[i]?.condition;
    if (verdict.reason && astCondition) diagnostics.push(report(Diagnostics.conditionNeverTrue, astCondition.span, [verdict.reason]));
    return verdict.never;
  });
  // plan.gates holds one entry per `disqualify` statement, in source order.
  const astGates = context.ast.statements.filter((s): s is Gate => s.kind === "gate");
  context.plan.gates.forEach((gate, i) => {
    const verdict = judgeCondition(gate.condition, describe);
    const span = astGates[i]?.condition.span ?? gate.span;
    if (verdict.reason && span) diagnostics.push(report(Diagnostics.conditionNeverTrue, span, [verdict.reason]));
  });
  return { diagnostics, ruleNeverTrue };
}
