// Creates the Monaco editor in a container and keeps it in step with the workspace both ways: typing
// updates workspace.source; external changes (another model opened, reset, the builder, an import)
// update the editor; diagnostics, highlighted lines and reveal requests flow from the workspace.

import type { editor, IDisposable } from "monaco-editor/editor/editor.api";
import { monaco } from "./monaco.js";
import { LANGUAGE_ID, THEME_ID, registerLanguage } from "./language.js";
import { setDiagnostics } from "./markers.js";
import { registerCompletion } from "./completion.js";
import { registerHover } from "./hover.js";
import { registerFormatting } from "./formatting.js";
import { registerCodeActions } from "./code-actions.js";
import { ExplanationHighlights } from "./highlights.js";
import { spanToRange } from "./positions.js";
import type { Workspace } from "../state/workspace.svelte.js";

const FONT_SIZE = window.innerWidth >= 1600 ? 15 : 14;
const PRESENTER_FONT_SIZE = 21;

export interface MountedEditor {
  editor: editor.IStandaloneCodeEditor;
  dispose(): void;
}

export function mountEditor(container: HTMLElement, workspace: Workspace): MountedEditor {
  registerLanguage(monaco);
  const providers: IDisposable[] = [registerCompletion(monaco, workspace), registerHover(monaco, workspace), registerFormatting(monaco), registerCodeActions(monaco, workspace)];

  const model = monaco.editor.createModel(workspace.source, LANGUAGE_ID, monaco.Uri.parse("inmemory://leadscore/model.score"));
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const instance = monaco.editor.create(container, {
    model,
    theme: THEME_ID,
    automaticLayout: true,
    fontFamily: getComputedStyle(document.documentElement).getPropertyValue("--font-code").trim() || "monospace",
    fontSize: workspace.presenter ? PRESENTER_FONT_SIZE : FONT_SIZE,
    lineHeight: 1.55,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    padding: { top: 10, bottom: 10 },
    lineNumbersMinChars: 3,
    renderLineHighlight: "line",
    renderLineHighlightOnlyWhenFocus: true,
    wordWrap: "on",
    wrappingIndent: "indent",
    wordBasedSuggestions: "off",
    quickSuggestions: { other: true, comments: false, strings: true },
    suggest: { showWords: false, preview: false },
    fixedOverflowWidgets: true,
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    hover: { delay: 250 },
    overviewRulerBorder: false,
    scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    ariaLabel: "Scoring model",
    tabSize: 2,
  });

  let applyingExternal = false;
  let shownModelId = workspace.modelId;
  model.onDidChangeContent(() => {
    if (!applyingExternal) workspace.setSource(model.getValue());
  });

  const highlights = new ExplanationHighlights(instance);

  const stopEffects = $effect.root(() => {
    // Workspace -> editor: text changed elsewhere.
    $effect(() => {
      const source = workspace.source;
      const modelId = workspace.modelId;
      if (source === model.getValue()) {
        shownModelId = modelId;
        return;
      }
      applyingExternal = true;
      try {
        if (modelId !== shownModelId) {
          // Another model: its own undo history starts here.
          model.setValue(source);
          instance.setScrollTop(0);
        } else {
          instance.pushUndoStop();
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: source }], () => null);
          instance.pushUndoStop();
        }
      } finally {
        applyingExternal = false;
        shownModelId = modelId;
      }
    });

    $effect(() => {
      const diagnostics = workspace.diagnostics;
      if (workspace.source === model.getValue()) setDiagnostics(monaco, model, diagnostics);
    });

    $effect(() => {
      const explanation = workspace.explanation;
      if (workspace.source === model.getValue()) highlights.show(explanation?.lines);
    });

    $effect(() => {
      const request = workspace.revealRequest;
      if (!request || workspace.source !== model.getValue()) return;
      const range = spanToRange(model, request.span);
      instance.revealRangeInCenterIfOutsideViewport(range);
      instance.setSelection({ ...range, endLineNumber: range.startLineNumber, endColumn: range.startColumn });
      highlights.flash(range.startLineNumber, range.endLineNumber);
      instance.focus();
    });

    $effect(() => {
      instance.updateOptions({ fontSize: workspace.presenter ? PRESENTER_FONT_SIZE : FONT_SIZE });
    });
  });

  workspace.editorReady = true;
  return {
    editor: instance,
    dispose() {
      workspace.editorReady = false;
      stopEffects();
      highlights.dispose();
      providers.forEach((p) => p.dispose());
      instance.dispose();
      model.dispose();
    },
  };
}

/** Runs an editor action (format, find...) when the editor is up. */
export function runAction(mounted: MountedEditor | undefined, id: string): void {
  void mounted?.editor.getAction(id)?.run();
}
