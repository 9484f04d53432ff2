// The typed-lead stage of the query: every schema field's value converted to its type (numbers and
// dates as doubles, dates in epoch milliseconds; booleans; normalised text; lists as arrays of
// normalised text) and, beside it, the error message JavaScript's readLead() gives when the value
// does not fit (src/semantics/values.ts). The conversions follow those rules exactly: trimming by
// JavaScript's whitespace, blank = unknown, booleans from true/false/yes/no/1/0, numbers by the same
// pattern as Number(), ISO dates with the same validation and day roll-over as Date.parse.

import type { FieldType, Schema } from "../../ir/plan.js";
import { familyOf, type Family } from "../js/field-table.js";
import { DAY_MS } from "../../semantics/values.js";
import type { SqlDialect } from "./dialect.js";
import { isoTimeMs } from "./iso-time.js";
import { stringLiteral } from "./literals.js";
import type { LeadSource, SourceColumn } from "./source.js";

export interface FieldRef {
  /** Column of the typed value (NULL = unknown). */
  expr: string;
  family: Family;
}

const NUMBER_PATTERN = "'^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$'";
const TRUE_WORDS = "('true', 'yes', '1')";
const FALSE_WORDS = "('false', 'no', '0')";

/** One schema field's columns in the stages of the query. */
interface FieldColumns {
  index: number;
  name: string;
  type: FieldType;
  source: SourceColumn | undefined;
}

export class LeadValues {
  private readonly fields: FieldColumns[];
  /** readLead() lets a repeated name's last entry win, like the JavaScript back ends. */
  private readonly indexByName = new Map<string, number>();
  private readonly dayUsed = new Set<number>();

  constructor(
    private readonly schema: Schema,
    private readonly source: LeadSource,
    private readonly dialect: SqlDialect,
  ) {
    this.fields = schema.fields.map((field, index) => ({ index, name: field.name, type: field.type, source: source.fields.get(field.name) }));
    this.fields.forEach((field) => this.indexByName.set(field.name, field.index));
  }

  /** The field's value column, or undefined for a name outside the schema (always unknown). */
  ref(name: string): FieldRef | undefined {
    const i = this.indexByName.get(name);
    if (i === undefined) return undefined;
    return { expr: `v${i}`, family: familyOf(this.schema.fields[i].type) };
  }

  /** The UTC midnight of a number-family field's value (dates compare by calendar day). */
  dayStart(name: string): string {
    const i = this.indexByName.get(name)!;
    this.dayUsed.add(i);
    return `d${i}`;
  }

  get fieldCount(): number {
    return this.fields.length;
  }

  /**
   * Stage 1, over the source (alias `src`): the raw value of each field as the
   * converter needs it (`s<i>`: text, typed value or JSON) and, for text, its trimmed text (`t<i>`,
   * NULL when blank), plus the lead's id, key, position and JSON parts.
   */
  inputColumns(): string[] {
    const d = this.dialect;
    const { id, position, leadJson, embeddedEvents } = this.source;
    const columns = [
      `${id ? id.expr : "NULL"} AS lead_id`,
      `${id ? this.leadKey(id) : "NULL"} AS lead_key`,
      `${position ?? "NULL"} AS lead_pos`,
    ];
    // The text of a lead that is not an object, for its error message (NULL for a JSON null).
    if (leadJson) columns.push(`${d.jsonKind(leadJson)} AS lead_kind`, `CASE WHEN ${d.jsonKind(leadJson)} <> 'object' THEN ${d.jsonText(leadJson)} END AS lead_text`);
    if (embeddedEvents) columns.push(`${embeddedEvents} AS lead_events`);
    for (const field of this.fields) {
      const src = field.source;
      if (!src) continue;
      const typed = src.kind === "typed" && field.type.kind !== "text" && field.type.kind !== "enum";
      if (src.kind === "json") {
        columns.push(`${src.expr} AS s${field.index}`, `${d.jsonKind(src.expr)} AS k${field.index}`);
        columns.push(`NULLIF(${d.trimWhitespace(`CASE WHEN ${d.jsonKind(src.expr)} = 'string' THEN ${d.jsonString(src.expr)} END`)}, '') AS t${field.index}`);
      } else if (typed) {
        columns.push(`${src.expr} AS s${field.index}`);
      } else {
        const text = `CAST(${src.expr} AS ${d.textType})`;
        columns.push(`${text} AS s${field.index}`, `NULLIF(${d.trimWhitespace(text)}, '') AS t${field.index}`);
      }
    }
    return columns;
  }

