// Text fields tested by many rules ("title contains X" for ten Xs, "email ends with Y" for ten Ys)
// are matched in one pass instead of one string method call each: each `includes()` scans the whole
// text and costs ~10-15 ns on a job title. On the benchmark's 100-rule model its thirty such tests
// were ~45% of a lead; matched here, the lead went from ~1,145 to ~1,000 ns, and a lead of the
// 1,000-rule model from ~6.5 to ~3.6 us.
//
// A field's needles form a trie, written out as nested `switch`es on code units: the text is read
// once for all the "contains" needles (each position tried against the trie), once from the start
// for "starts with" and once from the end for "ends with". The results are bits of per-lead masks
// (h0, h1, ...), and a test is `((h0 & 4) !== 0)`, which rule families (rule-families.ts) turn
// into table lookups like any other literal. The trie compares UTF-16 code units exactly as
// includes/startsWith/endsWith do, so results are identical (tests/compiler/text-matcher.test.ts).
// Fields with fewer than MIN_TESTS such tests keep the string methods: there the pass costs about
// what the calls do.

import type { ScoringPlan } from "../../ir/plan.js";
import { leafConditions } from "./leaf-conditions.js";
import { bitOf, bitTest, maskNames, maskOf } from "./mask-bits.js";
import { stringLiteral } from "./literals.js";

export type TextOp = "contains" | "starts" | "ends";

/** A field needs at least this many distinct contains / starts / ends tests to get a matcher. */
export const MIN_TESTS = 3;
/**
 * The one pass reads ~2 ns per code unit of the text; an `includes()` call costs ~10 ns plus well
 * under 1 ns per unit. So a text longer than this many units per "contains" needle is searched with
 * `includes()` (measured: with 4 needles the pass is faster up to ~25 units, with 30 up to ~200).
 */
const SCAN_UNITS_PER_NEEDLE = 5;
/**
 * Needles longer than this are tested with their string method: the trie's code nests a level per
 * code unit where needles branch, and a model must not be able to make that arbitrarily deep.
 */
const MAX_TRIE_DEPTH = 40;

interface TrieNode {
  children: Map<number, TrieNode>;
  /** Statements setting the bits of the tests whose needle ends here. */
  hits: string[];
}

interface Test {
  op: TextOp;
  needle: string;
}

interface FieldMatcher {
  /** The field's tests: testKey() -> test number k. */
  numbers: Map<string, number>;
  /** Test k's operator and needle. */
  tests: Test[];
  /** The mask locals of this field's tests, test k in masks[k / BITS]. */
  masks: string[];
  /** Whether a condition asked for one of the tests (a field of another type never does). */
  used: boolean;
}

export class TextMatchers {
  private readonly fields = new Map<string, FieldMatcher>();
  private readonly nextMask = { value: 0 };

  /** Finds the fields with at least MIN_TESTS distinct tests among the plan's rules and gates. */
  constructor(plan: ScoringPlan) {
    const testsByField = new Map<string, Map<string, Test>>();
    for (const c of leafConditions(plan)) {
      if (c.k === "text" && (c.op === "contains" || c.op === "starts" || c.op === "ends")) {
        let tests = testsByField.get(c.field);
        if (!tests) testsByField.set(c.field, (tests = new Map()));
        tests.set(testKey(c.op, c.value), { op: c.op, needle: c.value });
      }
    }
    for (const [field, tests] of testsByField) {
      if (tests.size < MIN_TESTS) continue;
      const numbers = new Map([...tests.keys()].map((key, k) => [key, k]));
      const masks = maskNames("h", tests.size, this.nextMask);
      this.fields.set(field, { numbers, tests: [...tests.values()], masks, used: false });
    }
  }

