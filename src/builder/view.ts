// AST -> the builder's view model: every statement of the text as a row the builder can show, in
// source order. A statement the parser could only partly read (or text it could not read at all)
// becomes a read-only `raw` row with its text, so nothing the author wrote is hidden. Comments are
// carried along for display; diagnostics are hung on the row they point into.

import { RESERVED_WORDS } from "../../grammar/tokens.js";
import type { Example, Span, Statement } from "../ast/nodes.js";
import { buildSchema } from "../checker/schema.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatStatement } from "../formatter/format.js";
import { normalizeEventType } from "../semantics/values.js";
import {
  fieldDraft, gateDraft, groupHeaderDraft, qualifyDraft, ruleDraft, scoreLimitDraft, tierDraft,
} from "./convert.js";
import { blockBraces, type BuilderDocument, type ItemPath, lineEnd } from "./document.js";
import type {
  FieldDraft, FieldTypeDraft, GateDraft, GroupHeaderDraft, NameDraft, QualifyDraft, RuleDraft, ScoreLimitDraft, TierDraft,
} from "./drafts.js";
import type { SubjectKind } from "./operators.js";

const RESERVED = new Set<string>(RESERVED_WORDS);

interface ItemBase {
  /** Stable while the text around changes: the statement's (and line's) position among its siblings. */
  id: string;
  path: ItemPath;
  span: Span;
  /** 1-based line of the item's first character. */
  line: number;
  /** Comments on their own lines just above the item (and any inside it), verbatim. */
  comments: string[];
  trailingComment?: string;
  diagnostics: Diagnostic[];
}

export interface RuleItem extends ItemBase {
  kind: "rule";
  draft: RuleDraft;
  /** The group the rule is in, or null at the top level. */
  group: string | null;
}

export interface GateItem extends ItemBase {
  kind: "gate";
  draft: GateDraft;
}

export interface QualifyItem extends ItemBase {
  kind: "qualify";
  draft: QualifyDraft;
}

export interface ScoreLimitItem extends ItemBase {
  kind: "scoreLimit";
  draft: ScoreLimitDraft;
}

export interface TierItem extends ItemBase {
  kind: "tier";
  draft: TierDraft;
}

export interface FieldItem extends ItemBase {
  kind: "field";
  draft: FieldDraft;
}

export interface EventItem extends ItemBase {
  kind: "event";
  draft: NameDraft;
}

/** Text shown as it is written: it has syntax errors, or the parser could not read it at all. */
export interface RawItem extends Omit<ItemBase, "path"> {
  kind: "raw";
  /** The statement (or block line) the text is, or null for text the parser could not read at all. */
  path: ItemPath | null;
  text: string;
}

interface BlockBase extends ItemBase {
  /** Comments inside the block after its last line. */
  closingComments: string[];
  /** The comment after `{` on the header line. */
  headerComment?: string;
}

export interface GroupItem extends BlockBase {
  kind: "group";
  /** undefined when the header has syntax errors (then `headerText` shows it). */
  header?: GroupHeaderDraft;
  headerText: string;
  rules: (RuleItem | RawItem)[];
}

export interface TiersItem extends BlockBase {
  kind: "tiers";
  /** The group these tiers grade, or undefined for the total score. */
  group?: string;
  tiers: (TierItem | RawItem)[];
}

export interface LeadItem extends BlockBase {
  kind: "lead";
  fields: (FieldItem | RawItem)[];
}

export interface EventsItem extends BlockBase {
  kind: "events";
  events: (EventItem | RawItem)[];
}

export interface ExampleItem extends ItemBase {
  kind: "example";
  title: string;
  /** The example's lines in canonical form (`lead { ... }`, `events { ... }`, `expect ...`). */
  lines: string[];
}

export type BlockItem = GroupItem | TiersItem | LeadItem | EventsItem;
export type TopItem = BlockItem | RuleItem | GateItem | QualifyItem | ScoreLimitItem | ExampleItem | RawItem;
export type ViewItem = TopItem | TierItem | FieldItem | EventItem;

export interface SchemaView {
  /** The model declares `lead {}` or `events {}` (a closed schema); otherwise names come from use. */
  declared: boolean;
  fields: FieldDraft[];
  /** Event names as first written. */
  events: NameDraft[];
}