  /** Stage 2, over stage 1: `v<i>` (typed value) and `e<i>` (error message or NULL). */
  valueColumns(): string[] {
    const columns = ["lead_id", "lead_key", "lead_pos"];
    if (this.source.leadJson) columns.push("lead_kind", "lead_text");
    if (this.source.embeddedEvents) columns.push("lead_events");
    for (const field of this.fields) {
      const { value, error } = this.convert(field);
      columns.push(`${value} AS v${field.index}`, `${error} AS e${field.index}`);
    }
    return columns;
  }

  /** Stage 3, over stage 2: the day start of each field a date test compares by day. */
  dayColumns(): string[] {
    return [...this.dayUsed].sort((a, b) => a - b).map((i) => `floor(v${i} / ${DAY_MS}) * ${DAY_MS} AS d${i}`);
  }

  /**
   * Over stage 2: the lead's error message, or NULL. The order is readLead()'s: not a JSON object,
   * then each field in schema order, then `events` that is not a list, then `eventsError` (the first
   * invalid occurrence).
   */
  errorExpression(eventsError: string): string {
    const d = this.dialect;
    const errors: string[] = [];
    if (this.source.leadJson) errors.push(`CASE WHEN lead_kind IS DISTINCT FROM 'object' THEN 'expected a lead object, got ' || COALESCE(lead_text, 'null') END`);
    errors.push(...this.fields.map((field) => `e${field.index}`));
    if (this.source.embeddedEvents) {
      const kind = d.jsonKind("lead_events");
      const blank = `(${kind} = 'string' AND ${d.jsonString("lead_events")} = '')`;
      errors.push(`CASE WHEN ${kind} IN ('string', 'number', 'boolean', 'object') AND NOT ${blank} THEN 'events: expected a list of events, got ' || ${d.jsonText("lead_events")} END`);
    }
    errors.push(eventsError);
    return errors.length === 1 ? errors[0] : `COALESCE(${errors.join(", ")})`;
  }

  /** The key events are matched on: the id as trimmed text, as attach-events.ts leadKey() does. */
  private leadKey(id: SourceColumn): string {
    const d = this.dialect;
    if (id.kind === "json") {
      const kind = d.jsonKind(id.expr);
      return `NULLIF(CASE ${kind} WHEN 'string' THEN ${d.trimWhitespace(d.jsonString(id.expr))} WHEN 'number' THEN ${d.doubleToText(d.jsonNumber(id.expr))} END, '')`;
    }
    return `NULLIF(${d.trimWhitespace(`CAST(${id.expr} AS ${d.textType})`)}, '')`;
  }

