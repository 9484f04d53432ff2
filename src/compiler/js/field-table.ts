// The schema fields of a compiled scorer: which local holds each field's typed value, and the code
// that reads and validates them. Validation mirrors readLead() exactly (same order, same messages),
// with a typeof fast path for the common case and the shared converters for everything else.

import type { FieldType, Schema } from "../../ir/plan.js";
import { DAY_MS } from "../../semantics/values.js";
import { numberLiteral, stringLiteral } from "./literals.js";

/**
 * `v` (a string) trimmed as String.prototype.trim trims it. When both ends are printable ASCII
 * other than a space there is nothing to trim, and not calling trim() takes ~5 ns off each text
 * field of a lead (a fifth of a small model's lead). `c` is a local of the scoring function.
 */
const TRIMMED_V = `((c = v.charCodeAt(0)) > 32 && c < 127 && (c = v.charCodeAt(v.length - 1)) > 32 && c < 127 ? v : v.trim())`;

/**
 * The member an enum field's text `v` spells (trimmed, lower case; "" when blank), or undefined when
 * it spells none. Leads spell an enum field's few values the same few ways ("SaaS", "saas"), so
 * each spelling is remembered: one Map lookup then replaces trim(), toLowerCase() (which allocates)
 * and the member comparisons: ~11 ns of the ~150 of a flat lead of the 10-rule bench model. The
 * memo is bounded as SPELLINGS is (event-slots.ts), so hostile input cannot make it big; a
 * non-member is not remembered, its lead takes toEnum() for the error record.
 */
const ENUM_SPELLING = [
  `function enumSpelling(v, values, memo) {`,
  `  const t = v.trim().toLowerCase();`,
  `  const i = values.indexOf(t);`,
  `  if (t !== "" && i < 0) return undefined;`,
  // The model's own string (a literal, so interned): comparing it with the rules' literals is then
  // a pointer comparison.
  `  const member = t === "" ? "" : values[i];`,
  `  if (memo.size < 1024 && v.length <= 100) memo.set(v, member);`,
  `  return member;`,
  `}`,
];

/** The JavaScript type a field's typed value has when known (dates are epoch ms). */
export type Family = "number" | "string" | "boolean" | "list";

export function familyOf(type: FieldType): Family {
  switch (type.kind) {
    case "number":
    case "date":
      return "number";
    case "text":
    case "enum":
      return "string";
    case "boolean":
      return "boolean";
    case "list":
      return "list";
  }
}

export interface FieldRef {
  /** Expression for the typed value (undefined = unknown). */
  expr: string;
  family: Family;
}

/**
 * Statement setting `v` to the lead's OWN property `name` (readLead uses Object.hasOwn: an inherited
 * `constructor` is not a value). hasOwn on every field is slow, so for an ordinary lead (prototype
 * Object.prototype, checked once per lead as `plainLead`) a defined value is known to be own unless
 * it is the very value Object.prototype has under that name; names Object.prototype defines itself
 * (`__proto__` is an accessor whose result depends on the receiver) always ask hasOwn.
 */
export function readOwn(name: string): string {
  const key = stringLiteral(name);
  if (name in Object.prototype) return `v = hasOwn(raw, ${key}) ? raw[${key}] : undefined;`;
  return `v = raw[${key}]; if (v !== undefined && (!plainLead || v === ObjectPrototype[${key}]) && !hasOwn(raw, ${key})) v = undefined;`;
}

export class FieldTable {
  /** Index of the schema field a name resolves to; readLead lets a repeated name's last entry win. */
  private readonly indexByName = new Map<string, number>();
  private readonly used = new Set<number>();
  private readonly dayUsed = new Set<number>();
  /** Factory-level code for the enum fields: enumSpelling(), each field's values (for toEnum() on
   * the slow path) and its memo of spellings. */
  readonly enumConstants: string[] = [];
  private enumCount = 0;

  constructor(private readonly schema: Schema) {
    schema.fields.forEach((field, i) => this.indexByName.set(field.name, i));
  }

