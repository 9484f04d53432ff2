// The runtime helpers compiled scorers call on their slow paths: the shared converters of
// src/semantics/values.ts, so compiled code converts values exactly like readLead().

import type { ErrorRecord } from "../../ir/result.js";
import {
  describeRawValue, normalizeEventType, round2, toBoolean, toDate, toEnum, toList, toNumber, toText,
} from "../../semantics/values.js";
import type { RUNTIME_NAMES } from "./generate.js";
import { parseIntegerText } from "./integer-text.js";
import { parseIsoTimeFast } from "./iso-time.js";

/** The message readLead() gives for a value that does not fit its field. */
export function fieldError(id: string | number, field: string, expected: string, raw: unknown): ErrorRecord {
  return { id, error: `${field}: expected ${expected}, got ${describeRawValue(raw)}` };
}

export const runtime: Record<(typeof RUNTIME_NAMES)[number], unknown> = {
  toNumber, toText, toBoolean, toDate, toList, toEnum, describeRawValue, normalizeEventType, parseIsoTimeFast, parseIntegerText, round2, fieldError,
};
