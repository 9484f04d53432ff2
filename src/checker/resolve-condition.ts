// Resolves a written condition against the schema: every name becomes a field or an event, every
// operator is checked against the field's type, every literal converted to that type. The output is
// the PlanCondition all back ends share. Anything wrong yields a diagnostic and a `false` constant.

import type { Condition, Literal, NameRef } from "../ast/nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldType, PlanCondition, Schema } from "../ir/plan.js";
import { normalizeText, parseIsoTime } from "../semantics/values.js";
import { RESERVED_WORDS } from "../../grammar/tokens.js";
import { eventKey } from "./schema.js";
import { suggestNames } from "./suggest.js";

const FALSE: PlanCondition = { k: "const", value: false };

const TYPE_WORDS: Record<FieldType["kind"], string> = {
  number: "number",
  text: "text",
  boolean: "yes/no",
  date: "date",
  list: "list",
  enum: "choice",
};

const LITERAL_WORDS: Record<Literal["kind"], string> = {
  number: "a number",
  string: "a text in quotes",
  boolean: "true or false",
  date: "a date",
};

/** What a value of each field type must be written as. */
const EXPECTED_LITERAL: Record<FieldType["kind"], string> = {
  number: "a number",
  text: 'a text in quotes ("...")',
  enum: 'one of its values in quotes ("...")',
  boolean: "true or false",
  date: "a date such as 2026-01-31",
  list: 'a text in quotes ("...")',
};

export interface ResolvedSubject {
  /** The events a condition tests, for `each` and decay. */
  event?: { event: string; atLeast: number; withinDays?: number };
}

export class ConditionResolver {
  private readonly fieldTypes: Map<string, FieldType>;
  private readonly events: Set<string>;
  readonly usedFields = new Set<string>();
  readonly usedEvents = new Set<string>();

  constructor(
    schema: Schema,
    private readonly diagnostics: Diagnostic[],
    /** Names whose inferred type conflicted: reported once already, so their uses are not re-checked. */
    private readonly conflicts: ReadonlySet<string> = new Set(),
  ) {
    this.fieldTypes = new Map(schema.fields.map((f) => [f.name, f.type]));
    this.events = new Set(schema.events);
  }

  fieldType(name: string): FieldType | undefined {
    return this.fieldTypes.get(name);
  }

  isEvent(name: NameRef): boolean {
    return this.events.has(eventKey(name));
  }

  resolve(condition: Condition): PlanCondition {
    if ((condition.kind === "subject" && this.conflicts.has(condition.subject.name)) || ("field" in condition && this.conflicts.has(condition.field.name))) {
      return FALSE;
    }
    switch (condition.kind) {
      case "or":
      case "and": {
        // `a and b and c` parses as ((a and b) and c): collect the chain's operands left to right in one
        // pass, since flattening level by level copies the items at every level (quadratic on long chains).
        const operands: Condition[] = [];
        const pending: Condition[] = [condition];
        while (pending.length > 0) {
          const next = pending.pop()!;
          if (next.kind === condition.kind) pending.push(next.right, next.left);
          else operands.push(next);
        }
        const items: PlanCondition[] = [];
        for (const operand of operands) {
          const item = this.resolve(operand);
          if (item.k === condition.kind) items.push(...item.items);
          else items.push(item);
        }
        return { k: condition.kind, items };
      }
      case "not":
        return { k: "not", item: this.resolve(condition.operand) };
      case "subject":
        return this.subject(condition);
      case "invalid":
        return FALSE;
      default:
        return this.comparison(condition);
    }
  }

