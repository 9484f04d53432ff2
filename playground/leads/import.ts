// Importing sample leads from a dropped or picked file: JSON (an array of leads), JSON Lines, or CSV
// (header row = field names). A CSV with the columns lead_id,type,at is an events file (the shape CRMs
// export activities in) and adds events to the leads already loaded. Bad rows are reported by file,
// line and field, and left out; every good row is kept.

import type { Schema } from "../lib/core.js";
import type { LeadData, SampleLead } from "../state/leads.js";
import { coerce, isBlank, isIsoTime, quoteValue } from "./convert.js";

export type LeadsImport =
  | { kind: "leads"; leads: LeadData[]; errors: string[] }
  | { kind: "events"; events: Map<string, { type: string; at?: string }[]>; errors: string[] }
  | { kind: "failed"; errors: string[] };

const MAX_ERRORS_LISTED = 50;

export async function parseLeadsFile(fileName: string, text: string, schema: Schema): Promise<LeadsImport> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".json")) return fromJson(fileName, text, schema);
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return fromJsonLines(fileName, text, schema);
  if (lower.endsWith(".csv") || lower.endsWith(".tsv")) return fromCsv(fileName, text, schema, lower.endsWith(".tsv") ? "\t" : ",");
  // Unknown extension: guess from the first character.
  const first = text.trimStart()[0];
  if (first === "[") return fromJson(fileName, text, schema);
  if (first === "{") return fromJsonLines(fileName, text, schema);
  return fromCsv(fileName, text, schema, ",");
}

function fromJson(fileName: string, text: string, schema: Schema): LeadsImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: "failed", errors: [`${fileName}: not valid JSON${jsonErrorLine(text, error)}.`] };
  }
  if (data && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { leads?: unknown }).leads)) data = (data as { leads: unknown[] }).leads;
  if (!Array.isArray(data)) return { kind: "failed", errors: [`${fileName}: expected a list of leads ([ {...}, ... ]).`] };
  const leads: LeadData[] = [];
  const errors: string[] = [];
  data.forEach((item, index) => {
    const checked = checkLead(item, schema);
    if (checked.ok) leads.push(checked.lead);
    else errors.push(`${fileName}: lead ${index + 1}${idSuffix(item)}: ${checked.message}`);
  });
  return { kind: "leads", leads, errors: capErrors(errors) };
}

function fromJsonLines(fileName: string, text: string, schema: Schema): LeadsImport {
  const leads: LeadData[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      errors.push(`${fileName}:${index + 1}: not valid JSON.`);
      return;
    }
    const checked = checkLead(item, schema);
    if (checked.ok) leads.push(checked.lead);
    else errors.push(`${fileName}:${index + 1}${idSuffix(item)}: ${checked.message}`);
  });
  return { kind: "leads", leads, errors: capErrors(errors) };
}

async function fromCsv(fileName: string, text: string, schema: Schema, delimiter: string): Promise<LeadsImport> {
  // The CSV parser is only needed here, so it loads on first import.
  const { parse } = await import("csv-parse/browser/esm/sync");
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true, delimiter, relax_column_count: true, trim: false }) as typeof rows;
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    return { kind: "failed", errors: [`${fileName}${where ? `:${where}` : ""}: ${(error as Error).message.replace(/^Invalid [^:]*: /, "")}`] };
  }
  if (rows.length === 0) return { kind: "failed", errors: [`${fileName}: no rows below the header.`] };
  const header = Object.keys(rows[0].record).map((h) => h.trim().toLowerCase());
  if (header.includes("lead_id") && header.includes("type")) return eventsFromCsv(fileName, rows);

  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const leads: LeadData[] = [];
  const errors: string[] = [];
  for (const { record, info } of rows) {
    const lead: LeadData = {};
    let problem: string | undefined;
    for (const [column, raw] of Object.entries(record)) {
      const name = column.trim();
      if (name === "") continue;
      if (name === "events") {
        // Not part of the CSV format, but a JSON list here is too useful to refuse.
        if (!isBlank(raw)) {
          try {
            lead.events = JSON.parse(raw);
          } catch {
            problem ??= `events: expected a JSON list of events, got ${quoteValue(raw)}`;
          }
        }
        continue;
      }
      const field = byName.get(name);
      if (!field) {
        if (!isBlank(raw)) lead[name] = raw;
        continue;
      }
      const converted = coerce(raw, field.type);
      if (!converted.ok) problem ??= `${name}: expected ${converted.expected}, got ${quoteValue(raw)}`;
      else if (converted.value !== null) lead[name] = converted.value;
    }
    if (problem) errors.push(`${fileName}:${info.lines}${idSuffix(lead)}: ${problem}`);
    else leads.push(lead);
  }
  return { kind: "leads", leads, errors: capErrors(errors) };
}

