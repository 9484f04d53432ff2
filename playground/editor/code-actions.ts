// Quick fixes: every suggestion a diagnostic carries ("did you mean") becomes a code action that
// replaces the diagnostic's span with it.
import type { IDisposable, editor, languages, Range } from "monaco-editor/editor/editor.api";
import type { Workspace } from "../state/workspace.svelte.js";
import type { Monaco } from "./monaco.js";
import { LANGUAGE_ID } from "./language.js";
import { MARKER_SOURCE } from "./markers.js";
import { spanToRange } from "./positions.js";

export function registerCodeActions(m: Monaco, workspace: Workspace): IDisposable {
  return m.languages.registerCodeActionProvider(
    LANGUAGE_ID,
    {
      provideCodeActions(model: editor.ITextModel, range: Range, context: languages.CodeActionContext): languages.CodeActionList {
        const actions: languages.CodeAction[] = [];
        // Diagnostics belong to the text they were computed from; skip if the editor is ahead of them.
        if (workspace.source !== model.getValue()) return { actions, dispose() {} };
        for (const diagnostic of workspace.compiled.diagnostics) {
          if (!diagnostic.suggestions?.length) continue;
          const diagnosticRange = spanToRange(model, diagnostic.span);
          if (!m.Range.areIntersectingOrTouching(diagnosticRange, range)) continue;
          const marker = context.markers.find((mk) => mk.source === MARKER_SOURCE && mk.code === diagnostic.code && mk.startLineNumber === diagnosticRange.startLineNumber && mk.startColumn <= diagnosticRange.startColumn + 1);
          diagnostic.suggestions.forEach((suggestion, index) => {
            actions.push({
              title: `Change to ${suggestion}`,
              kind: "quickfix",
              isPreferred: index === 0,
              diagnostics: marker ? [marker] : undefined,
              edit: { edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: diagnosticRange, text: suggestion } }] },
            });
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ["quickfix"] },
  );
}