  private subject(condition: Extract<Condition, { kind: "subject" }>): PlanCondition {
    const { subject, atLeast, within } = condition;
    if (this.isEvent(subject)) {
      const event = eventKey(subject);
      this.usedEvents.add(event);
      if (atLeast && (!Number.isInteger(atLeast.count) || atLeast.count < 1)) {
        this.diagnostics.push(report(Diagnostics.invalidCount, atLeast.span));
      }
      if (within) this.checkDuration(within);
      return { k: "event", event, atLeast: atLeast?.count ?? 1, withinDays: within?.days };
    }
    const type = subject.quoted || subject.wordCount > 1 ? undefined : this.fieldType(subject.name);
    if (!type) {
      this.reportUnknownName(subject, subject.quoted || subject.wordCount > 1 ? "event" : "either");
      return FALSE;
    }
    this.usedFields.add(subject.name);
    if (atLeast) {
      this.diagnostics.push(report(Diagnostics.fieldNotAnEvent, subject.span, [subject.name, TYPE_WORDS[type.kind]]));
      return FALSE;
    }
    if (within) {
      if (type.kind !== "date") {
        this.diagnostics.push(report(Diagnostics.operatorNotValid, condition.span, ["'within'", subject.name, TYPE_WORDS[type.kind]]));
        return FALSE;
      }
      this.checkDuration(within);
      return { k: "dateWithin", field: subject.name, days: within.days };
    }
    if (type.kind !== "boolean") {
      this.diagnostics.push(report(Diagnostics.fieldNeedsComparison, subject.span, [subject.name, TYPE_WORDS[type.kind]]));
      return FALSE;
    }
    return { k: "isTrue", field: subject.name };
  }

  checkDuration(duration: { days: number; amount: number; span: { start: number; end: number } }): void {
    if (!(duration.amount > 0) || !Number.isFinite(duration.amount)) this.diagnostics.push(report(Diagnostics.invalidDuration, duration.span));
  }

  private reportUnknownName(name: NameRef, as: "field" | "event" | "either"): void {
    const fieldNames = [...this.fieldTypes.keys()];
    const eventNames = [...this.events];
    if (as === "event") {
      this.diagnostics.push(report(Diagnostics.unknownEvent, name.span, [`"${name.name}"`], suggestNames(eventKey(name), eventNames).map(quoteEventIfNeeded)));
    } else if (as === "field") {
      this.diagnostics.push(report(Diagnostics.unknownField, name.span, [name.name], suggestNames(name.name, fieldNames)));
    } else {
      const suggestions = suggestNames(name.name, [...fieldNames, ...eventNames.filter((e) => !e.includes(" "))]);
      this.diagnostics.push(report(Diagnostics.unknownName, name.span, [name.name], suggestions));
    }
  }

  /** Resolves the field of a comparison and checks the operator against its type. */
  private comparison(condition: Exclude<Condition, { kind: "or" | "and" | "not" | "subject" | "invalid" }>): PlanCondition {
    const field = condition.field;
    if (this.isEvent(field)) {
      this.usedEvents.add(eventKey(field));
      this.diagnostics.push(report(Diagnostics.eventNeedsNoComparison, field.span, [`"${field.name}"`]));
      return FALSE;
    }
    const type = field.quoted || field.wordCount > 1 ? undefined : this.fieldType(field.name);
    if (!type) {
      this.reportUnknownName(field, field.quoted || field.wordCount > 1 ? "event" : "field");
      return FALSE;
    }
    this.usedFields.add(field.name);
    const name = field.name;
    const kind = type.kind;
    const invalidOperator = (operator: string): PlanCondition => {
      this.diagnostics.push(report(Diagnostics.operatorNotValid, condition.span, [operator, name, TYPE_WORDS[kind]]));
      return FALSE;
    };

    switch (condition.kind) {
      case "known":
        return { k: "known", field: name, negated: condition.negated };
      case "compare": {
        const { op } = condition;
        const operatorWord = condition.spelled === "words" ? (op === "=" ? "'is'" : "'is not'") : `'${op}'`;
        if (kind === "number") {
          const value = this.literal(condition.value, type, name);
          return value === undefined ? FALSE : { k: "number", field: name, op, value: value as number };
        }
        if (kind === "date") {
          const value = this.literal(condition.value, type, name);
          return value === undefined ? FALSE : { k: "date", field: name, op, value: value as number };
        }
        if (op !== "=" && op !== "!=") return invalidOperator(operatorWord);
        if (kind === "text" || kind === "enum") {
          const value = this.literal(condition.value, type, name);
          return value === undefined ? FALSE : { k: "text", field: name, op, value: value as string };
        }
        if (kind === "boolean") {
          const value = this.literal(condition.value, type, name);
          return value === undefined ? FALSE : { k: "bool", field: name, op, value: value as boolean };
        }
        return invalidOperator(operatorWord);
      }
      case "between": {
        if (kind !== "number" && kind !== "date") return invalidOperator("'between'");
        const low = this.literal(condition.low, type, name) as number | undefined;
        const high = this.literal(condition.high, type, name) as number | undefined;
        if (low === undefined || high === undefined) return FALSE;
        if (low > high) this.diagnostics.push(report(Diagnostics.invalidRange, condition.span, [literalText(condition.low), literalText(condition.high)]));
        return kind === "number" ? { k: "numberBetween", field: name, low, high } : { k: "dateBetween", field: name, low, high };
      }
      case "in": {
        const word = condition.negated ? "'not in'" : "'in'";
        if (kind !== "number" && kind !== "text" && kind !== "enum") return invalidOperator(word);
        const values = condition.values.map((v) => this.literal(v, type, name));
        if (values.some((v) => v === undefined)) return FALSE;
        return kind === "number"
          ? { k: "numberIn", field: name, values: values as number[], negated: condition.negated }
          : { k: "textIn", field: name, values: values as string[], negated: condition.negated };
      }
      case "textMatch": {
        const word = `'${condition.op}'`;
        if (kind === "list") {
          if (condition.op !== "contains") return invalidOperator(word);
          const value = this.literal(condition.value, type, name);
          return value === undefined ? FALSE : { k: "listContains", field: name, value: value as string };
        }
        if (kind !== "text" && kind !== "enum") return invalidOperator(word);
        // A fragment of an enum value is fine here, so check against plain text, not the value set.
        const value = this.literal(condition.value, { kind: "text" }, name);
        if (value === undefined) return FALSE;
        const op = condition.op === "contains" ? "contains" : condition.op === "starts with" ? "starts" : "ends";
        return { k: "text", field: name, op, value: value as string };
      }
      case "dateCompare": {
        if (kind !== "date") return invalidOperator(`'${condition.op}'`);
        const value = this.literal(condition.value, type, name) as number | undefined;
        return value === undefined ? FALSE : { k: "date", field: name, op: condition.op, value };
      }
    }
  }