function eventsFromCsv(fileName: string, rows: { record: Record<string, string>; info: { lines: number } }[]): LeadsImport {
  const events = new Map<string, { type: string; at?: string }[]>();
  const errors: string[] = [];
  for (const { record, info } of rows) {
    const get = (name: string): string => (Object.entries(record).find(([k]) => k.trim().toLowerCase() === name)?.[1] ?? "").trim();
    const id = get("lead_id");
    const type = get("type");
    const at = get("at");
    if (!id) errors.push(`${fileName}:${info.lines}: lead_id is empty.`);
    else if (!type) errors.push(`${fileName}:${info.lines}: type is empty.`);
    else if (at && !isIsoTime(at)) errors.push(`${fileName}:${info.lines}: at: expected an ISO-8601 time, got ${quoteValue(at)}`);
    else events.set(id, [...(events.get(id) ?? []), at ? { type, at } : { type }]);
  }
  return { kind: "events", events, errors: capErrors(errors) };
}

/** Attaches imported events to the leads with those ids; reports ids that match no lead. */
export function attachEvents(leads: readonly SampleLead[], events: Map<string, { type: string; at?: string }[]>): { updates: Map<number, LeadData>; unmatched: string[] } {
  const updates = new Map<number, LeadData>();
  const matched = new Set<string>();
  for (const lead of leads) {
    const id = lead.data.id;
    if (id === undefined || id === null) continue;
    const added = events.get(String(id));
    if (!added) continue;
    matched.add(String(id));
    const existing = Array.isArray(lead.data.events) ? lead.data.events : [];
    updates.set(lead.key, { ...lead.data, events: [...existing, ...added] });
  }
  return { updates, unmatched: [...events.keys()].filter((id) => !matched.has(id)) };
}

type CheckedLead = { ok: true; lead: LeadData } | { ok: false; message: string };

/** A JSON lead is kept as written (it is the user's data) once every declared field's value fits its type. */
function checkLead(item: unknown, schema: Schema): CheckedLead {
  if (!item || typeof item !== "object" || Array.isArray(item)) return { ok: false, message: `expected a lead object, got ${quoteValue(item)}` };
  const lead = item as LeadData;
  for (const field of schema.fields) {
    if (!Object.hasOwn(lead, field.name)) continue;
    const converted = coerce(lead[field.name], field.type);
    if (!converted.ok) return { ok: false, message: `${field.name}: expected ${converted.expected}, got ${quoteValue(lead[field.name])}` };
  }
  if (lead.events !== undefined && lead.events !== null) {
    if (!Array.isArray(lead.events)) return { ok: false, message: `events: expected a list of events, got ${quoteValue(lead.events)}` };
    for (const event of lead.events) {
      if (typeof event === "string") continue;
      if (!event || typeof event !== "object" || typeof (event as { type?: unknown }).type !== "string") return { ok: false, message: `events: expected "type" or {"type", "at"}, got ${quoteValue(event)}` };
      const at = (event as { at?: unknown }).at;
      if (at !== undefined && at !== null && at !== "" && (typeof at !== "string" || !isIsoTime(at))) return { ok: false, message: `events: expected an ISO-8601 time, got ${quoteValue(at)}` };
    }
  }
  return { ok: true, lead };
}

function idSuffix(item: unknown): string {
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" || typeof id === "number" ? ` (${id})` : "";
}

function jsonErrorLine(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(String((error as Error)?.message ?? ""));
  if (!match) return "";
  const offset = Number(match[1]);
  const line = text.slice(0, offset).split("\n").length;
  return ` (line ${line})`;
}

function capErrors(errors: string[]): string[] {
  return errors.length > MAX_ERRORS_LISTED ? [...errors.slice(0, MAX_ERRORS_LISTED), `… and ${errors.length - MAX_ERRORS_LISTED} more`] : errors;
}
