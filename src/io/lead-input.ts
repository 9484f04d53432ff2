// What the readers hand to the scorer: one LeadInput per input record, in input order. The readers
// never convert values (src/semantics/lead.ts does, for every path alike), so `raw` holds strings
// for CSV rows and whatever JSON had for JSON leads.

import type { ReadMeter } from "./text-chunks.js";

export type LeadInput =
  | { kind: "lead"; raw: Record<string, unknown>; file: string; line: number }
  | { kind: "malformed"; file: string; line: number; message: string };

export type MalformedInput = Extract<LeadInput, { kind: "malformed" }>;

/** One occurrence as the events file gives it: `at` is omitted when the cell is blank. */
export interface RawEvent {
  type: string;
  at?: string;
}

/**
 * How events from a separate file are matched to leads:
 * - "index": read the whole events file into a Map by lead id (memory grows with the events file);
 * - "merge": stream both files side by side (constant memory); used only after a first pass has
 *   confirmed that the events file lists leads in the leads file's order, otherwise "index";
 * - "auto": "merge" for big events files, "index" for small ones (the first pass is not worth it).
 */
export type EventsJoin = "auto" | "index" | "merge";

export interface ReadLeadsOptions {
  /** A CSV of `lead_id,type,at` rows whose events are attached to the leads as `raw.events`. */
  eventsPath?: string;
  /** The lead field that `lead_id` refers to (default "id"). */
  idField?: string;
  /** Default "auto". */
  eventsJoin?: EventsJoin;
  /** Called when a big events file out of lead order is about to be put in order: that takes a while (event-reorder.ts). */
  onEventsReorder?: () => void;
  /** True when a pass over both files already found the events out of lead order (the parallel planner's): not checked again. */
  eventsOutOfOrder?: boolean;
  /** Follows how much of the leads file has been read (for a progress bar). */
  meter?: ReadMeter;
}
