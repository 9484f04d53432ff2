// Where the generated query reads leads and events from, and in what form each column holds its
// values. `tableSource` describes plain tables (the `compile --target sql` case); the engines
// describe files (read_csv, read_json, read_parquet) and introspected tables the same way.
//
// Column kinds:
// - "text": text (or anything whose text form is what a CSV would hold: numbers, booleans, dates,
//   timestamps without a zone); converted by the same rules as CSV values in JavaScript.
// - "typed": the engine's own type for the field (a numeric column for a number, BOOLEAN, DATE or
//   TIMESTAMP [WITH TIME ZONE], a text array for a list); used as is.
// - "json": a JSON value (DuckDB JSON, PostgreSQL json/jsonb); converted like a JSON lead's value.

import type { FieldType, Schema } from "../../ir/plan.js";
import type { SqlDialect } from "./dialect.js";
import { quoteIdentifier, quoteTableName } from "./literals.js";

export type ColumnKind = "text" | "typed" | "json";

export interface SourceColumn {
  /** SQL expression over the leads relation (alias `src`), e.g. `src."company_size"`. */
  expr: string;
  kind: ColumnKind;
}

export interface LeadSource {
  /** A FROM item; it is aliased `src`. */
  relation: string;
  /** The lead id; undefined when the leads have none (ids are then positions, or NULL in SQL). */
  id?: SourceColumn;
  /** The columns of the schema's fields, by field name. A field not listed is unknown for every lead. */
  fields: Map<string, SourceColumn>;
  /** A JSON lead as a whole (JSON sources): anything but an object is an invalid lead. */
  leadJson?: string;
  /** The lead's own `events` member (JSON sources). */
  embeddedEvents?: string;
  /** The lead's position in its input (1-based); results come out in this order when given. */
  position?: string;
}

export interface EventSource {
  /** A FROM item; it is aliased `evt`. */
  relation: string;
  /** Expressions over the alias `evt`. */
  leadId: string;
  type: string;
  /** Undefined when the events have no time column (no occurrence has a time). */
  at?: SourceColumn;
  /** File order, for reporting the first bad occurrence of a lead as JavaScript does. */
  position?: string;
}

export interface DataSource {
  leads: LeadSource;
  events?: EventSource;
}

export interface TableSourceOptions {
  /** Default "leads"; may be qualified (`crm.leads`). */
  leadsTable?: string;
  /** Default "events"; null when there is no events table. */
  eventsTable?: string | null;
  /** Default "id". */
  idColumn?: string;
  /** How the lead columns hold their values: "text" (default, also right for CSV loads) or "typed". */
  columns?: "text" | "typed";
}

/** Leads in a table with one column per field (named as the field), events in `lead_id, type, at`. */
export function tableSource(schema: Schema, options: TableSourceOptions = {}): DataSource {
  const kind = options.columns ?? "text";
  const fields = new Map<string, SourceColumn>();
  for (const field of schema.fields) fields.set(field.name, { expr: `src.${quoteIdentifier(field.name)}`, kind: fieldKind(field.type, kind) });
  const leads: LeadSource = {
    relation: quoteTableName(options.leadsTable ?? "leads"),
    id: { expr: `src.${quoteIdentifier(options.idColumn ?? "id")}`, kind: "typed" },
    fields,
  };
  const eventsTable = options.eventsTable === undefined ? "events" : options.eventsTable;
  if (eventsTable === null) return { leads };
  return {
    leads,
    events: {
      relation: quoteTableName(eventsTable),
      leadId: `evt.${quoteIdentifier("lead_id")}`,
      type: `evt.${quoteIdentifier("type")}`,
      at: { expr: `evt.${quoteIdentifier("at")}`, kind: kind === "typed" ? "typed" : "text" },
    },
  };
}

export interface JsonSourceOptions {
  /** A FROM item with one row per lead. */
  relation: string;
  /** The column (over alias `src`) holding each lead as a JSON document. */
  document: string;
  /** The lead's position in its input, when known. */
  position?: string;
  /** The field holding the lead id (default "id"). */
  idField?: string;
}

/** Leads as JSON documents (a .json or .jsonl file, a json column): fields, id and events are members. */
export function jsonSource(schema: Schema, dialect: SqlDialect, options: JsonSourceOptions): LeadSource {
  const member = (key: string): string => dialect.jsonMember(options.document, key);
  const fields = new Map<string, SourceColumn>();
  for (const field of schema.fields) fields.set(field.name, { expr: member(field.name), kind: "json" });
  return {
    relation: options.relation,
    id: { expr: member(options.idField ?? "id"), kind: "json" },
    fields,
    leadJson: options.document,
    embeddedEvents: member("events"),
    ...(options.position !== undefined ? { position: options.position } : {}),
  };
}

/** Text and enum values are text whatever the column: "typed" only changes the other types. */
function fieldKind(type: FieldType, columns: "text" | "typed"): ColumnKind {
  return type.kind === "text" || type.kind === "enum" ? "text" : columns;
}
