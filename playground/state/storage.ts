// The model library in IndexedDB (idb-keyval): each named model with its sample leads under its own
// key, an index of names for the picker, and which model was open last.

import { createStore, delMany, get, getMany, set, setMany, type UseStore } from "idb-keyval";
import type { LeadData } from "./leads.js";
import type { ModelDocument } from "./workspace.svelte.js";

export interface ModelSummary {
  id: string;
  name: string;
  updatedAt: number;
}

const INDEX_KEY = "models";
const CURRENT_KEY = "current";
const documentKey = (id: string): string => `model:${id}`;
// Leads live apart from the text: a keystroke rewrites a few hundred bytes, not every sample lead.
const leadsKey = (id: string): string => `leads:${id}`;

let store: UseStore | undefined;
function db(): UseStore {
  store ??= createStore("leadscore-playground", "library");
  return store;
}

export async function listModels(): Promise<ModelSummary[]> {
  const index = await get<unknown>(INDEX_KEY, db());
  if (!Array.isArray(index)) return [];
  return index.filter((m): m is ModelSummary => !!m && typeof m.id === "string" && typeof m.name === "string").map(plainSummary);
}

export async function readModel(id: string): Promise<ModelDocument | undefined> {
  const [document, leads] = await getMany<unknown>([documentKey(id), leadsKey(id)], db());
  return sanitizeDocument(document, leads);
}

export async function currentModelId(): Promise<string | undefined> {
  const id = await get<unknown>(CURRENT_KEY, db());
  return typeof id === "string" ? id : undefined;
}

export type StoredText = Omit<ModelDocument, "leads">;

/** Saves a model's text, name and as-of date, updates the index and makes it current, in one transaction. */
export async function saveModel(document: StoredText, index: ModelSummary[]): Promise<ModelSummary[]> {
  const summary: ModelSummary = { id: document.id, name: document.name, updatedAt: Date.now() };
  const next = [summary, ...index.filter((m) => m.id !== document.id).map(plainSummary)];
  const plain: StoredText = { id: document.id, name: document.name, source: document.source, asOf: document.asOf };
  await setMany([[documentKey(document.id), plain], [INDEX_KEY, next], [CURRENT_KEY, document.id]], db());
  return next;
}

/** Saves a model's sample leads (plain JSON objects, as imported or edited). */
export async function saveLeads(id: string, leads: readonly LeadData[]): Promise<void> {
  await set(leadsKey(id), leads, db());
}

export async function setCurrentModel(id: string): Promise<void> {
  await set(CURRENT_KEY, id, db());
}

export async function deleteModel(id: string, index: ModelSummary[]): Promise<ModelSummary[]> {
  const next = index.filter((m) => m.id !== id).map(plainSummary);
  await delMany([documentKey(id), leadsKey(id)], db());
  await set(INDEX_KEY, next, db());
  return next;
}

/** IndexedDB stores structured clones: plain objects only, never reactive proxies. */
function plainSummary(summary: ModelSummary): ModelSummary {
  return { id: summary.id, name: summary.name, updatedAt: summary.updatedAt };
}

/** Stored data is read back defensively: a damaged entry is skipped, never trusted. */
function sanitizeDocument(value: unknown, storedLeads: unknown): ModelDocument | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || typeof v.source !== "string") return undefined;
  const raw = Array.isArray(storedLeads) ? storedLeads : Array.isArray(v.leads) ? v.leads : [];
  const leads = raw.filter((l) => l && typeof l === "object" && !Array.isArray(l)) as LeadData[];
  return {
    id: v.id,
    name: typeof v.name === "string" && v.name.trim() ? v.name : "Untitled model",
    source: v.source,
    leads,
    asOf: typeof v.asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.asOf) ? v.asOf : "",
  };
}
