// Can a resolved condition ever be true? The reasoning behind "this condition can never be true".
//
// A condition is put in disjunctive normal form (an `or` of `and`-terms of possibly negated tests);
// it can never be true when every term is contradictory. A term is contradictory when the tests on
// one field (or one event) cannot all hold for any value of it. Unknown values follow SPEC 3: every
// comparison on an unknown value is false, and `not` turns that false into true, so `not x > 5` also
// holds for a lead whose x is unknown, while `x <= 5` does not.
//
// The answer errs on one side only: "contradictory" is said only when it is certain. Where the
// reasoning would get expensive or depends on the as-of time (`within`), the term is taken to be
// satisfiable.

import type { FieldType, PlanCondition } from "../../ir/plan.js";
import { DAY_MS } from "../../semantics/values.js";

/** A single test: anything but and / or / not. */
export type Atom = Exclude<PlanCondition, { k: "and" | "or" | "not" }>;

export interface TestLiteral {
  atom: Atom;
  /** True when the test is under an odd number of `not`s. */
  negated: boolean;
}

/** Above this many and-terms the normal form is not built (it grows exponentially). */
const MAX_TERMS = 64;

/** The condition as an `or` of `and`-terms; [] is "never true", [[]] is "always true". */
export function disjunctiveTerms(condition: PlanCondition, negated = false): TestLiteral[][] | undefined {
  switch (condition.k) {
    case "not":
      return disjunctiveTerms(condition.item, !negated);
    case "and":
    case "or": {
      const parts: TestLiteral[][][] = [];
      for (const item of condition.items) {
        const part = disjunctiveTerms(item, negated);
        if (!part) return undefined;
        parts.push(part);
      }
      // De Morgan: a negated `and` is an `or` of negations, and the other way round.
      const isAnd = (condition.k === "and") !== negated;
      if (!isAnd) {
        const terms = parts.flat();
        return terms.length > MAX_TERMS ? undefined : terms;
      }
      let terms: TestLiteral[][] = [[]];
      for (const part of parts) {
        if (terms.length * part.length > MAX_TERMS) return undefined;
        if (part.length === 1) {
          // The common case (an `and` of plain tests): extend the terms in place, which are all built
          // here, rather than copying them for every operand of a long chain.
          for (const term of terms) for (const literal of part[0]) term.push(literal);
        } else {
          terms = terms.flatMap((term) => part.map((other) => [...term, ...other]));
        }
      }
      return terms;
    }
    case "const":
      return condition.value !== negated ? [[]] : [];
    default:
      return [[{ atom: condition, negated }]];
  }
}

/** What a group of tests is about: one field, or one event. */
export type Subject = { kind: "field"; name: string } | { kind: "event"; event: string };

export function subjectOf(atom: Atom): Subject | undefined {
  if (atom.k === "const") return undefined;
  if (atom.k === "event") return { kind: "event", event: atom.event };
  return { kind: "field", name: atom.field };
}

/** A key per field or event (the \\u0001 keeps an event apart from a field of the same name). */
function subjectKey(atom: Atom): string | undefined {
  if (atom.k === "const") return undefined;
  return atom.k === "event" ? `\u0001${atom.event}` : atom.field;
}

export interface Contradiction {
  subject: Subject;
  /** A smallest set of the term's tests on that subject that cannot all hold. */
  literals: TestLiteral[];
}

/**
 * The first contradiction found in an and-term, if any. Fields are checked one at a time, since tests
 * on different fields never contradict each other. (This runs for every rule on every keystroke in
 * the playground, so the common cases take short paths.)
 */
export function findContradiction(term: TestLiteral[], fieldTypes: ReadonlyMap<string, FieldType>): Contradiction | undefined {
  if (term.length === 1) {
    const [literal] = term;
    const subject = subjectOf(literal.atom);
    if (!subject || plainlySatisfiable(literal)) return undefined;
    const type = subject.kind === "field" ? fieldTypes.get(subject.name) : undefined;
    return satisfiable(term, type) ? undefined : { subject, literals: term };
  }
  const bySubject = new Map<string, TestLiteral[]>();
  for (const literal of term) {
    const key = subjectKey(literal.atom);
    if (key === undefined) continue;
    const literals = bySubject.get(key);
    if (literals) literals.push(literal);
    else bySubject.set(key, [literal]);
  }
  for (const literals of bySubject.values()) {
    if (literals.length === 1 && plainlySatisfiable(literals[0])) continue;
    const subject = subjectOf(literals[0].atom)!;
    const type = subject.kind === "field" ? fieldTypes.get(subject.name) : undefined;
    if (satisfiable(literals, type)) continue;
    return { subject, literals: smallestConflict(literals, type) };
  }
  return undefined;
}

