// The Monaco boundary: the core speaks in offsets, Monaco in line/column ranges. Every conversion
// between the two happens here, through the text model, and nowhere else.
import type { editor, IRange } from "monaco-editor/editor/editor.api";
import type { Span } from "../lib/core.js";

export function spanToRange(model: editor.ITextModel, span: Span): IRange {
  const start = model.getPositionAt(span.start);
  // An empty span (a missing token at the end of a line) still needs one visible character.
  const end = model.getPositionAt(Math.max(span.end, span.start));
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
}

export function rangeToSpan(model: editor.ITextModel, range: IRange): Span {
  return {
    start: model.getOffsetAt({ lineNumber: range.startLineNumber, column: range.startColumn }),
    end: model.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn }),
  };
}

export function lineRange(line: number): IRange {
  return { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 };
}