  /**
   * The expression for `field` (held in a string local) passing the test, or undefined when the
   * field keeps its string methods. An unknown value passes no test: its masks stay 0.
   */
  test(field: string, op: TextOp, needle: string): string | undefined {
    const matcher = this.fields.get(field);
    const k = matcher?.numbers.get(testKey(op, needle));
    if (matcher === undefined || k === undefined) return undefined;
    matcher.used = true;
    return bitTest(matcher.masks, k);
  }

  /** Factory-level code: a function per matched field, and the array its masks past the first go through. */
  declarations(): string[] {
    const lines: string[] = [];
    let extra = 0;
    for (const [, matcher] of this.used()) {
      const name = matcherName(matcher);
      const { lines: code, pairs } = matcherFunction(name, name.replace("matchText", "PAIRS"), matcher, extra);
      lines.push(...pairs, ...code);
      extra += matcher.masks.length - 1;
    }
    return extra > 0 ? [`const HM = new Int32Array(${extra});`, ...lines] : lines;
  }

  /** Per-lead statements, after the field reads: the masks of each matched field. `local` gives a field's local. */
  statements(local: (field: string) => string): string[] {
    const lines: string[] = [];
    let extra = 0;
    for (const [field, matcher] of this.used()) {
      const [first, ...rest] = matcher.masks;
      // One declaration each: chunks.ts finds the per-lead locals by their `let`.
      lines.push(...matcher.masks.map((mask) => `let ${mask} = 0;`));
      const reads = rest.map((mask, i) => ` ${mask} = HM[${extra + i}];`).join("");
      lines.push(`if (${local(field)} !== undefined) { ${first} = ${matcherName(matcher)}(${local(field)});${reads} }`);
      extra += rest.length;
    }
    return lines;
  }

  private used(): [string, FieldMatcher][] {
    return [...this.fields].filter(([, matcher]) => matcher.used);
  }
}

/** A test as a Map key: the operator, a colon, the needle (which may hold any character). */
function testKey(op: TextOp, needle: string): string {
  return `${op}:${needle}`;
}

function matcherName(matcher: FieldMatcher): string {
  return `matchText${matcher.masks[0].slice(1)}`;
}

/** A field's tests, sorted by how the matcher runs them. */
interface MatcherParts {
  tries: Record<TextOp, TrieNode>;
  /** Tests run with their string method on every text: one-unit "contains" needles (`includes()`
   * finds one unit fastest) and needles too long for the trie. */
  direct: string[];
  /** The trie's "contains" tests as `includes()` calls, for a text too long for the pass. */
  scanned: string[];
  /** pair() of each trie "contains" needle's first two units. */
  pairs: Set<number>;
}

function matcherParts(matcher: FieldMatcher): MatcherParts {
  const parts: MatcherParts = { tries: { contains: node(), starts: node(), ends: node() }, direct: [], scanned: [], pairs: new Set() };
  for (const [k, { op, needle }] of matcher.tests.entries()) {
    const hit = `${maskOf(matcher.masks, k)} |= ${bitOf(k)};`;
    const call = `if (s.${METHOD[op]}(${stringLiteral(needle)})) ${hit}`;
    if ((op === "contains" && needle.length === 1) || needle.length > MAX_TRIE_DEPTH) {
      parts.direct.push(call);
      continue;
    }
    if (op === "contains" && needle.length > 1) {
      parts.pairs.add(pair(needle.charCodeAt(0), needle.charCodeAt(1)));
      parts.scanned.push(call);
    }
    let at = parts.tries[op];
    const units = Array.from({ length: needle.length }, (_, i) => needle.charCodeAt(i));
    for (const unit of op === "ends" ? units.reverse() : units) {
      let next = at.children.get(unit);
      if (!next) at.children.set(unit, (next = node()));
      at = next;
    }
    at.hits.push(hit);
  }
  return parts;
}

const METHOD: Record<TextOp, string> = { contains: "includes", starts: "startsWith", ends: "endsWith" };

