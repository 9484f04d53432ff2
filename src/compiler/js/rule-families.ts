// Big models: rules that differ only in their literals ("title contains X add P" for forty Xs) are
// evaluated by one loop over a table of those literals instead of one `if` each. A thousand rules
// written out are a thousand `if`s of machine code, more than the processor's instruction cache
// holds, so every lead fetches the code again; the loops stay in cache and the tables are data.
// This is also how a person writes such a model by hand (a table and a loop).
//
// A family is found on the generated code itself: a rule's condition and amount with every string
// and number literal taken out give its shape; rules of one shape (and one accumulator) form a
// family when there are at least MIN_FAMILY of them, and the literals become the table's rows.

import { BIT_TEST_SHAPE } from "./mask-bits.js";

/** Fewer rules of one shape stay written out. */
export const MIN_FAMILY = 4;

const HOLE = "\u0000";

/**
 * `code` with each literal replaced by a numbered hole, and the literals in order. The literals
 * are JSON string literals and number literals (`\d+(\.\d+)?(e[+-]?\d+)?`); names are never split
 * (`f3`, `Infinity`). A scan by hand: with a regular expression and a replacer this was a fifth of
 * code generation for big models.
 */
export function abstractLiterals(code: string, first = 0): { shape: string; literals: string[] } {
  const literals: string[] = [];
  let shape = "";
  let copied = 0;
  const n = code.length;
  for (let i = 0; i < n; ) {
    const c = code.charCodeAt(i);
    let end = -1;
    if (c === QUOTE) end = stringLiteralEnd(code, i);
    else if (isDigit(c)) end = numberLiteralEnd(code, i);
    else if (isNameStart(c)) {
      for (i++; i < n && isNamePart(code.charCodeAt(i)); i++);
      continue;
    }
    if (end < 0) {
      i++;
      continue;
    }
    shape += `${code.slice(copied, i)}${HOLE}${first + literals.length}${HOLE}`;
    literals.push(code.slice(i, end));
    copied = i = end;
  }
  return { shape: shape + code.slice(copied), literals };
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Past the closing quote of the string literal opening at `start`, or -1 if it is not closed. */
function stringLiteralEnd(code: string, start: number): number {
  for (let j = start + 1; j < code.length; j++) {
    const c = code.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) {
      // An escape takes the next character, which may not be a line break.
      const next = code.charCodeAt(j + 1);
      if (j + 1 >= code.length || next === 10 || next === 13 || next === 0x2028 || next === 0x2029) return -1;
      j++;
    }
  }
  return -1;
}

