// The visual rule builder's logic, free of any UI framework: the text's statements as editable rows
// (view.ts), and every builder edit as a minimal text edit (operations.ts). The playground's Svelte
// components (playground/builder/) are thin views over this.

export * from "./drafts.js";
export { openDocument, type BuilderDocument, type ItemPath } from "./document.js";
export * from "./view.js";
export * from "./operations.js";
export * from "./operators.js";
export * from "./defaults.js";
export { printRule, printGate, printTier, printField, printEvent, printGroupHeader, printQualify, printScoreLimit } from "./print.js";
export { applyTextEdits, minimalEdit, type TextEdit } from "./text-edits.js";
export { isIdentifier, isReservedWord } from "./names.js";
