// Shared by the lint tests: check a model and keep what the lints report (codes LS5xxx and LS6xxx),
// as [code, severity] pairs. Tests assert codes and severities, never wording.

import { checkSource } from "../../src/checker/check.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

export type Finding = [code: string, severity: Diagnostic["severity"]];

export function lintDiagnostics(source: string): Diagnostic[] {
  return checkSource(source).diagnostics.filter((d) => /^LS[56]\d{3}$/.test(d.code));
}

/** Sorted by code, so a table states what is reported, not in which order. */
export function findings(source: string): Finding[] {
  return lintDiagnostics(source)
    .map((d): Finding => [d.code, d.severity])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** Lines joined with newlines, so table rows can hold a model on one line of the test. */
export function model(...lines: string[]): string {
  return lines.join("\n") + "\n";
}