export interface BuilderView {
  source: string;
  items: TopItem[];
  schema: SchemaView;
  /** Group names in order, for the "move to group" and "tiers for" pickers. */
  groups: string[];
  /** Comments after the last statement. */
  trailingComments: string[];
  /** Diagnostics that point at no row (blank space, the end of the file). */
  looseDiagnostics: Diagnostic[];
  /** Every rule row, in source order (grouped or not). */
  rules: RuleItem[];
  rawCount: number;
}

/** Builds the view of a document; `diagnostics` (from the checker, same text) are hung on rows. */
export function buildView(doc: BuilderDocument, diagnostics: readonly Diagnostic[] = doc.syntaxErrors): BuilderView {
  const builder = new ViewBuilder(doc);
  const items = builder.container(0, doc.source.length, doc.ast.statements.map((statement, index) => () => builder.statement(statement, index)), "top");
  const view: BuilderView = {
    source: doc.source,
    items: items.items as TopItem[],
    schema: schemaView(doc),
    groups: doc.ast.statements.flatMap((s) => (s.kind === "group" ? [s.name] : [])),
    trailingComments: items.closing,
    looseDiagnostics: [],
    rules: [],
    rawCount: 0,
  };
  const all = flatten(view.items);
  for (const item of all) {
    if (item.kind === "rule") view.rules.push(item);
    if (item.kind === "raw") view.rawCount++;
  }
  for (const diagnostic of diagnostics) {
    const owner = innermost(all, diagnostic.span.start);
    if (owner) owner.diagnostics.push(diagnostic);
    else view.looseDiagnostics.push(diagnostic);
  }
  return view;
}

function flatten(items: readonly ViewItem[]): ViewItem[] {
  const out: ViewItem[] = [];
  for (const item of items) {
    out.push(item);
    if (item.kind === "group") out.push(...item.rules);
    else if (item.kind === "tiers") out.push(...item.tiers);
    else if (item.kind === "lead") out.push(...item.fields);
    else if (item.kind === "events") out.push(...item.events);
  }
  return out;
}

/** The smallest item whose span holds `offset` (its end included: a missing token is reported there). */
function innermost(items: readonly ViewItem[], offset: number): ViewItem | undefined {
  let best: ViewItem | undefined;
  for (const item of items) {
    if (item.span.start <= offset && offset <= item.span.end) {
      if (!best || item.span.end - item.span.start < best.span.end - best.span.start) best = item;
    }
  }
  return best;
}

type Built = ViewItem;

class ViewBuilder {
  private readonly lineStarts: number[] = [0];
  /** Comment start -> end, to skip comments quickly when looking for unread text. */
  private readonly commentEnds: Map<number, number>;