  /** Converts a literal to the field's type, or reports why it does not fit. */
  literal(literal: Literal, type: FieldType, fieldName: string): number | string | boolean | undefined {
    const mismatch = () => {
      const suggestions = type.kind === "text" || type.kind === "enum" || type.kind === "list" ? [JSON.stringify(literalText(literal))] : undefined;
      this.diagnostics.push(
        report(Diagnostics.literalWrongType, literal.span, [fieldName, TYPE_WORDS[type.kind], EXPECTED_LITERAL[type.kind], LITERAL_WORDS[literal.kind]], suggestions),
      );
      return undefined;
    };
    switch (type.kind) {
      case "number":
        return literal.kind === "number" ? literal.value : mismatch();
      case "boolean":
        return literal.kind === "boolean" ? literal.value : mismatch();
      case "date": {
        if (literal.kind !== "date") return mismatch();
        const ms = parseIsoTime(literal.value);
        if (ms === undefined) {
          this.diagnostics.push(report(Diagnostics.literalWrongType, literal.span, [fieldName, "date", "a real calendar date", literal.value]));
        }
        return ms;
      }
      case "text":
      case "list":
        return literal.kind === "string" ? (normalizeText(literal.value) ?? "") : mismatch();
      case "enum": {
        if (literal.kind !== "string") return mismatch();
        const value = normalizeText(literal.value) ?? "";
        if (!type.values.includes(value)) {
          this.diagnostics.push(
            report(
              Diagnostics.unknownEnumValue,
              literal.span,
              [JSON.stringify(literal.value), fieldName, type.values.map((v) => JSON.stringify(v)).join(", ")],
              suggestNames(value, type.values).map((v) => JSON.stringify(v)),
            ),
          );
          return undefined;
        }
        return value;
      }
    }
  }
}

function literalText(literal: Literal): string {
  switch (literal.kind) {
    case "number":
      return literal.raw;
    case "string":
      return literal.value;
    case "boolean":
      return String(literal.value);
    case "date":
      return literal.value;
  }
}

/** A suggested event name is inserted as written; quote it when a word in it is reserved. */
function quoteEventIfNeeded(name: string): string {
  return name.split(" ").some((word) => RESERVED.has(word)) ? JSON.stringify(name) : name;
}

const RESERVED = new Set<string>(RESERVED_WORDS);