  /** The field's local, or undefined for a name outside the schema (always unknown). */
  ref(name: string): FieldRef | undefined {
    const i = this.indexByName.get(name);
    if (i === undefined) return undefined;
    this.used.add(i);
    return { expr: `f${i}`, family: familyOf(this.schema.fields[i].type) };
  }

  /** The UTC midnight of the field's value, computed once per lead (NaN when unknown). */
  dayStart(name: string): string {
    const i = this.indexByName.get(name)!;
    this.dayUsed.add(i);
    return `d${i}`;
  }

  /** Statements that read, validate and convert every schema field, in schema order. */
  emitReads(): string[] {
    const lines: string[] = [];
    this.schema.fields.forEach((field, i) => {
      const name = stringLiteral(field.name);
      const keep = this.used.has(i);
      const local = `f${i}`;
      if (keep) lines.push(`let ${local};`);
      lines.push(readOwn(field.name));
      const fail = `return fieldError(id, ${name}, cv.expected, v);`;
      const slow = (converter: string): string =>
        `{ cv = ${converter}; if (!cv.ok) ${fail}${keep ? ` ${local} = cv.value;` : ""} }`;
      switch (field.type.kind) {
        case "number":
          // Numbers and, from CSV files, integer text take the fast path (integer-text.ts).
          lines.push(keep
            ? `if (typeof v === "number" && v - v === 0) ${local} = v; else if (typeof v === "string" && (t = parseIntegerText(v)) === t) ${local} = t; else if (v !== undefined) ${slow("toNumber(v)")}`
            : `if (!(typeof v === "number" && v - v === 0) && !(typeof v === "string" && (t = parseIntegerText(v)) === t) && v !== undefined) ${slow("toNumber(v)")}`);
          break;
        case "boolean":
          // CSV files spell booleans "true"/"false" (the other spellings take toBoolean()).
          lines.push(keep
            ? `if (typeof v === "boolean") ${local} = v; else if (v === "false" || v === "true") ${local} = v === "true"; else if (v !== undefined) ${slow("toBoolean(v)")}`
            : `if (typeof v !== "boolean" && v !== "false" && v !== "true" && v !== undefined) ${slow("toBoolean(v)")}`);
          break;
        case "text":
          // Any string is valid text: normalise it here (trim, lower case; blank = unknown).
          lines.push(keep
            ? `if (typeof v === "string") { ${local} = ${TRIMMED_V}; ${local} = ${local} === "" ? undefined : ${local}.toLowerCase(); } else if (v !== undefined) ${slow("toText(v)")}`
            : `if (typeof v !== "string" && v !== undefined) ${slow("toText(v)")}`);
          break;
        case "enum": {
          const k = this.enumCount++;
          if (k === 0) this.enumConstants.push(...ENUM_SPELLING);
          this.enumConstants.push(`const E${k} = [${field.type.values.map(stringLiteral).join(", ")}];`, `const S${k} = new Map();`);
          // Fast path: a spelling seen before, or a member once normalised; anything else (errors
          // included) takes toEnum().
          lines.push(`if (typeof v === "string" && (t = S${k}.get(v) ?? enumSpelling(v, E${k}, S${k})) !== undefined) ${keep ? `${local} = t === "" ? undefined : t;` : "{}"} else if (v !== undefined) ${slow(`toEnum(v, E${k})`)}`);
          break;
        }
        case "date":
          // A string that parses is a valid date; anything else (blank, Date, errors) takes toDate().
          lines.push(`if (typeof v === "string" && (t = parseIsoTimeFast(v)) !== undefined) ${keep ? `${local} = t;` : "{}"} else if (v !== undefined) ${slow("toDate(v)")}`);
          break;
        case "list":
          lines.push(`if (v !== undefined) ${slow("toList(v)")}`);
          break;
      }
      // NaN for an unknown date, computed without dividing undefined (see compare() in emit-condition.ts).
      if (this.dayUsed.has(i)) lines.push(`const d${i} = ${local} === undefined ? NaN : Math.floor(${local} / ${numberLiteral(DAY_MS)}) * ${numberLiteral(DAY_MS)};`);
    });
    return lines;
  }
}
