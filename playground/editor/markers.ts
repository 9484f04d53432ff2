// Diagnostics as squiggles: one Monaco marker per diagnostic, replaced wholesale on every check.
import type { editor } from "monaco-editor/editor/editor.api";
import type { Diagnostic } from "../lib/core.js";
import type { Monaco } from "./monaco.js";
import { spanToRange } from "./positions.js";

export const MARKER_OWNER = "leadscore";
export const MARKER_SOURCE = "leadscore";

export function setDiagnostics(m: Monaco, model: editor.ITextModel, diagnostics: readonly Diagnostic[]): void {
  const severity = { error: m.MarkerSeverity.Error, warning: m.MarkerSeverity.Warning, info: m.MarkerSeverity.Info } as const;
  const markers: editor.IMarkerData[] = diagnostics.map((d) => {
    const range = { ...spanToRange(model, d.span) };
    // Zero-width spans (a missing token) are widened to one character so the squiggle is visible.
    if (range.startLineNumber === range.endLineNumber && range.startColumn === range.endColumn) {
      const lineLength = model.getLineMaxColumn(range.startLineNumber);
      if (range.endColumn < lineLength) range.endColumn += 1;
      else if (range.startColumn > 1) range.startColumn -= 1;
    }
    return {
      ...range,
      severity: severity[d.severity],
      message: d.message,
      code: d.code,
      source: MARKER_SOURCE,
      tags: d.severity === "info" && /never used|unused/i.test(d.message) ? [m.MarkerTag.Unnecessary] : undefined,
    };
  });
  m.editor.setModelMarkers(model, MARKER_OWNER, markers);
}