/** Past the number literal starting at `start` (a digit). */
function numberLiteralEnd(code: string, start: number): number {
  let j = start;
  while (isDigit(code.charCodeAt(j))) j++;
  if (code.charCodeAt(j) === 46 && isDigit(code.charCodeAt(j + 1))) for (j++; isDigit(code.charCodeAt(j)); j++);
  if (code.charCodeAt(j) === 101) {
    let k = j + 1;
    if (code.charCodeAt(k) === 43 || code.charCodeAt(k) === 45) k++;
    if (isDigit(code.charCodeAt(k))) for (j = k; isDigit(code.charCodeAt(j)); j++);
  }
  return j;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/**
 * A family whose condition is one bit of a per-lead mask, `((h0 & 4) !== 0)` (text-matcher.ts,
 * list-matcher.ts): the mask and each row's bit. Undefined unless every row tests a different
 * single bit and the bits rise row after row, so visiting the set bits from the lowest visits the
 * matching rows in table order (the same additions in the same order, and explanations' hits).
 */
function bitTests(family: Family): { mask: string; bits: number[] } | undefined {
  const shape = BIT_TEST_SHAPE.exec(family.conditionShape);
  if (shape === null) return undefined;
  const bits = family.rows.map((row) => Number(row[0]));
  for (let i = 0; i < bits.length; i++) {
    if (family.rows[i][1] !== "0" || !Number.isInteger(Math.log2(bits[i])) || bits[i] > 2 ** 30 || (i > 0 && bits[i] <= bits[i - 1])) return undefined;
  }
  return { mask: shape[1], bits };
}

/** Fills the holes of a shape with reads of the table row starting at `table[j]`. */
function fill(shape: string, table: string): string {
  return shape.replace(/\u0000(\d+)\u0000/g, (_, k: string) => (k === "0" ? `${table}[j]` : `${table}[j + ${k}]`));
}

export interface FamilyRule {
  /** Position of the rule in the plan (its index in R for explanations). */
  index: number;
  condition: string;
  amount: string;
}

export interface Family {
  rules: FamilyRule[];
  conditionShape: string;
  amountShape: string;
  /** Literals per rule: the condition's, then the amount's. */
  width: number;
  /** The literals of each rule, in the order of `rules`. */
  rows: string[][];
}

/** Finds families and writes their tables and loops; one per generated scorer. */
export class FamilyEmitter {
  /** `const F0 = [...]` declarations, to be emitted at factory level. */
  readonly tables: string[] = [];
  /**
   * Each rule's abstraction (the plain and explain functions ask for the same rule objects). A
   * Map: the emitter lives for one generation, and a WeakMap's entries cost the collector more
   * (~8% of code generation for 1,000 rules).
   */
  private readonly abstractions = new Map<FamilyRule, { shape: string; literals: string[] }>();

  /** Splits rules into families of one shape (at least MIN_FAMILY rules) and the rest, both in order. */
  findFamilies(rules: readonly FamilyRule[]): { families: Family[]; rest: FamilyRule[] } {
    const byShape = new Map<string, Family>();
    for (const rule of rules) {
      const { shape, literals } = this.abstraction(rule);
      let family = byShape.get(shape);
      if (!family) {
        const [conditionShape, amountShape] = shape.split("\u0001");
        family = { rules: [], conditionShape, amountShape, width: literals.length, rows: [] };
        byShape.set(shape, family);
      }
      family.rules.push(rule);
      family.rows.push(literals);
    }
    const families: Family[] = [];
    const inFamily = new Set<number>();
    for (const family of byShape.values()) {
      if (family.rules.length < MIN_FAMILY) continue;
      families.push(family);
      for (const rule of family.rules) inFamily.add(rule.index);
    }
    return { families, rest: rules.filter((rule) => !inFamily.has(rule.index)) };
  }

  /**
   * A loop evaluating the family. `update(condition, amount, index)` is the statement for one rule,
   * given the code of its condition and amount and the expression of its position in the plan.
   * `skipsFalse`: the statement does nothing when its condition is false (`if (c) g0 += a`), so
   * rows that cannot match may be left out.
   */
  loop(family: Family, update: (condition: string, amount: string, index: string) => string, skipsFalse = false): string {
    const name = `F${this.tables.length}`;
    const width = family.width + 1; // the rule's index last
    const cells: string[] = [];
    family.rules.forEach((rule, i) => cells.push(...family.rows[i], String(rule.index)));
    this.tables.push(`const ${name} = [${cells.join(", ")}];`);
    const index = `${name}[j + ${width - 1}]`;
    const bits = skipsFalse ? bitTests(family) : undefined;
    if (bits !== undefined) {
      // Only the rows whose bit is set: a lead's title matches a keyword or two of dozens.
      const rows = `B${name.slice(1)}`;
      const rowOfBit = Array.from({ length: 31 }, (_, b) => bits.bits.indexOf(2 ** b) * width);
      this.tables.push(`const ${rows} = new Int32Array([${rowOfBit.join(", ")}]);`);
      const all = bits.bits.reduce((union, bit) => union | bit, 0);
      return `for (let m = ${bits.mask} & ${all}, j = 0; m !== 0; m &= m - 1) { j = ${rows}[31 - Math.clz32(m & -m)]; ${update("true", fill(family.amountShape, name), index)} }`;
    }
    return `for (let j = 0; j < ${cells.length}; j += ${width}) ${update(fill(family.conditionShape, name), fill(family.amountShape, name), index)}`;
  }

  /** The rule's shape (condition and amount, literals taken out, joined by \u0001) and literals. */
  private abstraction(rule: FamilyRule): { shape: string; literals: string[] } {
    let found = this.abstractions.get(rule);
    if (!found) {
      const condition = abstractLiterals(rule.condition);
      const amount = abstractLiterals(rule.amount, condition.literals.length);
      found = { shape: `${condition.shape}\u0001${amount.shape}`, literals: [...condition.literals, ...amount.literals] };
      this.abstractions.set(rule, found);
    }
    return found;
  }
}
