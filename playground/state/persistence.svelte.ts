// Keeps the workspace and IndexedDB in step: opens the last model (or a shared link) at start-up,
// saves edits shortly after they happen, and creates, switches and deletes named models.

import { untrack } from "svelte";
import * as storage from "./storage.js";
import { readSharedModel } from "./share.js";
import { newModelId, type ModelDocument, type Workspace } from "./workspace.svelte.js";
import type { LeadData, SampleLead } from "./leads.js";

const SAVE_DELAY_MS = 250;

/** Opens what the user had (or what a share link carries); resolves before the first render. */
export async function restore(workspace: Workspace, hash: string): Promise<void> {
  try {
    workspace.models = await storage.listModels();
    const shared = readSharedModel(hash);
    if (shared?.ok) {
      // A shared model opens as a new model beside the user's own, with the current sample leads.
      const current = await openStored(workspace, await storage.currentModelId());
      workspace.load({ id: newModelId(), name: uniqueName(workspace, shared.name), source: shared.source, leads: current?.leads ?? workspace.snapshot().leads, asOf: current?.asOf ?? "" });
      workspace.notify("info", `Opened "${workspace.modelName}" from a shared link.`);
      return;
    }
    if (shared && !shared.ok) workspace.notify("error", shared.message);
    const current = await openStored(workspace, await storage.currentModelId());
    if (current) workspace.load(current);
  } catch (error) {
    workspace.notify("error", "Saved models could not be read; changes will not be kept.", [String(error)]);
  }
}

async function openStored(workspace: Workspace, id: string | undefined): Promise<ModelDocument | undefined> {
  if (!id || !workspace.models.some((m) => m.id === id)) return undefined;
  return storage.readModel(id);
}

/** Saves the workspace a moment after every change; returns a function that stops it. */
export function startAutosave(workspace: Workspace): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingText: storage.StoredText | undefined;
  let pendingLeads: { id: string; leads: SampleLead[] } | undefined;
  let failureReported = false;

  const flush = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const text = pendingText;
    const leads = pendingLeads;
    pendingText = undefined;
    pendingLeads = undefined;
    if (!text && !leads) return;
    workspace.saveStatus = "saving";
    try {
      if (leads) await storage.saveLeads(leads.id, leads.leads.map((lead) => lead.data));
      if (text) workspace.models = await storage.saveModel(text, workspace.models);
      workspace.saveStatus = pendingText || pendingLeads ? "pending" : "saved";
    } catch (error) {
      if (!failureReported) workspace.notify("error", "Changes could not be saved in this browser.", [String(error)]);
      failureReported = true;
      workspace.saveStatus = "failed";
    }
  };

  const schedule = (): void => {
    untrack(() => {
      if (workspace.saveStatus !== "idle") workspace.saveStatus = "pending";
    });
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
  };

  const onHide = (): void => {
    if (document.visibilityState === "hidden") void flush();
  };
  const onPageHide = (): void => void flush();
  document.addEventListener("visibilitychange", onHide);
  window.addEventListener("pagehide", onPageHide);

  const stop = $effect.root(() => {
    $effect(() => {
      pendingText = { id: workspace.modelId, name: workspace.modelName, source: workspace.source, asOf: workspace.asOf };
      schedule();
    });
    // Leads are saved only when they change (an edit, an import), never on a keystroke in the text.
    $effect(() => {
      pendingLeads = { id: workspace.modelId, leads: workspace.leads };
      schedule();
    });
  });

  return () => {
    stop();
    document.removeEventListener("visibilitychange", onHide);
    window.removeEventListener("pagehide", onPageHide);
    void flush();
  };
}

export async function openModel(workspace: Workspace, id: string): Promise<void> {
  if (id === workspace.modelId) return;
  const document = await storage.readModel(id);
  if (!document) {
    workspace.notify("error", "That model could not be opened.");
    return;
  }
  workspace.load(document);
  await storage.setCurrentModel(id);
}

export function createModel(workspace: Workspace, name: string, source: string, leads?: LeadData[]): void {
  workspace.load({ id: newModelId(), name: uniqueName(workspace, name), source, leads: leads ?? workspace.snapshot().leads, asOf: workspace.asOf });
}

export async function removeModel(workspace: Workspace, id: string): Promise<void> {
  workspace.models = await storage.deleteModel(id, workspace.models);
  if (id === workspace.modelId) {
    const next = workspace.models[0];
    const document = next ? await storage.readModel(next.id) : undefined;
    if (document) workspace.load(document);
    else workspace.resetToDemo();
  }
}

export function uniqueName(workspace: Workspace, wanted: string): string {
  const base = wanted.trim() || "Untitled model";
  const taken = new Set(workspace.models.map((m) => m.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}
