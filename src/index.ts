// The public API (SPEC section 7). The CLI and the playground use this module and nothing deeper.

export { compile, check, runExamples, type CompileResult, type LeadScoringModel, type ScoreArgument, type ScoreOptions } from "./api/compile.js";
export { format, formatSource } from "./api/format.js";
export { formatModel, formatStatement, formatCondition } from "./formatter/format.js";
export { parse } from "./ast/parse.js";
export type { ExampleOutcome } from "./examples/run-examples.js";
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export type { ScoreResult, ErrorRecord, LeadRecord, Hit, GroupResult } from "./ir/result.js";
export type { ScoringPlan, Schema, FieldType } from "./ir/plan.js";
export type { Model as SyntaxTree, Span } from "./ast/nodes.js";
export type { ScoreRange } from "./checker/lints/index.js";
export { isErrorRecord } from "./ir/result.js";
export { LineIndex } from "./diagnostics/positions.js";