/**
 * Tests that always hold for some lead on their own, whatever the field's type: a quick answer for
 * the common single test. (False means "look closer", not "contradictory".)
 */
function plainlySatisfiable({ atom, negated }: TestLiteral): boolean {
  switch (atom.k) {
    case "event":
      return !negated || atom.atLeast > 0;
    case "known":
    case "isTrue":
    case "bool":
    case "dateWithin":
    case "listContains":
    case "number":
    case "date":
      return true;
    default:
      // A negated test holds for a lead whose value is unknown.
      return negated;
  }
}

/** Shrinks a contradictory set to one test or a pair when possible, so the message stays short. */
function smallestConflict(literals: TestLiteral[], type: FieldType | undefined): TestLiteral[] {
  for (const literal of literals) if (!satisfiable([literal], type)) return [literal];
  if (literals.length <= PAIR_SEARCH_LIMIT) {
    for (let i = 0; i < literals.length; i++) {
      for (let j = i + 1; j < literals.length; j++) {
        if (!satisfiable([literals[i], literals[j]], type)) return [literals[i], literals[j]];
      }
    }
    return literals;
  }
  // Many tests: drop every test the contradiction does not need (linear in calls, not quadratic).
  const needed = [...literals];
  for (let i = needed.length - 1; i >= 0; i--) {
    const without = needed.slice(0, i).concat(needed.slice(i + 1));
    if (!satisfiable(without, type)) needed.splice(i, 1);
  }
  return needed;
}

const PAIR_SEARCH_LIMIT = 16;

/** Whether the tests (all on one subject) can hold together for some lead. */
export function satisfiable(literals: TestLiteral[], type: FieldType | undefined): boolean {
  if (literals.length === 0) return true;
  if (literals[0].atom.k === "event") return eventsSatisfiable(literals);
  // A lead whose value is unknown passes a test only through `is unknown` or a `not`.
  let unknownPasses = true;
  let requiresUnknown = false;
  const valueTests: TestLiteral[] = [];
  for (const literal of literals) {
    const { atom } = literal;
    const holdsForUnknown = (atom.k === "known" && atom.negated) !== literal.negated;
    if (!holdsForUnknown) unknownPasses = false;
    if (atom.k === "known") requiresUnknown ||= atom.negated !== literal.negated;
    else if (atom.k !== "dateWithin") valueTests.push(literal); // `within` depends on the as-of time
  }
  if (unknownPasses) return true;
  // Otherwise the value is known: look for one that passes every test.
  if (requiresUnknown) return false;
  if (valueTests.length === 0) return true;
  switch (valueTests[0].atom.k) {
    case "number":
    case "numberBetween":
    case "numberIn":
      return comparisonsSatisfiable(valueTests) ?? numberCandidates(valueTests).some((v) => passesAll(valueTests, v));
    case "date":
    case "dateBetween":
      // Dates compare by calendar day: a value is a whole number of days, so look at whole days only.
      return comparisonsSatisfiable(valueTests, DAY_MS) ?? numberCandidates(valueTests, DAY_MS).some((v) => passesAll(valueTests, v));
    case "isTrue":
    case "bool":
      return passesAll(valueTests, true) || passesAll(valueTests, false);
    case "listContains": {
      // The list holding exactly the required items is the best candidate: it avoids every other item.
      const required: string[] = [];
      for (const l of valueTests) if (!l.negated && l.atom.k === "listContains") required.push(l.atom.value);
      return passesAll(valueTests, required);
    }
    case "text":
    case "textIn":
      return textSatisfiable(valueTests, type);
    default:
      return true;
  }
}

const FLIPPED = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "=" } as const;

