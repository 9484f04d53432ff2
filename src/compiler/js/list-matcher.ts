// List fields tested by many rules ("tags contains X" for several Xs) are looked up once per lead:
// each item of the lead's list is looked up in a Map of the model's needles, and the found ones
// set bits of per-lead masks (l0, l1, ...), so a test is `((l0 & 4) !== 0)` instead of an
// `includes()` scan of the list per rule. Rule families (rule-families.ts) then visit only the set
// bits. A lead has few items and the model many tests: on the benchmark's 100-rule model (eleven
// tests of `tags`, most leads with 0-2 tags) this took ~35 ns off a lead of ~970 ns.
//
// Items and needles are both normalized text (semantics/values.ts toList, the checker's literal),
// so `list.includes(needle)` and "the Map finds the item's needle" agree exactly.

import type { ScoringPlan } from "../../ir/plan.js";
import { leafConditions } from "./leaf-conditions.js";
import { bitOf, bitTest, BITS, maskNames } from "./mask-bits.js";
import { stringLiteral } from "./literals.js";

/** A list field needs at least this many distinct `contains` needles to be looked up this way. */
export const MIN_NEEDLES = 3;

interface FieldLookup {
  /** Needle -> its number k: bit k % BITS of mask k / BITS. */
  numbers: Map<string, number>;
  /** The mask locals, `l0` ... */
  masks: string[];
  /** The factory-level Map's name. */
  map: string;
  used: boolean;
}

export class ListMatchers {
  private readonly fields = new Map<string, FieldLookup>();

  /** Finds the list fields with at least MIN_NEEDLES distinct needles among the rules and gates. */
  constructor(plan: ScoringPlan) {
    const needlesByField = new Map<string, Set<string>>();
    for (const c of leafConditions(plan)) {
      if (c.k === "listContains") {
        let needles = needlesByField.get(c.field);
        if (!needles) needlesByField.set(c.field, (needles = new Set()));
        needles.add(c.value);
      }
    }
    const nextMask = { value: 0 };
    for (const [field, needles] of needlesByField) {
      if (needles.size < MIN_NEEDLES) continue;
      const masks = maskNames("l", needles.size, nextMask);
      this.fields.set(field, { numbers: new Map([...needles].map((needle, k) => [needle, k])), masks, map: `LM${masks[0].slice(1)}`, used: false });
    }
  }

  /** The expression for `field`'s list containing `needle`, or undefined when the field keeps includes(). */
  test(field: string, needle: string): string | undefined {
    const lookup = this.fields.get(field);
    const k = lookup?.numbers.get(needle);
    if (lookup === undefined || k === undefined) return undefined;
    lookup.used = true;
    return bitTest(lookup.masks, k);
  }

  /** Factory-level code: each field's Map from needle to its bit (one mask) or number (several). */
  declarations(): string[] {
    const lines: string[] = [];
    for (const lookup of this.used()) {
      const single = lookup.masks.length === 1;
      const entries = [...lookup.numbers].map(([needle, k]) => `[${stringLiteral(needle)}, ${single ? bitOf(k) : k}]`);
      lines.push(`const ${lookup.map} = new Map([${entries.join(", ")}]);`);
    }
    return lines;
  }

  /** Per-lead statements, after the field reads: the masks of each looked-up field. `local` gives a field's local. */
  statements(local: (field: string) => string): string[] {
    const lines: string[] = [];
    for (const [field, lookup] of this.fields) {
      if (!lookup.used) continue;
      const list = local(field);
      // One declaration each: chunks.ts finds the per-lead locals by their `let`.
      lines.push(...lookup.masks.map((mask) => `let ${mask} = 0;`));
      const set =
        lookup.masks.length === 1
          ? `${lookup.masks[0]} |= b;`
          : `switch ((b / ${BITS}) | 0) { ${lookup.masks.map((mask, m) => `case ${m}: ${mask} |= 1 << (b - ${m * BITS}); break;`).join(" ")} }`;
      lines.push(`if (${list} !== undefined) for (let i = 0; i < ${list}.length; i++) { const b = ${lookup.map}.get(${list}[i]); if (b !== undefined) { ${set} } }`);
    }
    return lines;
  }

  private used(): FieldLookup[] {
    return [...this.fields.values()].filter((lookup) => lookup.used);
  }
}
