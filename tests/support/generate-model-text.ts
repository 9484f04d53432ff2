// A seeded generator of random, valid .score model *texts*, written the way people really write them:
// messy spacing and indentation, `;`-joined statements, one-line blocks, CRLF line ends, redundant
// parentheses and zeros, `=` / `!=` next to `is` / `is not`, wrong plurals, and comments in every
// position (own line, trailing, after `{`, before `}`, after `}`, inside wrapped lists, at the end).
//
// The models use every construct of SPEC section 2 and are meant to pass the checker without errors
// (declared or inferred schema, types respected, `each` only on single event tests, decay only on
// event rules, tiers in decreasing order...), so they can be compiled and scored. Deterministic: the
// same seed always gives the same text. Reused by the formatter's property tests and by anyone who
// needs realistic model texts; `generateLeadsForModel` makes leads that exercise a generated model.

import { createRng, type Rng } from "./generate-plan.js";

export type GeneratedFieldType = "number" | "text" | "boolean" | "date" | "list" | "enum";

export interface GeneratedField {
  name: string;
  type: GeneratedFieldType;
  /** The declared values of an enum field. */
  values?: string[];
}

export interface GeneratedModel {
  seed: number;
  text: string;
  /** True when the model declares `lead {}` / `events {}`; false when the schema is inferred from use. */
  declared: boolean;
  /** Fields the model may use (declared ones, or the pool an inferred model draws from). */
  fields: GeneratedField[];
  /** Event types (unescaped names, as a lead's events would name them). */
  events: string[];
  groups: string[];
  /** Literals used in conditions, so generated leads land on both sides of each threshold. */
  literals: { numbers: number[]; texts: string[]; dates: string[] };
}

export interface GenerateModelOptions {
  /** Messy spacing, `;` joins, one-line blocks, CRLF, redundant zeros and parentheses (default true). */
  messy?: boolean;
  /** Comments in every position (default true). */
  comments?: boolean;
  /** Declared (`lead {}` / `events {}`) or inferred schema; random when not given. */
  declared?: boolean;
  /** Upper bound on the number of top-level rules and of rules per group (default 6). */
  maxRules?: number;
}

// ---- vocabulary ---------------------------------------------------------------------------------

const FIELD_POOL: GeneratedField[] = [
  { name: "company_size", type: "number" },
  { name: "employees", type: "number" },
  { name: "revenue", type: "number" },
  { name: "title", type: "text" },
  { name: "country", type: "text" },
  { name: "email", type: "text" },
  { name: "industry", type: "enum", values: ["saas", "retail", "finance", "other"] },
  { name: "plan", type: "enum", values: ["free", "pro", "Enterprise Plus"] },
  { name: "competitor", type: "boolean" },
  { name: "student", type: "boolean" },
  { name: "newsletter", type: "boolean" },
  { name: "signed_up", type: "date" },
  { name: "last_contact", type: "date" },
  { name: "tags", type: "list" },
  { name: "interests", type: "list" },
];

/** Event names; some contain reserved words (must be quoted), one a soft keyword, one a quote. */
const EVENT_POOL = [
  "opened email",
  "downloaded whitepaper",
  "registered webinar",
  "attended webinar",
  "visited pricing page",
  "requested demo",
  "clicked ad",
  "lead form submitted",
  "registered for webinar",
  "signed up",
  "opted in",
  "met at trade show",
  'clicked "buy" button',
];

const GROUP_POOL = ["fit", "engagement", "intent", "behaviour", "penalties"];
const TIER_POOL = ["hot", "warm", "cold", "A", "B", "C", "tier_1", "lukewarm"];
const NUMBER_POOL = [0, 1, 3, 5, 10, 50, 100, 200, 500, 1000, 2.5, -3, 0.75];
const TEXT_POOL = ["vp", "director", "VP Marketing", "@gmail.com", "de", "partner", 'say "hi"', "back\\slash", "  spaced  ", "ünïcode", "#notacomment"];
const DATE_POOL = ["2025-12-31", "2026-01-01", "2026-03-15", "2026-06-01", "2024-02-29"];
const COMMENT_POOL = [
  "# note",
  "#no space",
  "#   indented text",
  '# with "quotes" and # a hash',
  "# trailing spaces   ",
  "# { braces } [ ] ; : |",
  "#",
  "# ünïcode ✓",
  "## double",
  "# when x add 5",
];

