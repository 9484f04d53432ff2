// Turning one raw lead (a JSON object, or a CSV row with its events attached) into typed values.
// The reference interpreter scores LeadViews; the compiled scorer inlines the same conversions.

import type { Schema } from "../ir/plan.js";
import { convertValue, describeRawValue, normalizeEventType, parseIsoTime } from "./values.js";

export interface Occurrence {
  /** Normalised event type. */
  type: string;
  /** Epoch ms, or undefined when the occurrence has no time. */
  at: number | undefined;
}

export interface LeadView {
  id: string | number;
  /** Typed value per schema field; undefined = unknown. Text is normalised (trimmed, lower case). */
  values: Record<string, number | string | boolean | string[] | undefined>;
  events: Occurrence[];
}

export interface LeadProblem {
  id: string | number;
  field: string;
  /** "company_size: expected a number, got \"abc\"" — the CLI prefixes file and line. */
  message: string;
}

export type LeadReading = { ok: true; lead: LeadView } | { ok: false; problem: LeadProblem };

export interface LeadIdentity {
  /** The field holding the lead's id (default "id"). */
  idField?: string;
  /** 1-based position in the input, used as the id when the lead has none. */
  position?: number;
}

export function leadId(raw: Record<string, unknown>, identity: LeadIdentity = {}): string | number {
  const value = raw[identity.idField ?? "id"];
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return identity.position ?? 1;
}

export function readLead(raw: unknown, schema: Schema, identity: LeadIdentity = {}): LeadReading {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: { id: identity.position ?? 1, field: "lead", message: `expected a lead object, got ${describeRawValue(raw)}` } };
  }
  const record = raw as Record<string, unknown>;
  const id = leadId(record, identity);
  const values: LeadView["values"] = Object.create(null);
  for (const field of schema.fields) {
    const rawValue = Object.hasOwn(record, field.name) ? record[field.name] : undefined;
    const converted = convertValue(rawValue, field.type);
    if (!converted.ok) {
      return { ok: false, problem: { id, field: field.name, message: `${field.name}: expected ${converted.expected}, got ${describeRawValue(rawValue)}` } };
    }
    values[field.name] = converted.value;
  }
  const events = readOccurrences(Object.hasOwn(record, "events") ? record.events : undefined);
  if (!events.ok) return { ok: false, problem: { id, field: "events", message: `events: ${events.message}` } };
  return { ok: true, lead: { id, values, events: events.occurrences } };
}

type OccurrencesReading = { ok: true; occurrences: Occurrence[] } | { ok: false; message: string };

export function readOccurrences(raw: unknown): OccurrencesReading {
  if (raw === undefined || raw === null || raw === "") return { ok: true, occurrences: [] };
  if (!Array.isArray(raw)) return { ok: false, message: `expected a list of events, got ${describeRawValue(raw)}` };
  const occurrences: Occurrence[] = [];
  for (const item of raw) {
    if (typeof item === "string") {
      occurrences.push({ type: normalizeEventType(item), at: undefined });
      continue;
    }
    if (typeof item !== "object" || item === null || typeof (item as { type?: unknown }).type !== "string") {
      return { ok: false, message: `expected an event ("type" or {"type", "at"}), got ${describeRawValue(item)}` };
    }
    const { type, at } = item as { type: string; at?: unknown };
    let time: number | undefined;
    if (at !== undefined && at !== null && at !== "") {
      time = typeof at === "string" ? parseIsoTime(at) : at instanceof Date ? at.getTime() : undefined;
      if (time === undefined || Number.isNaN(time)) {
        return { ok: false, message: `expected an ISO-8601 time for "${type}", got ${describeRawValue(at)}` };
      }
    }
    occurrences.push({ type: normalizeEventType(type), at: time });
  }
  return { ok: true, occurrences };
}

/** asOf as epoch ms: a Date, an ISO-8601 string, epoch ms, or now. */
export function resolveAsOf(asOf: Date | string | number | undefined): number {
  if (asOf === undefined) return Date.now();
  if (typeof asOf === "number") return asOf;
  if (asOf instanceof Date) return asOf.getTime();
  const ms = parseIsoTime(asOf);
  if (ms === undefined) throw new RangeError(`asOf: expected an ISO-8601 time, got ${JSON.stringify(asOf)}`);
  return ms;
}
