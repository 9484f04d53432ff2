// ISO-8601 text to epoch milliseconds in SQL, with the validation and arithmetic of
// parseIsoTime() (src/semantics/values.ts), which is Date.parse on the same accepted forms.

import { DAY_MS } from "../../semantics/values.js";
import type { SqlDialect } from "./dialect.js";

const ISO_PATTERN = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[-+][0-9]{2}:?[0-9]{2})?)?$'";

/**
 * ISO-8601 text to epoch ms, or NULL, exactly as parseIsoTime(): a date is UTC
 * midnight, a time without a zone is UTC, fractions are cut to milliseconds, a day up to 31 rolls
 * over into the next month and 24:00 into the next day (as Date.parse does), anything else out of
 * range is invalid.
 */
export function isoTimeMs(d: SqlDialect, text: string, trimmed = text): string {
  // The dialect's fast form, if any, is tested on the text as it is (text with whitespace around
  // never matches it); the general conversion reads the trimmed text.
  const general = generalIsoTimeMs(d, trimmed);
  return d.isoTimeFast ? `COALESCE(${d.isoTimeFast(text)}, ${general})` : general;
}

function generalIsoTimeMs(d: SqlDialect, t: string): string {
  const num = (text: string): string => `CAST(${text} AS ${d.doubleType})`;
  const y = num(`substr(${t}, 1, 4)`);
  const m = num(`substr(${t}, 6, 2)`);
  const day = num(`substr(${t}, 9, 2)`);
  const hasTime = `char_length(${t}) > 10`;
  const h = `CASE WHEN ${hasTime} THEN ${num(`substr(${t}, 12, 2)`)} ELSE 0 END`;
  const mi = `CASE WHEN ${hasTime} THEN ${num(`substr(${t}, 15, 2)`)} ELSE 0 END`;
  const s = `COALESCE(${num(d.extract(t, "'^.{16}:([0-9]{2})'", 1))}, 0)`;
  const fraction = d.extract(t, "'^.{19}\\.([0-9]+)'", 1);
  const ms = `COALESCE(${num(`rpad(substr(${fraction}, 1, 3), 3, '0')`)}, 0)`;
  const zone = `CASE WHEN ${hasTime} THEN ${d.extract(t, "'([-+][0-9]{2}:?[0-9]{2})$'", 1)} END`;
  const zoneHours = num(`substr(${zone}, 2, 2)`);
  const zoneMinutes = num(`right(${zone}, 2)`);
  const offset = `COALESCE(CASE WHEN substr(${zone}, 1, 1) = '-' THEN -1 ELSE 1 END * (${zoneHours} * 60 + ${zoneMinutes}), 0)`;
  const valid = [
    `${m} BETWEEN 1 AND 12`,
    `${day} BETWEEN 1 AND 31`,
    `(${h} < 24 OR (${h} = 24 AND ${mi} = 0 AND ${s} = 0 AND COALESCE(${d.matches(fraction, "'^0+$'")}, TRUE)))`,
    `${mi} <= 59`,
    `${s} <= 59`,
    `COALESCE(${zoneHours} <= 23 AND ${zoneMinutes} <= 59, TRUE)`,
  ].join(" AND ");
  // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), in doubles
  // (exact: every intermediate is a small integer), linear in the day so 02-30 is 03-02.
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `floor(${yy} / 400)`;
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(floor((153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${day} - 1)`;
  const doe = `(${yoe} * 365 + floor(${yoe} / 4) - floor(${yoe} / 100) + ${doy})`;
  const days = `(${era} * 146097 + ${doe} - 719468)`;
  const time = `${days} * ${DAY_MS} + ${h} * 3600000 + ${mi} * 60000 + ${s} * 1000 + ${ms} - ${offset} * 60000`;
  return `CASE WHEN ${d.matches(t, ISO_PATTERN)} THEN CASE WHEN ${valid} THEN ${time} END END`;
}
