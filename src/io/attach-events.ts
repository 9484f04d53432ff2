// Matching an events-file row to a lead, and adding the row's occurrences to the lead's `events`.

import type { RawEvent } from "./lead-input.js";

/**
 * The key a lead is matched on: its id field, trimmed, as text (a JSON lead's id 1001 matches the
 * events file's "1001"). Undefined when the lead has no id: such a lead gets no events.
 */
export function leadKey(raw: Record<string, unknown>, idField: string): string | undefined {
  const value = Object.hasOwn(raw, idField) ? raw[idField] : undefined;
  if (typeof value === "string") {
    const key = value.trim();
    return key === "" ? undefined : key;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Events from the file come after any the lead already has (JSON leads may carry their own). A lead
 * whose `events` is neither absent nor a list keeps it as it is, so the scorer reports it as invalid.
 */
export function attachEvents(raw: Record<string, unknown>, events: RawEvent[]): void {
  const existing = Object.hasOwn(raw, "events") ? raw.events : undefined;
  if (existing === undefined || existing === null || existing === "") raw.events = events;
  else if (Array.isArray(existing)) raw.events = existing.concat(events);
}
