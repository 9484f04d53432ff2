// The explanation in the editor: the lines of the rules that fired for the chosen lead (green for
// points added, red for points taken away) and the gate that stopped it, as whole-line decorations.
import type { editor } from "monaco-editor/editor/editor.api";
import type { Explanation } from "../state/explain.js";

export class ExplanationHighlights {
  readonly #lines: editor.IEditorDecorationsCollection;
  readonly #flash: editor.IEditorDecorationsCollection;
  #flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly editor: editor.IStandaloneCodeEditor) {
    this.#lines = editor.createDecorationsCollection();
    this.#flash = editor.createDecorationsCollection();
  }

  show(lines: Explanation["lines"] | undefined): void {
    if (!lines) {
      this.#lines.clear();
      return;
    }
    const decorations: editor.IModelDeltaDecoration[] = [];
    const add = (line: number, className: string, glyph: string, color: string) =>
      decorations.push({
        range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
        options: { isWholeLine: true, className, linesDecorationsClassName: glyph, overviewRuler: { color, position: 4 /* Full */ } },
      });
    for (const line of lines.added) add(line, "ls-hit-line", "ls-hit-glyph", "#17803d");
    for (const line of lines.subtracted) add(line, "ls-minus-line", "ls-minus-glyph", "#c9302c");
    for (const line of lines.gate) add(line, "ls-gate-line", "ls-minus-glyph", "#c9302c");
    this.#lines.set(decorations);
  }

  /** Briefly marks lines the user jumped to from a panel, so the eye finds them. */
  flash(from: number, to: number): void {
    this.#flash.set([{ range: { startLineNumber: from, startColumn: 1, endLineNumber: to, endColumn: 1 }, options: { isWholeLine: true, className: "ls-flash-line" } }]);
    clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => this.#flash.clear(), 1200);
  }

  dispose(): void {
    clearTimeout(this.#flashTimer);
    this.#lines.clear();
    this.#flash.clear();
  }
}
