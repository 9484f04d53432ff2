// What happens to a file the user drops or picks: a .score file opens as a new model; a leads file
// (CSV, JSON, JSON Lines) adds its leads, or its events to the leads already there. Problems are
// reported as a notice listing the bad rows; the good rows are always kept.

import type { Workspace } from "./workspace.svelte.js";
import { createModel } from "./persistence.svelte.js";
import { fileKind, fileStem, readModelFile, readTextFile } from "./files.js";
import { attachEvents, parseLeadsFile } from "../leads/import.js";

export async function importFiles(workspace: Workspace, files: Iterable<File>): Promise<void> {
  for (const file of files) {
    const kind = fileKind(file.name);
    if (kind === "model") await importModel(workspace, file);
    else if (kind === "leads") await importLeads(workspace, file);
    else workspace.notify("error", `${file.name} is not a file the playground reads.`, ["Drop a .score model, or leads as .csv, .json or .jsonl."]);
  }
}

async function importModel(workspace: Workspace, file: File): Promise<void> {
  const read = await readModelFile(file);
  if (!read.ok) {
    workspace.notify("error", read.message);
    return;
  }
  createModel(workspace, fileStem(file.name), read.text);
  workspace.notify("info", `Opened ${file.name} as a new model.`);
}

export async function importLeads(workspace: Workspace, file: File): Promise<void> {
  const read = await readTextFile(file);
  if (!read.ok) {
    workspace.notify("error", read.message);
    return;
  }
  const parsed = await parseLeadsFile(file.name, read.text, workspace.compiled.schema);
  if (parsed.kind === "failed") {
    workspace.notify("error", `Nothing imported from ${file.name}.`, parsed.errors);
    return;
  }
  if (parsed.kind === "events") {
    const { updates, unmatched } = attachEvents(workspace.leads, parsed.events);
    workspace.leads = workspace.leads.map((lead) => (updates.has(lead.key) ? { key: lead.key, data: updates.get(lead.key)! } : lead));
    const errors = [...parsed.errors, ...unmatched.slice(0, 20).map((id) => `${file.name}: no sample lead has the id ${JSON.stringify(id)}`)];
    const count = [...parsed.events.values()].reduce((n, list) => n + list.length, 0);
    if (errors.length > 0) workspace.notify("error", `Added events to ${updates.size} leads from ${file.name}; ${errors.length} ${errors.length === 1 ? "row was" : "rows were"} skipped.`, errors);
    else workspace.notify("info", `Added ${count} events to ${updates.size} leads from ${file.name}.`);
    return;
  }
  workspace.appendLeads(parsed.leads);
  const added = `Imported ${parsed.leads.length} ${parsed.leads.length === 1 ? "lead" : "leads"} from ${file.name}`;
  if (parsed.errors.length > 0) workspace.notify("error", `${added}; ${parsed.errors.length} ${parsed.errors.length === 1 ? "row was" : "rows were"} skipped.`, parsed.errors);
  else workspace.notify("info", `${added}.`);
}
