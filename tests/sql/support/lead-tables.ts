// Generated leads (tests/support/generate-plan.ts) in the shapes the SQL back end reads, each with
// the leads the JavaScript scorer must be given to see the same data:
// - text tables, as a CSV export loads them: one text column per field, events as `lead_id, type, at`
//   rows; the reference leads are records of strings with their events attached as the CLI's index
//   join attaches them;
// - JSON documents, one per lead, events embedded; the reference is the document parsed back.

import type { ScoringPlan } from "../../../src/ir/plan.js";

export interface TextLeads {
  /** Column names: "id", then the schema's fields. */
  columns: string[];
  /** One row per lead; null is a blank cell. */
  rows: Array<Array<string | null>>;
  /** Event rows: lead_id, type, at. */
  events: Array<[string, string, string | null]>;
  /** What the JavaScript scorer is given for each row, in order. */
  reference: Array<Record<string, unknown>>;
}

/** A value as a CSV cell holds it (null = blank). */
export function cellText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(";");
  return JSON.stringify(value);
}

function idCell(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function define(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Leads that are not objects cannot be written as CSV rows: they are left out. */
export function textLeads(plan: ScoringPlan, leads: unknown[]): TextLeads {
  const fields = plan.schema.fields.map((field) => field.name).filter((name) => name !== "id");
  const columns = ["id", ...fields];
  const rows: TextLeads["rows"] = [];
  const events: TextLeads["events"] = [];
  for (const lead of leads) {
    if (typeof lead !== "object" || lead === null || Array.isArray(lead)) continue;
    const record = lead as Record<string, unknown>;
    const own = (key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);
    const id = idCell(own("id"));
    rows.push([id, ...fields.map((name) => cellText(own(name)))]);
    const key = id?.trim() || undefined;
    const occurrences = own("events");
    if (key === undefined || !Array.isArray(occurrences)) continue;
    for (const occurrence of occurrences) {
      if (typeof occurrence === "string") {
        if (occurrence.trim() !== "") events.push([key, occurrence, null]);
      } else if (typeof occurrence === "object" && occurrence !== null && typeof (occurrence as { type?: unknown }).type === "string") {
        const { type, at } = occurrence as { type: string; at?: unknown };
        if (type.trim() !== "") events.push([key, type, cellText(at)]);
      }
    }
  }
  return textTable(columns, rows, events);
}

/**
 * A leads table (column 0 is the id) and its events, with the reference leads: each row's cells
 * ("" for a blank cell) and, as the CLI's index join attaches them, every event row of its key.
 */
export function textTable(columns: string[], rows: TextLeads["rows"], events: TextLeads["events"]): TextLeads {
  const byKey = new Map<string, Array<{ type: string; at?: string }>>();
  for (const [key, type, at] of events) {
    const list = byKey.get(key) ?? [];
    list.push(at === null || at.trim() === "" ? { type } : { type, at });
    byKey.set(key, list);
  }
  const reference = rows.map((row) => {
    const record: Record<string, unknown> = {};
    columns.forEach((column, c) => define(record, column, row[c] ?? ""));
    const key = row[0]?.trim();
    const attached = key ? byKey.get(key) : undefined;
    if (attached) record.events = attached.map((event) => ({ ...event }));
    return record;
  });
  return { columns, rows, events, reference };
}

export interface JsonLeads {
  /** One JSON document per lead, in order. */
  documents: string[];
  /** The documents parsed back: what the JavaScript scorer is given. */
  reference: unknown[];
}

export function jsonLeads(leads: unknown[]): JsonLeads {
  const documents = leads.map((lead) => JSON.stringify(lead) ?? "null");
  return { documents, reference: documents.map((text) => JSON.parse(text) as unknown) };
}
