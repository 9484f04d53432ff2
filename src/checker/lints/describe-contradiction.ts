// Puts a contradiction into plain words for a marketer: "company_size cannot be above 500 and below
// 100 at the same time", "\"opened email\" cannot happen and not happen at the same time".

import type { FieldType } from "../../ir/plan.js";
import type { Atom, Contradiction, TestLiteral } from "./satisfiable.js";

function formatDate(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().slice(0, 10);
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function listOf(items: string[]): string {
  return items.join(", ");
}

/** The test as a verb phrase, as in "company_size cannot ___": "be above 500", "contain \"vp\"". */
function phrase(atom: Atom): string {
  switch (atom.k) {
    case "number":
      switch (atom.op) {
        case "=":
          return `be ${atom.value}`;
        case "!=":
          return `not be ${atom.value}`;
        case "<":
          return `be below ${atom.value}`;
        case "<=":
          return `be at most ${atom.value}`;
        case ">":
          return `be above ${atom.value}`;
        case ">=":
          return `be at least ${atom.value}`;
      }
      return "";
    case "numberBetween":
      return `be between ${atom.low} and ${atom.high}`;
    case "numberIn":
      if (atom.values.length === 0) return atom.negated ? "be any number" : "be in an empty list";
      return `${atom.negated ? "not be" : "be"} one of ${listOf(atom.values.map(String))}`;
    case "text":
      switch (atom.op) {
        case "=":
          return `be ${quote(atom.value)}`;
        case "!=":
          return `not be ${quote(atom.value)}`;
        case "contains":
          return `contain ${quote(atom.value)}`;
        case "starts":
          return `start with ${quote(atom.value)}`;
        case "ends":
          return `end with ${quote(atom.value)}`;
      }
      return "";
    case "textIn":
      if (atom.values.length === 0) return atom.negated ? "be any text" : "be in an empty list";
      return `${atom.negated ? "not be" : "be"} one of ${listOf(atom.values.map(quote))}`;
    case "isTrue":
      return "be true";
    case "bool":
      return `${atom.op === "=" ? "be" : "not be"} ${atom.value}`;
    case "date":
      switch (atom.op) {
        case "before":
        case "<":
          return `be before ${formatDate(atom.value)}`;
        case "after":
        case ">":
          return `be after ${formatDate(atom.value)}`;
        case "<=":
          return `be on or before ${formatDate(atom.value)}`;
        case ">=":
          return `be on or after ${formatDate(atom.value)}`;
        case "=":
          return `be on ${formatDate(atom.value)}`;
        case "!=":
          return `not be on ${formatDate(atom.value)}`;
      }
      return "";
    case "dateBetween":
      return `be between ${formatDate(atom.low)} and ${formatDate(atom.high)}`;
    case "dateWithin":
      return `be within the last ${atom.days} days`;
    case "listContains":
      return `contain ${quote(atom.value)}`;
    case "known":
      return atom.negated ? "be unknown" : "be known";
    case "event": {
      const times = atom.atLeast > 1 ? ` at least ${atom.atLeast} times` : "";
      return `happen${times}${within(atom.withinDays)}`;
    }
    case "const":
      return atom.value ? "be true" : "be false";
  }
}

function within(days: number | undefined): string {
  return days === undefined ? "" : ` within ${days} ${days === 1 ? "day" : "days"}`;
}

/** The opposite comparison reads better than "not be above 5" (the value is known in a contradiction). */
const OPPOSITE_NUMBER_OP = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "=" } as const;
const OPPOSITE_DATE_OP = { ...OPPOSITE_NUMBER_OP, before: ">=", after: "<=" } as const;

function literalPhrase({ atom, negated }: TestLiteral): string {
  if (!negated) return phrase(atom);
  if (atom.k === "event") {
    // "not (at least 3 times)" reads better as "fewer than 3 times".
    return atom.atLeast > 1 ? `happen fewer than ${atom.atLeast} times${within(atom.withinDays)}` : `not happen${within(atom.withinDays)}`;
  }
  if (atom.k === "known") return atom.negated ? "be known" : "be unknown";
  if (atom.k === "number") return phrase({ ...atom, op: OPPOSITE_NUMBER_OP[atom.op] });
  if (atom.k === "date") return phrase({ ...atom, op: OPPOSITE_DATE_OP[atom.op] });
  const positive = phrase(atom);
  return positive.startsWith("not ") ? positive.slice(4) : `not ${positive}`;
}

/** "a and b", "a, b and c" */
function joinPhrases(phrases: string[], word = "and"): string {
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} ${word} ${phrases[phrases.length - 1]}`;
}

/** Why a single test can never hold on its own, when there is more to say than the test itself. */
function singleTestExplanation(literal: TestLiteral, type: FieldType | undefined): string {
  const { atom } = literal;
  if ((atom.k === "numberBetween" || atom.k === "dateBetween") && atom.low > atom.high && !literal.negated) {
    return atom.k === "dateBetween" ? `, since ${formatDate(atom.low)} comes after ${formatDate(atom.high)}` : `, since ${atom.low} is above ${atom.high}`;
  }
  if (atom.k === "textIn" && atom.values.length === 0) return "";
  if (type?.kind === "enum") return ` (its values are ${listOf(type.values.map(quote))})`;
  return "";
}

export interface DescribeContext {
  fieldTypes: ReadonlyMap<string, FieldType>;
  /** Event names as the model wrote them, by normalised name. */
  eventLabels: ReadonlyMap<string, string>;
}

export function describeContradiction(contradiction: Contradiction, context: DescribeContext): string {
  const { subject, literals } = contradiction;
  const who = subject.kind === "field" ? subject.name : quote(context.eventLabels.get(subject.event) ?? subject.event);
  const phrases = [...new Set(literals.map(literalPhrase))];
  // Requirements first, exclusions after: "be 5 and not be 5" rather than "not be 5 and be 5".
  const positives = phrases.filter((p) => !p.startsWith("not "));
  const negatives = phrases.filter((p) => p.startsWith("not "));

  if (positives.length === 0 && subject.kind === "field") {
    // Only exclusions, and they exclude everything (an enum or a yes/no field).
    const excluded = negatives.map((p) => p.slice(4));
    const rest = excluded.every((p) => p.startsWith("be "))
      ? `be ${joinPhrases(excluded.map((p) => p.slice(3).replace(/^one of /, "")), "or")}`
      : joinPhrases(excluded, "or");
    return `${who} would have no possible value left, as it must not ${rest}`;
  }
  if (phrases.length === 1) {
    const type = subject.kind === "field" ? context.fieldTypes.get(subject.name) : undefined;
    return `${who} can never ${phrases[0]}${singleTestExplanation(literals[0], type)}`;
  }
  const ordered = [...positives, ...negatives];
  // "be above 500 and be below 100" -> "be above 500 and below 100"
  const allBe = ordered.every((p) => p.startsWith("be "));
  const joined = allBe ? `be ${joinPhrases(ordered.map((p) => p.slice(3)))}` : joinPhrases(ordered);
  return `${who} cannot ${joined} at the same time`;
}
