// The schema a model is checked against: declared (`lead {}` / `events {}`, closed) or inferred from
// use when neither block is present (SPEC 2.2).

import type { Condition, Literal, Model, NameRef, Span, Statement } from "../ast/nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldType, Schema } from "../ir/plan.js";
import { normalizeEventType, normalizeText } from "../semantics/values.js";

export interface SchemaResult {
  schema: Schema;
  /** Where each field / event was declared (declared schemas only), for "never used" notes. */
  fieldSpans: Map<string, Span>;
  eventSpans: Map<string, Span>;
  /** Event names as first written, keyed by normalised name, for messages and completion. */
  eventLabels: Map<string, string>;
  /** Inferred names used with conflicting types: already reported, so later checks stay quiet. */
  conflicts: Set<string>;
}

export function eventKey(name: NameRef | string): string {
  return normalizeEventType(typeof name === "string" ? name : name.name);
}

export function buildSchema(model: Model, diagnostics: Diagnostic[]): SchemaResult {
  const declared = model.statements.some((s) => s.kind === "leadDecl" || s.kind === "eventsDecl");
  return declared ? declaredSchema(model.statements, diagnostics) : inferredSchema(model.statements, diagnostics);
}

function declaredSchema(statements: Statement[], diagnostics: Diagnostic[]): SchemaResult {
  const result = emptyResult(true);
  const fieldTypes = new Map<string, FieldType>();
  for (const statement of statements) {
    if (statement.kind === "leadDecl") {
      for (const field of statement.fields) {
        if (fieldTypes.has(field.name)) {
          diagnostics.push(report(Diagnostics.duplicateDeclaration, field.nameSpan, [`The field ${field.name}`]));
          continue;
        }
        const type: FieldType =
          field.type.kind === "enum"
            ? { kind: "enum", values: field.type.values.map((v) => normalizeText(v.value) ?? "") }
            : { kind: field.type.kind };
        fieldTypes.set(field.name, type);
        result.fieldSpans.set(field.name, field.nameSpan);
      }
    } else if (statement.kind === "eventsDecl") {
      for (const event of statement.events) {
        const key = eventKey(event.name);
        if (result.eventSpans.has(key)) {
          diagnostics.push(report(Diagnostics.duplicateDeclaration, event.span, [`The event "${event.name.name}"`]));
          continue;
        }
        result.eventSpans.set(key, event.span);
        result.eventLabels.set(key, event.name.name);
      }
    }
  }
  result.schema.fields = [...fieldTypes].map(([name, type]) => ({ name, type }));
  result.schema.events = [...result.eventSpans.keys()];
  return result;
}

function emptyResult(declared: boolean): SchemaResult {
  return {
    schema: { fields: [], events: [], declared },
    fieldSpans: new Map(),
    eventSpans: new Map(),
    eventLabels: new Map(),
    conflicts: new Set(),
  };
}

type InferredKind = "number" | "text" | "boolean" | "date" | "any";

const KIND_WORDS: Record<InferredKind, string> = {
  number: "a number",
  text: "text",
  boolean: "a yes/no flag",
  date: "a date",
  any: "a field",
};

/**
 * Inference: a bare name of two or more words (or quoted) is an event; a bare single word is a boolean
 * field; `x at least N times` makes x an event; `x within D` makes a single-word x a date field; a name
 * compared with a literal takes the literal's type. Conflicts are errors.
 */
function inferredSchema(statements: Statement[], diagnostics: Diagnostic[]): SchemaResult {
  const result = emptyResult(false);
  const fields = new Map<string, InferredKind>();
  const events = new Set<string>();

  const noteField = (ref: NameRef, kind: InferredKind) => {
    const known = fields.get(ref.name);
    if (events.has(eventKey(ref))) {
      result.conflicts.add(ref.name);
      diagnostics.push(report(Diagnostics.conflictingInference, ref.span, [ref.name, KIND_WORDS[kind], "an event"]));
      return;
    }
    if (known === undefined || known === "any") fields.set(ref.name, kind);
    else if (kind !== "any" && known !== kind) {
      result.conflicts.add(ref.name);
      diagnostics.push(report(Diagnostics.conflictingInference, ref.span, [ref.name, KIND_WORDS[kind], KIND_WORDS[known]]));
    }
  };
  const noteEvent = (ref: NameRef) => {
    const key = eventKey(ref);
    if (ref.wordCount === 1 && !ref.quoted && fields.has(ref.name)) {
      result.conflicts.add(ref.name);
      diagnostics.push(report(Diagnostics.conflictingInference, ref.span, [ref.name, "an event", KIND_WORDS[fields.get(ref.name)!]]));
      return;
    }
    if (!events.has(key)) {
      events.add(key);
      result.eventLabels.set(key, ref.name);
    }
  };
  const literalKind = (literal: Literal): InferredKind => (literal.kind === "string" ? "text" : literal.kind);

  const visit = (condition: Condition): void => {
    switch (condition.kind) {
      case "or":
      case "and":
        visit(condition.left);
        visit(condition.right);
        return;
      case "not":
        visit(condition.operand);
        return;
      case "subject": {
        const { subject } = condition;
        if (subject.wordCount > 1 || subject.quoted || condition.atLeast) noteEvent(subject);
        else noteField(subject, condition.within ? "date" : "boolean");
        return;
      }
      case "compare":
        noteField(condition.field, literalKind(condition.value));
        return;
      case "between":
        noteField(condition.field, literalKind(condition.low));
        return;
      case "in":
        noteField(condition.field, condition.values[0] ? literalKind(condition.values[0]) : "any");
        return;
      case "textMatch":
        noteField(condition.field, "text");
        return;
      case "dateCompare":
        noteField(condition.field, "date");
        return;
      case "known":
        noteField(condition.field, "any");
        return;
      case "invalid":
        return;
    }
  };

  for (const statement of statements) {
    if (statement.kind === "rule") visit(statement.condition);
    else if (statement.kind === "gate") visit(statement.condition);
    else if (statement.kind === "group") for (const rule of statement.rules) visit(rule.condition);
  }
  result.schema.fields = [...fields].map(([name, kind]) => ({ name, type: { kind: kind === "any" ? "text" : kind } }));
  result.schema.events = [...events];
  return result;
}
