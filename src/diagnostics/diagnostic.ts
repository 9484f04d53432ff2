// Diagnostics are data: every stage returns them, nothing on the normal path throws.

import type { Span } from "../ast/nodes.js";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** Stable code from the catalog (src/diagnostics/catalog.ts), e.g. "LS2001". */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Replacement texts for `span` when a fix is obvious ("did you mean"). */
  suggestions?: string[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by position, then errors before warnings before infos. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return diagnostics.sort((a, b) => a.span.start - b.span.start || rank[a.severity] - rank[b.severity]);
}
