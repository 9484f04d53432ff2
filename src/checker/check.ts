// The checker: text -> AST -> schema -> plan, with every diagnostic of SPEC 2.7 on the way.

import type { Example, Model } from "../ast/nodes.js";
import { parse } from "../ast/parse.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ScoringPlan } from "../ir/plan.js";
import { buildPlan } from "./build-plan.js";
import { checkExamples } from "./check-examples.js";
import { lintModel, type ScoreRange } from "./lints/index.js";
import { buildSchema, type SchemaResult } from "./schema.js";

export interface CheckResult {
  ast: Model;
  /** Always built (best effort), so editors can complete names even while the text has errors. */
  plan: ScoringPlan;
  schema: SchemaResult;
  diagnostics: Diagnostic[];
  scoreRange: ScoreRange;
  /** True when there are no errors: the plan may be scored. */
  ok: boolean;
}

export function checkSource(source: string): CheckResult {
  const { ast, diagnostics } = parse(source);
  const syntaxOk = !hasErrors(diagnostics);
  const schema = buildSchema(ast, diagnostics);
  const { plan, resolver, astRules } = buildPlan(ast, schema, diagnostics);
  checkExamples(ast.statements.filter((s): s is Example => s.kind === "example"), plan, diagnostics);
  const lint = lintModel({ ast, plan, astRules, schema, usedFields: resolver.usedFields, usedEvents: resolver.usedEvents });
  // Likely-mistake warnings on a file that does not even parse would mostly be noise; errors (a tier
  // that can never match) are still worth knowing.
  diagnostics.push(...lint.diagnostics.filter((d) => syntaxOk || d.severity === "error"));
  return { ast, plan, schema, diagnostics: sortDiagnostics(diagnostics), scoreRange: lint.scoreRange, ok: !hasErrors(diagnostics) };
}