const RESERVED = new Set([
  "when", "add", "subtract", "each", "up", "to", "within", "at", "least", "and", "or", "not", "is",
  "known", "unknown", "in", "contains", "starts", "ends", "with", "between", "before", "after", "true",
  "false", "group", "decay", "every", "qualify", "above", "disqualify", "tiers", "for", "otherwise",
  "example", "expect",
]);

function mustQuote(name: string): boolean {
  return name.split(" ").some((word) => RESERVED.has(word) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(word));
}

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&")}"`;
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function sample<T>(rng: Rng, items: readonly T[], low: number, high: number): T[] {
  return shuffle(rng, items).slice(0, rng.int(low, Math.min(high, items.length)));
}

// ---- tokens -------------------------------------------------------------------------------------

/** A statement as tokens; the writer decides the spacing (and line breaks inside brackets). */
type Tokens = string[];

class ModelGenerator {
  readonly fields: GeneratedField[];
  readonly events: string[];
  readonly literals = { numbers: new Set<number>(), texts: new Set<string>(), dates: new Set<string>() };
  /** Inferred models must use each field with one type only; these are the ones used so far. */
  private readonly usedFields = new Set<string>();
  private readonly quotedEvents = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly messy: boolean,
    readonly declared: boolean,
  ) {
    const pool = declared ? FIELD_POOL : FIELD_POOL.filter((f) => f.type !== "enum" && f.type !== "list");
    this.fields = sample(rng, pool, 3, pool.length);
    // An inferred model knows an event by its shape: two or more words, or quoted.
    this.events = sample(rng, EVENT_POOL, 2, 7);
    for (const event of this.events) if (mustQuote(event) || rng.chance(0.15)) this.quotedEvents.add(event);
  }

  number(value: number): string {
    this.literals.numbers.add(value);
    return this.numberText(value);
  }

  /** The number as written, with redundant zeros now and then (`5.0`, `2.50`, `007`, `.5`). */
  numberText(value: number): string {
    const plain = String(value);
    if (!this.messy || !this.rng.chance(0.3)) return plain;
    const sign = value < 0 ? "-" : "";
    const abs = plain.replace(/^-/, "");
    switch (this.rng.int(0, 3)) {
      case 0:
        return abs.includes(".") ? `${plain}0` : `${plain}.0`;
      case 1:
        return `${sign}00${abs}`;
      case 2:
        if (abs.startsWith("0.")) return `${sign}${abs.slice(1)}`;
        return abs.includes(".") ? `${plain}000` : `${plain}.000`;
      default:
        return abs.includes(".") ? `${sign}0${abs}00` : plain;
    }
  }

  text(value: string): string {
    this.literals.texts.add(value);
    return quote(value);
  }

  date(value: string): string {
    this.literals.dates.add(value);
    return value;
  }

  eventName(event: string): Tokens {
    return this.quotedEvents.has(event) ? [quote(event)] : event.split(" ");
  }

  duration(): Tokens {
    const amount = this.rng.pick([1, 1, 2, 3, 7, 14, 30, 90]);
    const unit = this.rng.pick(["day", "week", "month"]);
    const plural = this.messy && this.rng.chance(0.2) ? this.rng.chance(0.5) : amount !== 1;
    return [this.numberText(amount), plural ? `${unit}s` : unit];
  }

  decay(): Tokens {
    return ["decay", this.numberText(this.rng.pick([5, 10, 12.5, 50, 100])), "%", "every", ...this.duration()];
  }

  // ---- conditions ----

  /** A single event test: `E`, `E within D`, optionally `at least K times` (not with `each`). */
  eventTest(allowAtLeast: boolean): Tokens {
    const event = this.rng.pick(this.events);
    const tokens = this.eventName(event);
    if (allowAtLeast && this.rng.chance(0.3)) tokens.push("at", "least", this.numberText(this.rng.int(1, 5)), "times");
    if (this.rng.chance(0.4)) tokens.push("within", ...this.duration());
    return tokens;
  }

  private fieldFor(): GeneratedField {
    const field = this.rng.pick(this.fields);
    this.usedFields.add(field.name);
    return field;
  }

  private compareOp(equalityOnly: boolean): Tokens {
    const ops: Tokens[] = [["is"], ["is", "not"], ["="], ["!="]];
    if (!equalityOnly) ops.push(["<"], ["<="], [">"], [">="], [">="]);
    return this.rng.pick(ops);
  }

  private fieldTest(): Tokens {
    // `is known` says nothing about a type, so an inferred model uses it only on fields it has typed.
    const typed = this.declared ? this.fields : this.fields.filter((f) => this.usedFields.has(f.name));
    if (typed.length > 0 && this.rng.chance(0.08)) {
      const known = this.rng.pick(typed);
      return [known.name, ...this.rng.pick([["is", "known"], ["is", "unknown"], ["is", "not", "known"], ["is", "not", "unknown"]])];
    }
    const field = this.fieldFor();
    const name = field.name;
    const minimumListItems = this.declared ? 0 : 1; // `x in []` would leave an inferred field untyped
    switch (field.type) {
      case "number": {
        const pick = this.rng.int(0, 3);
        if (pick === 0) {
          const [a, b] = [this.rng.pick(NUMBER_POOL), this.rng.pick(NUMBER_POOL)].sort((x, y) => x - y);
          return [name, "between", this.number(a), "and", this.number(b)];
        }
        if (pick === 1) return [name, ...(this.rng.chance(0.3) ? ["not"] : []), "in", ...this.list(sample(this.rng, NUMBER_POOL, minimumListItems, 4).map((n) => this.number(n)))];
        return [name, ...this.compareOp(false), this.number(this.rng.pick(NUMBER_POOL))];
      }
      case "text": {
        const pick = this.rng.int(0, 4);
        if (pick === 0) return [name, ...this.compareOp(true), this.text(this.rng.pick(TEXT_POOL))];
        if (pick === 1) return [name, ...(this.rng.chance(0.3) ? ["not"] : []), "in", ...this.list(sample(this.rng, TEXT_POOL, 1, 3).map((t) => this.text(t)))];
        return [name, ...this.rng.pick([["contains"], ["starts", "with"], ["ends", "with"]]), this.text(this.rng.pick(TEXT_POOL))];
      }
      case "enum": {
        const values = field.values ?? [];
        const pick = this.rng.int(0, 2);
        if (pick === 0) return [name, ...this.compareOp(true), this.text(this.rng.pick(values))];
        if (pick === 1) return [name, ...(this.rng.chance(0.3) ? ["not"] : []), "in", ...this.list(sample(this.rng, values, 1, 3).map((t) => this.text(t)))];
        return [name, "contains", this.text(this.rng.pick(values).slice(0, 3))];
      }
      case "boolean":
        if (this.rng.chance(0.6)) return [name];
        return [name, ...this.rng.pick([["is"], ["="], ["!="], ["is", "not"]]), this.rng.pick(["true", "false"])];
      case "date": {
        const pick = this.rng.int(0, 3);
        if (pick === 0) return [name, "within", ...this.duration()];
        if (pick === 1) return [name, ...this.compareOp(false), this.date(this.rng.pick(DATE_POOL))];
        return [name, this.rng.pick(["before", "after"]), this.date(this.rng.pick(DATE_POOL))];
      }
      case "list":
        return [name, "contains", this.text(this.rng.pick(TEXT_POOL))];
    }
  }

  list(items: string[]): Tokens {
    const tokens: Tokens = ["["];
    items.forEach((item, i) => {
      if (i > 0) tokens.push(",");
      tokens.push(item);
    });
    tokens.push("]");
    return tokens;
  }

  private parenthesise(tokens: Tokens): Tokens {
    return ["(", ...tokens, ")"];
  }

  /** A condition with `not`, `and`, `or`, parentheses where needed and redundant ones at times. */
  condition(depth = 0): Tokens {
    const r = this.rng.next();
    let tokens: Tokens;
    if (depth < 3 && r < 0.3) {
      // A binary condition: operands in parentheses when they would otherwise regroup, or for fun.
      const op = this.rng.pick(["and", "or"]);
      const left = this.condition(depth + 1);
      const right = this.condition(depth + 1);
      const wrap = (side: Tokens) => (side.includes("and") || side.includes("or") || this.rng.chance(0.15) ? this.parenthesise(side) : side);
      tokens = [...wrap(left), op, ...wrap(right)];
    } else if (depth < 3 && r < 0.42) {
      const inner = this.condition(depth + 1);
      tokens = ["not", ...(inner.length > 1 || this.rng.chance(0.2) ? this.parenthesise(inner) : inner)];
    } else {
      tokens = this.rng.chance(0.45) ? this.eventTest(true) : this.fieldTest();
    }
    if (this.messy && this.rng.chance(0.08)) tokens = this.parenthesise(tokens);
    return tokens;
  }

  // ---- statements ----

  rule(): Tokens {
    const eventRule = this.rng.chance(0.45);
    const tokens: Tokens = ["when"];
    let each = false;
    if (eventRule) {
      each = this.rng.chance(0.4);
      const test = this.eventTest(!each);
      tokens.push(...(this.messy && this.rng.chance(0.1) ? this.parenthesise(test) : test));
    } else {
      tokens.push(...this.condition());
    }
    tokens.push(this.rng.chance(0.75) ? "add" : "subtract", this.number(this.rng.pick([1, 2, 5, 8, 10, 15, 20, 2.5, 0.5])));
    if (each) {
      tokens.push("each");
      if (this.rng.chance(0.6)) tokens.push("up", "to", this.number(this.rng.pick([5, 10, 20, 7.5])));
    }
    if (eventRule && this.rng.chance(0.25)) tokens.push(...this.decay());
    return tokens;
  }

  gate(): Tokens {
    return ["disqualify", "when", ...this.condition()];
  }

  threshold(value: number): Tokens {
    return this.rng.chance(0.5) ? ["above", this.number(value)] : ["at", "least", this.number(value)];
  }

  scoreLimit(): Tokens {
    switch (this.rng.int(0, 2)) {
      case 0:
        return ["score", "at", "least", this.number(this.rng.pick([0, -10, -3]))];
      case 1:
        return ["score", "up", "to", this.number(this.rng.pick([50, 100, 30]))];
      default:
        return ["score", "between", this.number(this.rng.pick([0, -10])), "and", this.number(this.rng.pick([50, 100]))];
    }
  }

  /** Tier lines with strictly decreasing thresholds (so every tier can match), `otherwise` last. */
  tierLines(): Tokens[] {
    const names = sample(this.rng, TIER_POOL, 1, 4);
    const withOtherwise = this.rng.chance(0.8);
    const thresholds = sample(this.rng, [1, 5, 9, 15, 20, 40], names.length, names.length).sort((a, b) => b - a);
    return names.map((name, i) =>
      withOtherwise && i === names.length - 1 && names.length > 1 ? [name, "otherwise"] : [name, ...this.threshold(thresholds[i])],
    );
  }

  fieldDeclLine(field: GeneratedField): Tokens {
    if (field.type !== "enum") return [field.name, ":", field.type];
    const tokens: Tokens = [field.name, ":"];
    (field.values ?? []).forEach((value, i) => {
      if (i > 0) tokens.push("|");
      tokens.push(quote(value));
    });
    return tokens;
  }

  exampleValue(field: GeneratedField): Tokens {
    switch (field.type) {
      case "number":
        return [this.numberText(this.rng.pick(NUMBER_POOL))];
      case "text":
        return [quote(this.rng.pick(TEXT_POOL))];
      case "enum":
        return [quote(this.rng.pick(field.values ?? [""]))];
      case "boolean":
        return [this.rng.pick(["true", "false"])];
      case "date":
        return [this.rng.pick(DATE_POOL)];
      case "list":
        return this.list(sample(this.rng, TEXT_POOL, 0, 3).map(quote));
    }
  }

  exampleEvent(): Tokens {
    const tokens = this.eventName(this.rng.pick(this.events));
    if (this.rng.chance(0.6)) tokens.push(...this.duration(), "ago");
    return tokens;
  }

  /** Fields an example may give values to: declared ones, or in an inferred model those in use. */
  exampleFields(): GeneratedField[] {
    return this.declared ? this.fields : this.fields.filter((f) => this.usedFields.has(f.name));
  }
}

// ---- writing text -------------------------------------------------------------------------------

const WORDLIKE_END = /[A-Za-z0-9_"]$/;
const STATEMENT_WORDS = new Set(["when", "group", "qualify", "disqualify", "tiers", "example"]);
const WORDLIKE_START = /^[A-Za-z0-9_."-]/;

class TextWriter {
  private out = "";

  constructor(
    private readonly rng: Rng,
    private readonly messy: boolean,
    private readonly comments: boolean,
    private readonly eol: () => string,
  ) {}

  get text(): string {
    return this.out;
  }

  raw(text: string): void {
    this.out += text;
  }

  private space(): string {
    if (!this.messy) return " ";
    return this.rng.pick([" ", " ", " ", " ", "  ", "\t", "   ", " \t"]);
  }

  indent(level: number): string {
    if (!this.messy || this.rng.chance(0.6)) return "  ".repeat(level);
    return this.rng.pick(["", " ", "    ", "\t", "   "]);
  }

  comment(): string {
    return this.rng.pick(COMMENT_POOL);
  }

  /** Tokens with (messy) spaces; inside ( ) and [ ] a line may break, with a comment at times. */
  tokens(tokens: Tokens, level: number): void {
    let depth = 0;
    tokens.forEach((token, i) => {
      if (i > 0) {
        const previous = tokens[i - 1];
        const needed = WORDLIKE_END.test(previous) && WORDLIKE_START.test(token);
        // src/ast/parse.ts ends a statement at a wrapped line that starts with a reserved word that
        // begins a statement (recovery from a stray '('); soft keywords such as `lead` may continue.
        const breakable =
          depth > 0 && (previous === "(" || previous === "[" || previous === "," || previous === "or" || previous === "and") && !STATEMENT_WORDS.has(token);
        if (breakable && this.messy && this.rng.chance(0.12)) {
          if (this.comments && this.rng.chance(0.5)) this.out += this.space() + this.comment();
          this.out += this.eol() + this.indent(level + 1);
        } else if (needed || !this.messy || this.rng.chance(0.7)) {
          this.out += this.space();
        }
      }
      this.out += token;
      if (token === "(" || token === "[") depth++;
      if (token === ")" || token === "]") depth--;
    });
  }

  /**
   * Ends a line: maybe a trailing comment, the line break, maybe blank lines and own-line comments,
   * then the next line's indentation.
   */
  lineBreak(level: number): void {
    if (this.comments && this.rng.chance(0.15)) this.out += this.rng.pick(["", " ", "   ", "\t"]) + this.comment();
    else if (this.messy && this.rng.chance(0.1)) this.out += this.rng.pick([" ", "\t", "  "]);
    this.out += this.eol();
    const extra = this.rng.next();
    if (extra < 0.12) this.out += this.eol();
    else if (extra < 0.16 && this.messy) this.out += `  \t${this.eol()}${this.eol()}`;
    if (this.comments && this.rng.chance(0.15)) {
      const count = this.rng.int(1, 2);
      for (let i = 0; i < count; i++) {
        this.out += this.indent(level) + this.comment() + this.eol();
        if (this.rng.chance(0.2)) this.out += this.eol();
      }
    }
    this.out += this.indent(level);
  }

  /** Between two statements: a line break, or `;` now and then. */
  separator(level: number): void {
    if (this.messy && this.rng.chance(0.2)) this.out += this.rng.pick(["; ", ";", " ; ", ";  "]);
    else this.lineBreak(level);
  }
}

type Item = { kind: "line"; tokens: Tokens } | { kind: "block"; header: Tokens; items: Item[]; inline: boolean; commas?: boolean };

function lines(tokens: Tokens[]): Item[] {
  return tokens.map((t) => ({ kind: "line", tokens: t }));
}

function writeItem(writer: TextWriter, rng: Rng, item: Item, level: number, messy: boolean, comments: boolean): void {
  if (item.kind === "line") {
    writer.tokens(item.tokens, level);
    return;
  }
  writer.tokens([...item.header, "{"], level);
  const separator = (): void => {
    if (item.commas) {
      writer.raw(rng.pick([",", ", ", " ,"]));
      if (!item.inline && rng.chance(0.5)) writer.lineBreak(level + 1);
      else writer.raw(" ");
    } else if (item.inline) {
      writer.raw(rng.pick(["; ", ";", " ; "]));
    } else {
      writer.separator(level + 1);
    }
  };
  if (item.inline || item.items.length === 0) {
    writer.raw(messy && rng.chance(0.3) ? "" : " ");
    item.items.forEach((child, i) => {
      if (i > 0) separator();
      writeItem(writer, rng, child, level + 1, messy, comments);
    });
    if (item.commas && messy && item.items.length > 0 && rng.chance(0.1)) writer.raw(","); // a trailing comma is allowed
    writer.raw(item.items.length > 0 ? " }" : "}");
    return;
  }
  writer.lineBreak(level + 1);
  item.items.forEach((child, i) => {
    if (i > 0) separator();
    writeItem(writer, rng, child, level + 1, messy, comments);
  });
  writer.lineBreak(level);
  writer.raw("}");
}

function exampleItems(generator: ModelGenerator, rng: Rng, groups: string[], tiersByGroup: Map<string | undefined, string[]>, hasQualify: boolean): Item[] {
  const items: Item[] = [];
  const fields = sample(rng, generator.exampleFields(), 0, 4);
  if (fields.length > 0 || rng.chance(0.1)) {
    items.push({ kind: "block", header: ["lead"], items: lines(fields.map((f) => [f.name, ":", ...generator.exampleValue(f)])), inline: rng.chance(0.7), commas: true });
  }
  if (rng.chance(0.7)) {
    const count = rng.int(1, 3);
    items.push({ kind: "block", header: ["events"], items: lines(Array.from({ length: count }, () => generator.exampleEvent())), inline: rng.chance(0.7), commas: true });
  }
  const expectations: Tokens[] = [["score", generator.numberText(rng.pick([0, 5, 10, 12.5, -20]))]];
  const totalTiers = tiersByGroup.get(undefined);
  if (totalTiers) expectations.push(["tier", rng.pick(totalTiers)]);
  if (hasQualify) expectations.push(rng.chance(0.5) ? ["qualified"] : ["not", "qualified"]);
  for (const group of groups) {
    if (rng.chance(0.3)) expectations.push([group, "score", generator.numberText(rng.int(0, 20))]);
    const groupTiers = tiersByGroup.get(group);
    if (groupTiers && rng.chance(0.5)) expectations.push([group, "tier", rng.pick(groupTiers)]);
  }
  const chosen = sample(rng, expectations, 1, expectations.length);
  // One `expect` line, or several.
  let line: Tokens = ["expect"];
  chosen.forEach((expectation, i) => {
    if (i > 0 && rng.chance(0.3)) {
      items.push({ kind: "line", tokens: line });
      line = ["expect"];
    } else if (i > 0) {
      line.push(",");
    }
    line.push(...expectation);
  });
  items.push({ kind: "line", tokens: line });
  return rng.chance(0.85) ? items : shuffle(rng, items);
}

export function generateModelText(seed: number, options: GenerateModelOptions = {}): GeneratedModel {
  const rng = createRng(seed);
  const messy = options.messy ?? true;
  const comments = options.comments ?? true;
  const declared = options.declared ?? rng.chance(0.7);
  const maxRules = options.maxRules ?? 6;
  const generator = new ModelGenerator(rng, messy, declared);

  const crlf = messy && rng.chance(0.1);
  const eol = (): string => (crlf || (messy && rng.chance(0.02)) ? "\r\n" : "\n");
  const writer = new TextWriter(rng, messy, comments, eol);

  // Statements in a plausible order: declarations, then groups / rules / gates / thresholds mixed,
  // then tiers; examples anywhere after the declarations.
  const statements: Item[] = [];
  if (declared) {
    const lead: Item = { kind: "block", header: ["lead"], items: lines(generator.fields.map((f) => generator.fieldDeclLine(f))), inline: messy && rng.chance(0.15) };
    const events: Item = { kind: "block", header: ["events"], items: lines(generator.events.map((e) => generator.eventName(e))), inline: messy && rng.chance(0.15) };
    statements.push(...(rng.chance(0.8) ? [lead, events] : [events, lead]));
  }

  const groups = sample(rng, GROUP_POOL, 0, 3);
  const body: Item[] = [];
  for (const group of groups) {
    const header: Tokens = ["group", group];
    if (rng.chance(0.4)) header.push("up", "to", generator.number(rng.pick([10, 25, 50, 12.5])));
    if (rng.chance(0.25)) header.push(...generator.decay());
    const rules = Array.from({ length: rng.int(0, maxRules) }, () => generator.rule());
    body.push({ kind: "block", header, items: lines(rules), inline: messy && rng.chance(0.15) });
  }
  for (let i = rng.int(groups.length === 0 ? 1 : 0, maxRules); i > 0; i--) body.push({ kind: "line", tokens: generator.rule() });
  for (let i = rng.int(0, 2); i > 0; i--) body.push({ kind: "line", tokens: generator.gate() });
  const hasQualify = rng.chance(0.7);
  if (hasQualify) body.push({ kind: "line", tokens: ["qualify", ...generator.threshold(rng.pick([5, 10, 20, 12.5]))] });
  if (rng.chance(0.3)) body.push({ kind: "line", tokens: generator.scoreLimit() });
  statements.push(...shuffle(rng, body));

  const tiersByGroup = new Map<string | undefined, string[]>();
  const tierTargets: (string | undefined)[] = [...(rng.chance(0.6) ? [undefined] : []), ...groups.filter(() => rng.chance(0.3))];
  for (const target of tierTargets) {
    const tierLines = generator.tierLines();
    tiersByGroup.set(target, tierLines.map((l) => l[0]));
    statements.push({ kind: "block", header: target === undefined ? ["tiers"] : ["tiers", "for", target], items: lines(tierLines), inline: messy && rng.chance(0.2) });
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const title = rng.pick(["VP at a large SaaS company", "student", 'a "quoted" title', "back\\slash", "{braces}", "# not a comment", ""]);
    const items = exampleItems(generator, rng, groups, tiersByGroup, hasQualify);
    const example: Item = { kind: "block", header: ["example", quote(title)], items, inline: messy && rng.chance(0.1) };
    statements.splice(rng.int(declared ? 2 : 0, statements.length), 0, example);
  }

  if (comments && rng.chance(0.4)) writer.raw(writer.comment() + eol() + (rng.chance(0.5) ? eol() : ""));
  writer.raw(messy && rng.chance(0.2) ? writer.indent(1) : "");
  statements.forEach((statement, i) => {
    if (i > 0) {
      if (statement.kind === "block" || statements[i - 1].kind === "block") writer.lineBreak(0);
      else writer.separator(0);
    }
    writeItem(writer, rng, statement, 0, messy, comments);
  });
  if (comments && rng.chance(0.3)) writer.raw(" " + writer.comment());
  if (rng.chance(0.9)) writer.raw(eol());
  if (comments && rng.chance(0.2)) writer.raw(writer.comment() + eol());
  if (messy && rng.chance(0.2)) writer.raw(eol() + "  " + eol());

  return {
    seed,
    text: writer.text,
    declared,
    fields: generator.fields,
    events: generator.events,
    groups,
    literals: {
      numbers: [...generator.literals.numbers],
      texts: [...generator.literals.texts],
      dates: [...generator.literals.dates],
    },
  };
}