/**
 * `function matchTextN(s)`: the tests of one field on the text `s`; returns the first mask and
 * writes the others to HM[extra...]. The "contains" loop first looks up each pair of adjacent code
 * units (five bits of each) in the table `pairsName` of the needles' first two: most positions
 * start no needle, and a predictable table test costs less than a `switch` that mispredicts.
 */
function matcherFunction(name: string, pairsName: string, matcher: FieldMatcher, extra: number): { lines: string[]; pairs: string[] } {
  const { tries, direct, scanned, pairs } = matcherParts(matcher);
  const lines = [`function ${name}(s) {`];
  lines.push(`  let ${matcher.masks.map((mask) => `${mask} = 0`).join(", ")};`, `  const n = s.length;`);
  // An empty needle is in every text.
  for (const trie of Object.values(tries)) lines.push(...trie.hits.map((hit) => `  ${hit}`));
  lines.push(...direct.map((line) => `  ${line}`));
  if (scanned.length > 0) {
    lines.push(
      `  if (n <= ${SCAN_UNITS_PER_NEEDLE * scanned.length}) {`,
      `    for (let i = 1, a = s.charCodeAt(0) & 31; i < n; i++) {`,
      `      const b = s.charCodeAt(i) & 31;`,
      `      const pair = (a << 5) | b;`,
      `      a = b;`,
      `      if (${pairsName}[pair] === 0) continue;`, // no needle starts at i - 1
    );
    emitChildren(tries.contains, (d) => (d === 0 ? "i - 1" : d === 1 ? "i" : `i + ${d - 1}`), 0, "      ", lines);
    lines.push(`    }`, `  } else {`, ...scanned.map((line) => `    ${line}`), `  }`);
  }
  emitChildren(tries.starts, (d) => String(d), 0, "  ", lines);
  emitChildren(tries.ends, (d) => `n - ${d + 1}`, 0, "  ", lines);
  matcher.masks.slice(1).forEach((mask, i) => lines.push(`  HM[${extra + i}] = ${mask};`));
  lines.push(`  return ${matcher.masks[0]};`, `}`);
  const table = pairs.size === 0 ? [] : [`const ${pairsName} = new Uint8Array(1024);`, `for (const pair of [${[...pairs].sort((x, y) => x - y).join(", ")}]) ${pairsName}[pair] = 1;`];
  return { lines, pairs: table };
}

/** The table index of two adjacent code units: five bits of each (letters keep their identity, case aside). */
function pair(first: number, second: number): number {
  return ((first & 31) << 5) | (second & 31);
}

/**
 * The tests below `at`: the code unit at `position(depth)` picks the child (past either end of the
 * text, charCodeAt gives NaN: no child). A run of single children is one `if` of comparisons.
 */
function emitChildren(at: TrieNode, position: (depth: number) => string, depth: number, indent: string, lines: string[]): void {
  const unit = (d: number) => `s.charCodeAt(${position(d)})`;
  if (at.children.size === 1) {
    const tests: string[] = [];
    let d = depth;
    let child = at;
    do {
      const [[code, next]] = child.children;
      tests.push(`${unit(d++)} === ${code}`);
      child = next;
    } while (child.hits.length === 0 && child.children.size === 1);
    lines.push(`${indent}if (${tests.join(" && ")}) {`, ...child.hits.map((hit) => `${indent}  ${hit}`));
    emitChildren(child, position, d, `${indent}  `, lines);
    lines.push(`${indent}}`);
  } else if (at.children.size > 1) {
    lines.push(`${indent}switch (${unit(depth)}) {`);
    for (const [code, child] of [...at.children].sort(([a], [b]) => a - b)) {
      lines.push(`${indent}  case ${code}:`, ...child.hits.map((hit) => `${indent}    ${hit}`));
      emitChildren(child, position, depth + 1, `${indent}    `, lines);
      lines.push(`${indent}    break;`);
    }
    lines.push(`${indent}}`);
  }
}

function node(): TrieNode {
  return { children: new Map(), hits: [] };
}