  private convert(field: FieldColumns): { value: string; error: string } {
    const d = this.dialect;
    const noError = `CAST(NULL AS ${d.textType})`;
    const src = field.source;
    if (!src) return { value: this.unknown(field.type), error: noError };
    const i = field.index;
    const message = (expected: string, got: string): string => `${stringLiteral(`${field.name}: expected ${expected}, got `)} || ${got}`;
    const type = field.type;

    if (src.kind === "json") {
      const k = `k${i}`;
      const t = `t${i}`;
      const j = `s${i}`;
      const got = d.jsonText(j);
      // Unknown: missing, null, or a blank string.
      const unknown = `(${k} IS NULL OR ${k} = 'null' OR (${k} = 'string' AND ${t} IS NULL))`;
      const fail = (expected: string, value: string): string => `CASE WHEN NOT ${unknown} AND ${value} IS NULL THEN ${message(expected, got)} END`;
      switch (type.kind) {
        case "number": {
          const value = `CASE WHEN ${k} = 'number' THEN ${d.jsonNumber(j)} WHEN ${k} = 'string' AND ${d.matches(t, NUMBER_PATTERN)} THEN ${d.parseDouble(t)} END`;
          return { value, error: fail("a number", value) };
        }
        case "boolean": {
          const word = `lower(${t})`;
          const value =
            `CASE WHEN ${k} = 'boolean' THEN ${d.jsonBoolean(j)} ` +
            `WHEN ${k} = 'number' AND ${d.jsonNumber(j)} IN (0, 1) THEN ${d.jsonNumber(j)} = 1 ` +
            `WHEN ${k} = 'string' AND ${word} IN ${TRUE_WORDS} THEN TRUE WHEN ${k} = 'string' AND ${word} IN ${FALSE_WORDS} THEN FALSE END`;
          return { value, error: fail("true or false (also yes/no, 1/0)", value) };
        }
        case "text":
        case "enum": {
          const value =
            `CASE ${k} WHEN 'string' THEN lower(${t}) WHEN 'number' THEN lower(${d.doubleToText(d.jsonNumber(j))}) ` +
            `WHEN 'boolean' THEN CASE WHEN ${d.jsonBoolean(j)} THEN 'true' ELSE 'false' END END`;
          if (type.kind === "text") return { value, error: fail("text", value) };
          return this.enumValue(field, value, `(${k} IN ('array', 'object'))`, got);
        }
        case "date": {
          const value = `CASE WHEN ${k} = 'string' THEN ${isoTimeMs(this.dialect, t)} END`;
          return { value, error: fail("a date (YYYY-MM-DD)", value) };
        }
        case "list": {
          const textOf = (element: string, kind: string): string =>
            `lower(${d.trimWhitespace(`CASE ${kind} WHEN 'string' THEN ${d.jsonString(element)} ELSE ${d.doubleToText(d.jsonNumber(element))} END`)})`;
          const items = `(${d.jsonArrayEvery(j, (kind) => `${kind} IN ('string', 'number')`)})`;
          const value =
            `CASE WHEN ${k} = 'array' AND ${items} THEN ${d.mapJsonArray(j, textOf)} ` +
            `WHEN ${k} = 'string' AND ${t} IS NOT NULL THEN ${this.splitList(t)} END`;
          return { value, error: fail("a list of text", value) };
        }
      }
    }

    const typed = src.kind === "typed" && type.kind !== "text" && type.kind !== "enum";
    if (typed) {
      const s = `s${i}`;
      switch (type.kind) {
        case "number":
          return { value: `CAST(${s} AS ${d.doubleType})`, error: noError };
        case "boolean":
          return { value: `CAST(${s} AS BOOLEAN)`, error: noError };
        case "date":
          return { value: d.epochMs(s), error: noError };
        case "list":
          return { value: `CASE WHEN ${s} IS NOT NULL THEN ${d.mapTextArray(s, (x) => `lower(${d.trimWhitespace(`CAST(${x} AS ${d.textType})`)})`)} END`, error: noError };
      }
    }

    // Text: what a CSV cell holds.
    const t = `t${i}`;
    const got = d.jsonQuote(`s${i}`);
    const fail = (expected: string, value: string): string => `CASE WHEN ${t} IS NOT NULL AND ${value} IS NULL THEN ${message(expected, got)} END`;
    switch (type.kind) {
      case "number": {
        const value = `CASE WHEN ${d.matches(t, NUMBER_PATTERN)} THEN ${d.parseDouble(t)} END`;
        return { value, error: fail("a number", value) };
      }
      case "boolean": {
        const value = `CASE WHEN lower(${t}) IN ${TRUE_WORDS} THEN TRUE WHEN lower(${t}) IN ${FALSE_WORDS} THEN FALSE END`;
        return { value, error: fail("true or false (also yes/no, 1/0)", value) };
      }
      case "text":
        return { value: `lower(${t})`, error: noError };
      case "enum":
        return this.enumValue(field, `lower(${t})`, "FALSE", got);
      case "date": {
        const value = isoTimeMs(this.dialect, t);
        return { value, error: fail("a date (YYYY-MM-DD)", value) };
      }
      case "list":
        return { value: `CASE WHEN ${t} IS NOT NULL THEN ${this.splitList(t)} END`, error: noError };
    }
  }

  /** A NULL of the field's type, for a field the source does not have. */
  private unknown(type: FieldType): string {
    const d = this.dialect;
    switch (familyOf(type)) {
      case "number":
        return `CAST(NULL AS ${d.doubleType})`;
      case "boolean":
        return "CAST(NULL AS BOOLEAN)";
      case "string":
        return `CAST(NULL AS ${d.textType})`;
      case "list":
        return `CAST(NULL AS ${d.textType}[])`;
    }
  }

  /** An enum: the normalised text when it is one of the values, else an error naming them. */
  private enumValue(field: FieldColumns, text: string, notText: string, got: string): { value: string; error: string } {
    const values = field.type.kind === "enum" ? field.type.values : [];
    const member = values.length === 0 ? "FALSE" : `${text} IN (${values.map(stringLiteral).join(", ")})`;
    const expected = "one of " + values.map((v) => JSON.stringify(v)).join(", ");
    const message = `${stringLiteral(`${field.name}: expected ${expected}, got `)} || ${got}`;
    return {
      value: `CASE WHEN ${member} THEN ${text} END`,
      error: `CASE WHEN ${notText} OR (${text} IS NOT NULL AND NOT (${member})) THEN ${message} END`,
    };
  }

  /** A list written as text: split on ';', each element trimmed and lower-cased, blank ones dropped. */
  private splitList(text: string): string {
    const d = this.dialect;
    return d.mapTextArray(d.split(text, "';'"), (x) => `lower(${d.trimWhitespace(x)})`);
  }
}