/**
 * The quick exact answer for comparisons and ranges, which make one interval: does it hold a value
 * (a whole day, with `dayMs`)? Undefined when a test is not of that kind (`!=`, `in`, a negated
 * range): the general search answers then.
 */
function comparisonsSatisfiable(tests: TestLiteral[], dayMs?: number): boolean | undefined {
  let low = -Infinity;
  let lowOpen = false;
  let high = Infinity;
  let highOpen = false;
  for (const { atom, negated } of tests) {
    if (atom.k === "numberBetween" || atom.k === "dateBetween") {
      if (negated) return undefined;
      if (atom.low > low) [low, lowOpen] = [atom.low, false];
      if (atom.high < high) [high, highOpen] = [atom.high, false];
      continue;
    }
    if (atom.k !== "number" && atom.k !== "date") return undefined;
    const written = atom.op === "before" ? "<" : atom.op === "after" ? ">" : atom.op;
    const op = negated ? FLIPPED[written] : written;
    const v = atom.value;
    if (op === "!=") return undefined;
    if (op === ">" || op === ">=" || op === "=") {
      const open = op === ">";
      if (v > low || (v === low && open)) [low, lowOpen] = [v, open];
    }
    if (op === "<" || op === "<=" || op === "=") {
      const open = op === "<";
      if (v < high || (v === high && open)) [high, highOpen] = [v, open];
    }
  }
  if (dayMs !== undefined) {
    const firstDay = lowOpen ? Math.floor(low / dayMs) + 1 : Math.ceil(low / dayMs);
    const lastDay = highOpen ? Math.ceil(high / dayMs) - 1 : Math.floor(high / dayMs);
    return firstDay <= lastDay;
  }
  return low < high || (low === high && !lowOpen && !highOpen);
}

type KnownValue = number | string | boolean | string[];

function passesAll(literals: TestLiteral[], value: KnownValue): boolean {
  for (const literal of literals) if (holds(literal.atom, value) === literal.negated) return false;
  return true;
}

/**
 * An atom's truth for a known value, as src/interpreter/conditions.ts evaluates it (numbers for number
 * and date tests, where a date value is already its day's start; normalised text; lists of text).
 */
function holds(atom: Atom, value: KnownValue): boolean {
  switch (atom.k) {
    case "number":
    case "date": {
      if (typeof value !== "number") return false;
      switch (atom.op) {
        case "=":
          return value === atom.value;
        case "!=":
          return value !== atom.value;
        case "<":
        case "before":
          return value < atom.value;
        case "<=":
          return value <= atom.value;
        case ">":
        case "after":
          return value > atom.value;
        case ">=":
          return value >= atom.value;
      }
      return false;
    }
    case "numberBetween":
    case "dateBetween":
      return typeof value === "number" && value >= atom.low && value <= atom.high;
    case "numberIn":
      return typeof value === "number" && atom.values.includes(value) !== atom.negated;
    case "text": {
      if (typeof value !== "string") return false;
      switch (atom.op) {
        case "=":
          return value === atom.value;
        case "!=":
          return value !== atom.value;
        case "contains":
          return value.includes(atom.value);
        case "starts":
          return value.startsWith(atom.value);
        case "ends":
          return value.endsWith(atom.value);
      }
      return false;
    }
    case "textIn":
      return typeof value === "string" && atom.values.includes(value) !== atom.negated;
    case "isTrue":
      return value === true;
    case "bool":
      return typeof value === "boolean" && (atom.op === "=" ? value === atom.value : value !== atom.value);
    case "listContains":
      return Array.isArray(value) && value.includes(atom.value);
    case "known":
      return !atom.negated;
    default:
      return true;
  }
}

/**
 * Every number test compares against a few thresholds, and between two neighbouring thresholds all
 * values behave alike. So trying each threshold, the midpoints between them and a value beyond each
 * end is exact. Dates are whole days (`unit` ms each): there the values beside a threshold are the
 * day before and the day after, which also covers every gap that holds a whole day.
 */
