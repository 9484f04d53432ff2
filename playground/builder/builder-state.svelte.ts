// The builder's state: the view model derived from the workspace's text, and every edit routed back
// into that text. Builder edits go through workspace.setSource(), which the editor applies to
// Monaco's model with pushEditOperations (playground/editor/mount.svelte.ts): so Monaco's undo stack
// is the one history of both views, and undo / redo here drive that same stack.

import {
  buildView, openDocument, type BuilderChange, type BuilderDocument, type BuilderView, type ItemPath,
} from "../../src/builder/index.js";
import type { Workspace } from "../state/workspace.svelte.js";

export interface EditOptions {
  /** Move keyboard focus to the row the change created or moved ("handle": to its drag handle). */
  focus?: boolean | "handle";
  /** Where focus goes when the change itself names no row (a deletion): the row at or after this offset. */
  focusAt?: number;
  /** What to tell screen reader users. */
  say?: string;
}

export class BuilderState {
  readonly workspace: Workspace;
  /** The text as the builder reads it: the workspace's own parse of it (compiled on every change). */
  readonly doc: BuilderDocument = $derived.by(() => openDocument(this.workspace.source, this.workspace.compiled));
  readonly view: BuilderView = $derived.by(() => buildView(this.doc, this.workspace.diagnostics));
  /** After an edit that added or moved a row: the source offset of that row, to focus it once drawn. */
  pendingFocus = $state<number | null>(null);
  /** Focus the moved row's drag handle (keyboard reordering goes on from there) rather than its first field. */
  focusHandle = false;
  /** Read out by a live region, so screen reader users hear what an action did. */
  announcement = $state("");
  /** The rule being dragged. */
  dragging = $state<ItemPath | null>(null);

  constructor(workspace: Workspace) {
    this.workspace = workspace;
  }

  /** Applies a change to the text. */
  apply(change: BuilderChange | undefined, options: EditOptions = {}): void {
    if (!change) return;
    this.workspace.setSource(change.source);
    if (options.focus && change.focus !== undefined) {
      this.focusHandle = options.focus === "handle";
      this.pendingFocus = change.focus;
    } else if (options.focusAt !== undefined) {
      this.focusHandle = false;
      this.pendingFocus = options.focusAt;
    }
    if (options.say) this.say(options.say);
  }

  /** Runs an edit against the current text. */
  edit(operation: (doc: BuilderDocument) => BuilderChange | undefined, options: EditOptions = {}): void {
    this.apply(operation(this.doc), options);
  }

  say(message: string): void {
    // Setting the same text twice would not be read again; a trailing space makes it new.
    this.announcement = this.announcement === message ? `${message} ` : message;
  }

  /** Shows a span in the text editor (for rows the builder can only show as text). */
  showInText(span: { start: number; end: number }): void {
    this.workspace.view = "text";
    this.workspace.reveal(span);
  }

  async undo(): Promise<void> {
    const model = await textModel();
    if (model?.canUndo()) {
      await model.undo();
      this.say("Undone");
    }
  }

  async redo(): Promise<void> {
    const model = await textModel();
    if (model?.canRedo()) {
      await model.redo();
      this.say("Redone");
    }
  }
}

/** Monaco's text model of the model text, once the editor has loaded (it loads lazily). */
async function textModel() {
  const [{ monaco }, { LANGUAGE_ID }] = await Promise.all([import("../editor/monaco.js"), import("../editor/language.js")]);
  return monaco.editor.getModels().find((m) => !m.isDisposed() && m.getLanguageId() === LANGUAGE_ID);
}
