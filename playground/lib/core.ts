// The playground's one door into the language: the public API in src/index.ts and nothing deeper.
export { compile, format, runExamples } from "../../src/index.js";
export type { CompileResult, LeadScoringModel as Model, Diagnostic, Severity, ScoreResult, ErrorRecord, LeadRecord, Hit, ScoringPlan, Schema, FieldType, Span, SyntaxTree } from "../../src/index.js";
