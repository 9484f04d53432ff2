// Which tests the builder offers for a subject, and what value each one takes (SPEC 2.3). The lists
// follow the checker (src/checker/resolve-condition.ts): an operator offered here never earns an
// "operator not valid" error for a subject of that type.

import type { FieldTypeKind, LiteralDraft, TestDraft, TestOp } from "./drafts.js";

/** What a condition's subject is: an event, a field of some type, or a name the schema lacks. */
export type SubjectKind = "event" | FieldTypeKind | "unknown";

const KNOWN: TestOp[] = ["known", "unknown"];

export const OPERATORS: Record<SubjectKind, readonly TestOp[]> = {
  event: ["occurs"],
  number: ["=", "!=", "<", "<=", ">", ">=", "between", "in", "not in", ...KNOWN],
  text: ["=", "!=", "in", "not in", "contains", "starts with", "ends with", ...KNOWN],
  enum: ["=", "!=", "in", "not in", "contains", "starts with", "ends with", ...KNOWN],
  boolean: ["occurs", "=", "!=", ...KNOWN],
  date: ["occurs", "before", "after", "between", ...KNOWN],
  list: ["contains", ...KNOWN],
  unknown: ["occurs", "=", "!=", "<", "<=", ">", ">=", "between", "in", "not in", "contains", "starts with", "ends with", "before", "after", ...KNOWN],
};

/** The operators to offer: the type's own, plus the one the text already uses (never hide what is written). */
export function operatorsFor(kind: SubjectKind, current?: TestOp): TestOp[] {
  const list = [...OPERATORS[kind]];
  if (current !== undefined && !list.includes(current)) list.push(current);
  return list;
}

/** How an operator reads in the builder; the bare form depends on what the subject is. */
export function operatorLabel(op: TestOp, kind: SubjectKind): string {
  switch (op) {
    case "occurs":
      return kind === "boolean" ? "is true" : kind === "date" ? "within" : kind === "event" ? "happened" : "is true / happened";
    case "=":
      return "is";
    case "!=":
      return "is not";
    case "known":
      return "is known";
    case "unknown":
      return "is unknown";
    default:
      return op;
  }
}

/** A spoken form for screen readers where the label is a symbol. */
export function operatorDescription(op: TestOp, kind: SubjectKind): string {
  switch (op) {
    case "<":
      return "less than";
    case "<=":
      return "at most";
    case ">":
      return "more than";
    case ">=":
      return "at least";
    default:
      return operatorLabel(op, kind);
  }
}

/** The shape of the value an operator takes. */
export type ValueShape = "none" | "single" | "range" | "list" | "duration" | "occurrence";

export function valueShape(op: TestOp, kind: SubjectKind): ValueShape {
  switch (op) {
    case "occurs":
      return kind === "date" ? "duration" : kind === "boolean" ? "none" : "occurrence";
    case "between":
      return "range";
    case "in":
    case "not in":
      return "list";
    case "known":
    case "unknown":
      return "none";
    default:
      return "single";
  }
}

/** The kind of literal a value of this subject and operator is written as. */
export function literalKindFor(kind: SubjectKind, op: TestOp, current?: LiteralDraft): LiteralDraft["kind"] {
  switch (kind) {
    case "number":
      return "number";
    case "date":
      return "date";
    case "boolean":
      return "boolean";
    case "text":
    case "enum":
    case "list":
      return "string";
    case "event":
      return current?.kind ?? "string";
    case "unknown":
      if (op === "contains" || op === "starts with" || op === "ends with") return "string";
      if (op === "before" || op === "after") return "date";
      if (op === "<" || op === "<=" || op === ">" || op === ">=" || op === "between") return current?.kind === "date" ? "date" : "number";
      return current?.kind ?? "string";
  }
}

/** A sensible value of a literal kind, for a freshly chosen operator. */
export function defaultLiteral(kind: LiteralDraft["kind"], enumValues?: readonly string[]): LiteralDraft {
  switch (kind) {
    case "number":
      return { kind: "number", value: 0 };
    case "string":
      return { kind: "string", value: enumValues?.[0] ?? "" };
    case "boolean":
      return { kind: "boolean", value: false };
    case "date":
      return { kind: "date", value: todayIso() };
  }
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Converts a value to another literal kind, keeping what carries over (a number's digits as text...). */
export function convertLiteral(value: LiteralDraft | undefined, kind: LiteralDraft["kind"], enumValues?: readonly string[]): LiteralDraft {
  if (value?.kind === kind) return value;
  if (value && kind === "string" && value.kind !== "boolean") {
    const text = value.kind === "number" ? (value.raw ?? String(value.value)) : value.value;
    if (!enumValues || enumValues.includes(text)) return { kind: "string", value: text };
  }
  if (value?.kind === "string" && kind === "number" && value.value.trim() !== "" && Number.isFinite(Number(value.value))) {
    return { kind: "number", value: Number(value.value) };
  }
  return defaultLiteral(kind, enumValues);
}

/**
 * The test after choosing another operator: values carry over where the shapes agree (`is` -> `is
 * not` keeps the value; `in` -> `is` keeps the first list item), otherwise a sensible default.
 */
export function changeOperator(test: TestDraft, op: TestOp, kind: SubjectKind, enumValues?: readonly string[]): TestDraft {
  if (op === test.op) return test;
  const next: TestDraft = { kind: "test", subject: test.subject, op };
  const literal = literalKindFor(kind, op, test.value ?? test.values?.[0] ?? test.low);
  const first = test.value ?? test.values?.[0] ?? test.low;
  switch (valueShape(op, kind)) {
    case "single":
      next.value = convertLiteral(first, literal, enumValues);
      break;
    case "range":
      next.low = convertLiteral(test.low ?? first, literal, enumValues);
      next.high = convertLiteral(test.high ?? test.low ?? first, literal, enumValues);
      break;
    case "list":
      next.values = test.values ?? [convertLiteral(first, literal, enumValues)];
      break;
    case "duration":
      next.within = test.within ?? { amount: 30, unit: "day" };
      break;
    case "occurrence":
      if (test.count !== undefined) next.count = test.count;
      if (test.within) next.within = test.within;
      break;
    case "none":
      break;
  }
  return next;
}

/** The default test for a subject just picked: the first operator of its type, with a default value. */
export function defaultTest(subject: TestDraft["subject"], kind: SubjectKind, enumValues?: readonly string[]): TestDraft {
  const op = OPERATORS[kind][0];
  return changeOperator({ kind: "test", subject, op: op === "occurs" ? "=" : "occurs" }, op, kind, enumValues);
}