  constructor(private readonly doc: BuilderDocument) {
    const { source } = doc;
    this.commentEnds = new Map(doc.ast.comments.map((c) => [c.span.start, c.span.end]));
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  private line(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  private base(id: string, path: ItemPath, span: Span): ItemBase {
    return { id, path, span, line: this.line(span.start), comments: [], diagnostics: [] };
  }

  /** Syntax errors at or inside a span (its end included). */
  private tainted(from: number, to: number): boolean {
    return this.doc.syntaxErrors.some((d) => d.span.start >= from && d.span.start <= to);
  }

  private raw(id: string, path: ItemPath | null, span: Span): RawItem {
    return { id, path, span, line: this.line(span.start), comments: [], diagnostics: [], kind: "raw", text: this.doc.source.slice(span.start, span.end) };
  }

  /**
   * The items of one container (the file, or a block between its braces): the given ones, plus a raw
   * row for every stretch of text between them that is more than blanks, `;` and comments. Comments
   * between items are attached to the item below them, or to the one they trail on its line.
   */
  container(from: number, to: number, makers: (() => Built)[], idPrefix: string): { items: Built[]; closing: string[]; headerComment?: string } {
    const { source, ast } = this.doc;
    const built = makers.map((make) => make());
    const items: Built[] = [];
    let at = from;
    let gap = 0;
    const pushGap = (start: number, end: number) => {
      for (const span of contentRuns(source, this.commentEnds, start, end)) {
        items.push(this.raw(`${idPrefix}:gap${gap++}`, null, span));
      }
    };
    for (const item of built) {
      pushGap(at, item.span.start);
      items.push(item);
      at = Math.max(at, item.span.end);
    }
    pushGap(at, to);
    items.sort((a, b) => a.span.start - b.span.start);

    const closing: string[] = [];
    let headerComment: string | undefined;
    for (const comment of ast.comments) {
      if (comment.span.start < from || comment.span.start >= to) continue;
      const text = comment.text.trimEnd();
      const holder = items.find((item) => item.span.start < comment.span.start && comment.span.start < item.span.end);
      if (holder) {
        // Inside an item: a block handles its own comments, a raw row shows them in its text, and a
        // one-line item shows them above it.
        if (!isBlockKind(holder.kind) && holder.kind !== "raw") holder.comments.push(text);
        continue;
      }
      const previous = [...items].reverse().find((item) => item.span.end <= comment.span.start);
      const sameLine = (offset: number) => !source.slice(offset, comment.span.start).includes("\n");
      if (previous && sameLine(previous.span.end) && previous.trailingComment === undefined) {
        previous.trailingComment = text;
      } else if (!previous && idPrefix !== "top" && sameLine(from)) {
        headerComment = text;
      } else {
        const next = items.find((item) => item.span.start >= comment.span.end);
        if (next) next.comments.push(text);
        else closing.push(text);
      }
    }
    return { items, closing, headerComment };
  }

  statement(statement: Statement, index: number): TopItem {
    const id = `s${index}`;
    const path: ItemPath = { statement: index };
    const { span } = statement;
    const base = this.base(id, path, span);
    const readOnly = (): RawItem => this.raw(id, path, span);
    switch (statement.kind) {
      case "rule": {
        const draft = this.tainted(span.start, span.end) ? undefined : ruleDraft(statement);
        return draft ? ({ ...base, kind: "rule", draft, group: null } satisfies RuleItem) : readOnly();
      }
      case "gate": {
        const draft = this.tainted(span.start, span.end) ? undefined : gateDraft(statement);
        return draft ? ({ ...base, kind: "gate", draft } satisfies GateItem) : readOnly();
      }
      case "qualify":
        return this.tainted(span.start, span.end) ? readOnly() : ({ ...base, kind: "qualify", draft: qualifyDraft(statement) } satisfies QualifyItem);
      case "scoreLimit":
        return this.tainted(span.start, span.end) ? readOnly() : ({ ...base, kind: "scoreLimit", draft: scoreLimitDraft(statement) } satisfies ScoreLimitItem);
      case "example":
        return this.tainted(span.start, span.end) ? readOnly() : this.example(statement, base);
      case "group":
      case "tiers":
      case "leadDecl":
      case "eventsDecl":
        return this.block(statement, index, base) ?? readOnly();
    }
  }

  private example(example: Example, base: ItemBase): ExampleItem {
    const lines = formatStatement(example).split("\n").slice(1, -1).map((line) => line.trim());
    return { ...base, kind: "example", title: example.title, lines };
  }

  private block(statement: Extract<Statement, { kind: "group" | "tiers" | "leadDecl" | "eventsDecl" }>, index: number, base: ItemBase): BlockItem | undefined {
    const braces = blockBraces(this.doc, statement);
    if (!braces.closed) return undefined;
    const headerTainted = this.tainted(statement.span.start, braces.open);
    const child = <T extends Built>(childIndex: number, span: Span, make: () => T | undefined): (() => Built) => () => {
      const path = { statement: index, child: childIndex };
      const id = `s${index}c${childIndex}`;
      const made = this.tainted(span.start, span.end) ? undefined : make();
      return made ?? this.raw(id, path, span);
    };
    const childBase = (childIndex: number, span: Span) => this.base(`s${index}c${childIndex}`, { statement: index, child: childIndex }, span);
    let makers: (() => Built)[];
    switch (statement.kind) {
      case "group":
        makers = statement.rules.map((rule, i) =>
          child(i, rule.span, () => {
            const draft = ruleDraft(rule);
            return draft ? ({ ...childBase(i, rule.span), kind: "rule", draft, group: statement.name } satisfies RuleItem) : undefined;
          }),
        );
        break;
      case "tiers":
        makers = statement.tiers.map((tier, i) => child(i, tier.span, () => ({ ...childBase(i, tier.span), kind: "tier", draft: tierDraft(tier) }) satisfies TierItem));
        break;
      case "leadDecl":
        makers = statement.fields.map((field, i) => child(i, field.span, () => ({ ...childBase(i, field.span), kind: "field", draft: fieldDraft(field) }) satisfies FieldItem));
        break;
      case "eventsDecl":
        makers = statement.events.map((event, i) =>
          child(i, event.span, () => ({ ...childBase(i, event.span), kind: "event", draft: { name: event.name.name, quoted: event.name.quoted } }) satisfies EventItem),
        );
        break;
    }
    const inside = this.container(braces.open, braces.close, makers, base.id);
    const blockBase = { ...base, closingComments: inside.closing, headerComment: inside.headerComment };
    switch (statement.kind) {
      case "group": {
        const header = headerTainted ? undefined : groupHeaderDraft(statement);
        const headerText = this.doc.source.slice(statement.span.start, braces.open);
        return { ...blockBase, kind: "group", header, headerText, rules: inside.items as (RuleItem | RawItem)[] } satisfies GroupItem;
      }
      case "tiers":
        if (headerTainted) return undefined;
        return { ...blockBase, kind: "tiers", group: statement.group?.name, tiers: inside.items as (TierItem | RawItem)[] } satisfies TiersItem;
      case "leadDecl":
        if (headerTainted) return undefined;
        return { ...blockBase, kind: "lead", fields: inside.items as (FieldItem | RawItem)[] } satisfies LeadItem;
      case "eventsDecl":
        if (headerTainted) return undefined;
        return { ...blockBase, kind: "events", events: inside.items as (EventItem | RawItem)[] } satisfies EventsItem;
    }
  }
}

function isBlockKind(kind: ViewItem["kind"]): boolean {
  return kind === "group" || kind === "tiers" || kind === "lead" || kind === "events" || kind === "example";
}

/**
 * The stretches of `source[from, to)` that hold more than blanks, `;` and comments: one run per
 * paragraph of such text (runs split at blank lines), trimmed.
 */
function contentRuns(source: string, commentEnds: ReadonlyMap<number, number>, from: number, to: number): Span[] {
  const runs: Span[] = [];
  let start = -1;
  let end = -1;
  let i = from;
  while (i < to) {
    const commentEnd = commentEnds.get(i);
    if (commentEnd !== undefined) {
      i = commentEnd;
      continue;
    }
    const char = source[i];
    if (char === "\n" && start >= 0 && /^[ \t\r;]*$/.test(source.slice(i + 1, lineEnd(source, i + 1)))) {
      runs.push({ start, end });
      start = -1;
    } else if (!/[\s;]/.test(char)) {
      if (start < 0) start = i;
      end = i + 1;
    }
    i++;
  }
  if (start >= 0) runs.push({ start, end });
  return runs;
}

// ---- the schema as the builder offers it -----------------------------------------------------------------

export function schemaView(doc: BuilderDocument): SchemaView {
  const declared = doc.ast.statements.some((s) => s.kind === "leadDecl" || s.kind === "eventsDecl");
  if (declared) {
    const fields = new Map<string, FieldDraft>();
    const events = new Map<string, NameDraft>();
    for (const statement of doc.ast.statements) {
      if (statement.kind === "leadDecl") for (const field of statement.fields) if (!fields.has(field.name)) fields.set(field.name, fieldDraft(field));
      if (statement.kind === "eventsDecl") {
        for (const event of statement.events) {
          const key = normalizeEventType(event.name.name);
          if (!events.has(key)) events.set(key, { name: event.name.name, quoted: event.name.quoted });
        }
      }
    }
    return { declared, fields: [...fields.values()], events: [...events.values()] };
  }
  const inferred = buildSchema(doc.ast, []);
  return {
    declared,
    fields: inferred.schema.fields.map((f) => ({ name: f.name, type: f.type.kind === "enum" ? { kind: "enum", values: f.type.values } : { kind: f.type.kind } })),
    events: inferred.schema.events.map((key) => {
      const name = inferred.eventLabels.get(key) ?? key;
      return { name, quoted: needsQuoting(name) };
    }),
  };
}

/** An event name that only reads back when quoted (a word that is a keyword, a character a name cannot have). */
function needsQuoting(name: string): boolean {
  return name.split(" ").some((word) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(word) || RESERVED.has(word));
}

/** What a name is in this schema: an event, a field of some type, or unknown. */
export function subjectKind(schema: SchemaView, subject: NameDraft): SubjectKind {
  const key = normalizeEventType(subject.name);
  if (schema.events.some((e) => normalizeEventType(e.name) === key)) return "event";
  if (subject.quoted || subject.name.includes(" ")) return "unknown";
  const field = schema.fields.find((f) => f.name === subject.name);
  return field ? field.type.kind : "unknown";
}

export function fieldTypeOf(schema: SchemaView, name: string): FieldTypeDraft | undefined {
  return schema.fields.find((f) => f.name === name)?.type;
}
