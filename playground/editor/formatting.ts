// Format document: the canonical text from format() (SPEC section 8) as one whole-document edit.
import type { IDisposable, editor, languages } from "monaco-editor/editor/editor.api";
import { format } from "../lib/core.js";
import type { Monaco } from "./monaco.js";
import { LANGUAGE_ID } from "./language.js";

export function registerFormatting(m: Monaco): IDisposable {
  return m.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    displayName: "leadscore fmt",
    provideDocumentFormattingEdits(model: editor.ITextModel): languages.TextEdit[] {
      const text = model.getValue();
      const formatted = format(text);
      // A file with syntax errors comes back unchanged: nothing to do.
      if (formatted === text) return [];
      return [{ range: model.getFullModelRange(), text: formatted }];
    },
  });
}