function numberCandidates(literals: TestLiteral[], unit?: number): number[] {
  const thresholds = new Set<number>();
  for (const { atom } of literals) {
    if (atom.k === "number" || atom.k === "date") thresholds.add(atom.value);
    else if (atom.k === "numberBetween" || atom.k === "dateBetween") {
      thresholds.add(atom.low);
      thresholds.add(atom.high);
    } else if (atom.k === "numberIn") for (const v of atom.values) thresholds.add(v);
  }
  const sorted = [...thresholds].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [0];
  if (unit !== undefined) {
    return sorted.flatMap((t) => {
      const day = Math.round(t / unit);
      return [(day - 1) * unit, day * unit, (day + 1) * unit];
    });
  }
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  // Beyond each end by at least 1, and by enough to change the value even for huge numbers.
  const candidates = [low - Math.max(1, Math.abs(low)), high + Math.max(1, Math.abs(high))];
  sorted.forEach((t, i) => {
    candidates.push(t);
    if (i + 1 < sorted.length) candidates.push(t + (sorted[i + 1] - t) / 2);
  });
  return candidates;
}

/** Text: exact over a finite set of possible values, cautious over free text. */
function textSatisfiable(literals: TestLiteral[], type: FieldType | undefined): boolean {
  const finite = finiteTextCandidates(literals, type);
  // Blank text is unknown, so a known text value is never empty.
  if (finite) return finite.some((v) => v !== "" && passesAll(literals, v));

  // Free text: any finite number of exclusions can be avoided, so only patterns can clash.
  const patterns = literals.filter((l) => l.atom.k === "text" && (l.atom.op === "contains" || l.atom.op === "starts" || l.atom.op === "ends"));
  const required = patterns.filter((l) => !l.negated).map((l) => l.atom as Extract<Atom, { k: "text" }>);
  const forbidden = patterns.filter((l) => l.negated).map((l) => l.atom as Extract<Atom, { k: "text" }>);
  const starts = required.filter((a) => a.op === "starts").map((a) => a.value);
  const ends = required.filter((a) => a.op === "ends").map((a) => a.value);
  const clash = (values: string[], fits: (a: string, b: string) => boolean) =>
    values.some((a, i) => values.slice(i + 1).some((b) => !fits(a, b) && !fits(b, a)));
  if (clash(starts, (a, b) => a.startsWith(b))) return false;
  if (clash(ends, (a, b) => a.endsWith(b))) return false;
  // A forbidden pattern that a required one implies ("starts with vp" implies "contains v").
  for (const no of forbidden) {
    if (no.value === "") return false; // every text contains, starts and ends with ""
    const implied = required.some((yes) => {
      if (no.op === "contains") return yes.value.includes(no.value);
      if (no.op === "starts") return yes.op === "starts" && yes.value.startsWith(no.value);
      return yes.op === "ends" && yes.value.endsWith(no.value);
    });
    if (implied) return false;
  }
  return true;
}

/** The values a text can take when the tests (or the field's enum type) restrict it to a few. */
function finiteTextCandidates(literals: TestLiteral[], type: FieldType | undefined): string[] | undefined {
  if (type?.kind === "enum") return type.values;
  for (const { atom, negated } of literals) {
    if (atom.k === "text" && atom.op === "=" && !negated) return [atom.value];
    if (atom.k === "text" && atom.op === "!=" && negated) return [atom.value];
    if (atom.k === "textIn" && atom.negated === negated) return atom.values;
  }
  return undefined;
}

/**
 * Event tests: "at least K times within D" holds or not depending on how many occurrences fall in
 * the window. A required count in a window contradicts a forbidden one when it implies it: at least
 * as many occurrences in a window no wider. Checking pairs is exact, because the fewest occurrences
 * meeting every requirement exist.
 */
function eventsSatisfiable(literals: TestLiteral[]): boolean {
  for (const no of literals) {
    if (!no.negated) continue;
    const forbidden = no.atom as Extract<Atom, { k: "event" }>;
    if (forbidden.atLeast <= 0) return false; // fewer than 0 occurrences
    for (const yes of literals) {
      if (yes.negated) continue;
      const required = yes.atom as Extract<Atom, { k: "event" }>;
      if (required.atLeast >= forbidden.atLeast && (required.withinDays ?? Infinity) <= (forbidden.withinDays ?? Infinity)) return false;
    }
  }
  return true;
}
