// Every edit the builder can make, as a function from the current text to the changed text. An edit
// rewrites only the statement it is about, in canonical form (SPEC section 8), and leaves every
// other byte alone: changing one rule changes one line. New statements go where a reader expects
// them (schema first, then groups, rules, gates, limits, qualify, tiers, examples).

import type { Statement } from "../ast/nodes.js";
import { format, formatModel } from "../formatter/format.js";
import {
  afterStatementLines, type BuilderDocument, childSpans, indentOf, type ItemPath, itemSpan, leadingCommentsStart, lineExtent, lineStart,
  openDocument, statementAt,
} from "./document.js";
import type { FieldDraft, GateDraft, GroupHeaderDraft, NameDraft, QualifyDraft, RuleDraft, ScoreLimitDraft, TierDraft } from "./drafts.js";
import { insertIntoBlock, insertLines, removeLine, rewriteHeader, rewriteLine } from "./line-edits.js";
import { printEvent, printField, printGate, printGroupHeader, printQualify, printRule, printScoreLimit, printTier, printTiersHeader } from "./print.js";
import { applyTextEdits, minimalEdit, offsetAfterEdits, type TextEdit } from "./text-edits.js";
import { schemaView, type SchemaView } from "./view.js";

export interface BuilderChange {
  /** The whole text after the change. */
  source: string;
  /** One edit turning the old text into the new (what an editor applies, as one undo step). */
  edit: TextEdit;
  /** Where, in the new text, the statement the change created or moved starts (to focus its row). */
  focus?: number;
}

function finish(doc: BuilderDocument, edits: TextEdit[], focusEdit?: TextEdit, focusWithin = 0): BuilderChange | undefined {
  const lineBreaks = withLineBreaks(doc, edits);
  const focus = focusEdit ? offsetAfterEdits(lineBreaks, lineBreaks[edits.indexOf(focusEdit)], focusWithin) : undefined;
  return finishSteps(doc, applyTextEdits(doc.source, lineBreaks), focus);
}

/**
 * A statement rewritten in place, in canonical form, with its indentation and trailing comment: a
 * canonical text stays canonical by construction, so there is nothing to tidy (and no re-parse on
 * every keystroke in the builder).
 */
function finishRewrite(doc: BuilderDocument, edits: TextEdit[]): BuilderChange | undefined {
  return finishSteps(doc, applyTextEdits(doc.source, withLineBreaks(doc, edits)), undefined, false);
}

/** A change made in steps (remove, then insert into the text that is left), reported as one. */
function finishSteps(doc: BuilderDocument, edited: string, focus?: number, tidyUp = true): BuilderChange | undefined {
  const source = tidyUp ? tidy(doc, edited) : edited;
  let shifted = focus;
  const tidying = minimalEdit(edited, source);
  if (tidying && shifted !== undefined && tidying.start <= shifted) shifted = Math.max(tidying.start, shifted + tidying.text.length - (tidying.end - tidying.start));
  const edit = minimalEdit(doc.source, source);
  return edit ? { source, edit, focus: shifted } : undefined;
}

/**
 * A canonical text stays canonical: the edits above keep blank lines and comments tidy in the usual
 * cases, and the formatter settles the rest (a comment left above a deleted line now leads a block,
 * which wants a blank line above it). It only ever touches the lines around the edit, since
 * everything else was canonical already. Text that was not canonical is left as the edit made it.
 */
function tidy(doc: BuilderDocument, edited: string): string {
  if (doc.syntaxErrors.length > 0 || formatModel(doc.ast) !== doc.source) return edited;
  const formatted = format(edited);
  return formatted.diagnostics.length > 0 ? edited : formatted.text;
}

/** Inserted line breaks follow the file's: CRLF in a CRLF file. */
function withLineBreaks(doc: BuilderDocument, edits: TextEdit[]): TextEdit[] {
  if (!doc.source.includes("\r\n")) return edits;
  return edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, "\r\n") }));
}

function depthOf(path: ItemPath): number {
  return path.child === undefined ? 0 : 1;
}

// ---- where new statements go -------------------------------------------------------------------------

/** The reading order of a model's sections. */
function rankOf(statement: Statement): number {
  switch (statement.kind) {
    case "leadDecl":
      return 0;
    case "eventsDecl":
      return 1;
    case "group":
      return 2;
    case "rule":
      return 3;
    case "gate":
      return 4;
    case "scoreLimit":
      return 5;
    case "qualify":
      return 6;
    case "tiers":
      return statement.group ? 8 : 7;
    case "example":
      return 9;
  }
}

const BLOCK_KINDS = new Set(["leadDecl", "eventsDecl", "group", "tiers", "example"]);

/**
 * Inserts a top-level statement (its printed lines): after the last statement of its section, or as
 * a new section before the first later one (blank lines around it), or at the end.
 */
function insertTopLevel(doc: BuilderDocument, rank: number, lines: readonly string[], isBlock: boolean): { edit: TextEdit; lineOffset: number } {
  const statements = doc.ast.statements;
  const same = statements.filter((s) => rankOf(s) === rank);
  const last = same[same.length - 1];
  if (last) {
    const at = afterStatementLines(doc, last.span, statements.map((st) => st.span));
    const next = statements.find((s) => s.span.start >= at);
    return insertLines(doc, at, lines, { blankBefore: isBlock || BLOCK_KINDS.has(last.kind), blankAfter: next !== undefined && (isBlock || BLOCK_KINDS.has(next.kind)) });
  }
  const later = statements.find((s) => rankOf(s) > rank);
  if (later) {
    const at = leadingCommentsStart(doc, later.span);
    if (at === lineStart(doc.source, at)) return insertLines(doc, at, lines, { blankBefore: true, blankAfter: true });
  }
  return insertLines(doc, doc.source.length, lines, { blankBefore: true });
}

function indented(text: string, depth: number): string[] {
  return text.split("\n").map((line) => indentOf(depth) + line);
}

// ---- rules --------------------------------------------------------------------------------------------

export function updateRule(doc: BuilderDocument, path: ItemPath, draft: RuleDraft): BuilderChange | undefined {
  return finishRewrite(doc, rewriteLine(doc, itemSpan(doc, path), printRule(draft), depthOf(path)));
}

/** Adds a rule at the end of a group (`group`: the group's statement index) or of the ungrouped rules. */
export function addRule(doc: BuilderDocument, draft: RuleDraft, group?: number): BuilderChange | undefined {
  const text = printRule(draft);
  if (group !== undefined) {
    const { edit, lineOffset } = insertIntoBlock(doc, statementAt(doc, group), indented(text, 1));
    return finish(doc, [edit], edit, lineOffset + indentOf(1).length);
  }
  const { edit, lineOffset } = insertTopLevel(doc, 3, [text], false);
  return finish(doc, [edit], edit, lineOffset);
}

/** A copy of the rule right below it. */
export function duplicateRule(doc: BuilderDocument, path: ItemPath, draft: RuleDraft): BuilderChange | undefined {
  const text = printRule(draft);
  if (path.child !== undefined) {
    const { edit, lineOffset } = insertIntoBlock(doc, statementAt(doc, path.statement), indented(text, 1), path.child + 1);
    return finish(doc, [edit], edit, lineOffset + indentOf(1).length);
  }
  const span = itemSpan(doc, path);
  const at = afterStatementLines(doc, span, doc.ast.statements.map((st) => st.span));
  const { edit, lineOffset } = insertLines(doc, at, [text]);
  return finish(doc, [edit], edit, lineOffset);
}

/** Where a moved rule goes: a group (its statement index) or the top level (null), before a sibling or at the end. */
export interface RuleTarget {
  group: number | null;
  /** The rule to insert before (a line of the group, or a top-level statement); undefined: at the end. */
  before?: ItemPath;
}

/**
 * Moves a rule (with its trailing comment) to another place: within its group, between groups, in or
 * out of a group. The rule is printed canonically at its new place; comments above it stay put.
 */
export function moveRule(doc: BuilderDocument, from: ItemPath, to: RuleTarget, draft: RuleDraft): BuilderChange | undefined {
  const fromSpan = itemSpan(doc, from);
  const { trailing, inner } = lineExtent(doc, fromSpan);
  const text = printRule(draft) + (trailing ? ` ${trailing.text.trimEnd()}` : "");
  // Comments from inside the rule (a list wrapped over lines) travel with it, above it.
  const above = inner.map((c) => c.text.trimEnd());
  const sameContainer = (to.group ?? null) === (from.child === undefined ? null : from.statement);
  if (sameContainer && to.before && samePath(to.before, from)) return undefined;

  const removed = openDocument(applyTextEdits(doc.source, deleteEdits(doc, from)));
  // Indices after the removal: a removed top-level statement shifts the later ones up by one; a
  // removed group line shifts the later lines of that group.
  const shift = (path: ItemPath): ItemPath => {
    if (from.child === undefined) return path.statement > from.statement ? { ...path, statement: path.statement - 1 } : path;
    if (path.statement === from.statement && path.child !== undefined && path.child > from.child) return { ...path, child: path.child - 1 };
    return path;
  };
  const group = to.group === null ? null : shift({ statement: to.group }).statement;
  const before = to.before ? shift(to.before) : undefined;

  let result: { edit: TextEdit; lineOffset: number };
  const depth = group === null ? 0 : 1;
  const lines = [...above, text].map((line) => indentOf(depth) + line);
  if (group !== null) {
    result = insertIntoBlock(removed, statementAt(removed, group), lines, before?.child);
  } else if (before) {
    const target = statementAt(removed, before.statement);
    const at = leadingCommentsStart(removed, target.span);
    result = at === 0 || removed.source[at - 1] === "\n" ? insertLines(removed, at, lines) : insertTopLevel(removed, 3, lines, false);
  } else {
    result = insertTopLevel(removed, 3, lines, false);
  }
  const [insertion] = withLineBreaks(removed, [result.edit]);
  const source = applyTextEdits(removed.source, [insertion]);
  const ruleLine = insertion.text.indexOf(lines[lines.length - 1], result.lineOffset);
  return finishSteps(doc, source, insertion.start + ruleLine + indentOf(depth).length);
}

function samePath(a: ItemPath, b: ItemPath): boolean {
  return a.statement === b.statement && a.child === b.child;
}

/** The rules of a container, as paths: a group's lines, or the top-level rule statements. */
export function rulePaths(doc: BuilderDocument, group: number | null): ItemPath[] {
  if (group !== null) return childSpans(statementAt(doc, group)).map((_, child) => ({ statement: group, child }));
  return doc.ast.statements.flatMap((s, statement) => (s.kind === "rule" ? [{ statement }] : []));
}

/** Moves a rule one place up or down among the rules of its container (keyboard reordering). */
export function moveRuleBy(doc: BuilderDocument, path: ItemPath, delta: -1 | 1, draft: RuleDraft): BuilderChange | undefined {
  const group = path.child === undefined ? null : path.statement;
  const siblings = rulePaths(doc, group);
  const index = siblings.findIndex((p) => samePath(p, path));
  if (index < 0) return undefined;
  const target = index + delta;
  if (target < 0 || target >= siblings.length) return undefined;
  const before = delta < 0 ? siblings[target] : siblings[target + 1];
  return moveRule(doc, path, { group, before }, draft);
}

// ---- any statement or block line ------------------------------------------------------------------------

function deleteEdits(doc: BuilderDocument, path: ItemPath): TextEdit[] {
  const span = itemSpan(doc, path);
  if (path.child === undefined) return removeLine(doc, span);
  const statement = statementAt(doc, path.statement);
  return removeLine(doc, span, { statement, childCount: childSpans(statement).length });
}

/** Deletes a statement (a whole block with its lines) or one line of a block, with its trailing comment. */
export function deleteItem(doc: BuilderDocument, path: ItemPath): BuilderChange | undefined {
  return finish(doc, deleteEdits(doc, path));
}

/** Moves a line of a block (a tier, a field, an event, a rule) to position `index` among its siblings. */
export function moveChild(doc: BuilderDocument, path: ItemPath, index: number, text: string): BuilderChange | undefined {
  if (path.child === undefined) return undefined;
  const count = childSpans(statementAt(doc, path.statement)).length;
  const target = Math.max(0, Math.min(index, count - 1));
  if (target === path.child) return undefined;
  const { trailing, inner } = lineExtent(doc, itemSpan(doc, path));
  const line = indentOf(1) + text + (trailing ? ` ${trailing.text.trimEnd()}` : "");
  const lines = [...inner.map((c) => indentOf(1) + c.text.trimEnd()), line];
  const removed = openDocument(applyTextEdits(doc.source, deleteEdits(doc, path)));
  const result = insertIntoBlock(removed, statementAt(removed, path.statement), lines, target);
  const [insertion] = withLineBreaks(removed, [result.edit]);
  const source = applyTextEdits(removed.source, [insertion]);
  return finishSteps(doc, source, insertion.start + insertion.text.indexOf(line, result.lineOffset) + indentOf(1).length);
}

/**
 * Replaces one stretch of the text as it is (a diagnostic's suggestion: "did you mean size?" puts
 * `size` where the misspelt name was). Nothing else is rewritten.
 */
export function replaceText(doc: BuilderDocument, span: { start: number; end: number }, text: string): BuilderChange | undefined {
  return finishRewrite(doc, [{ start: span.start, end: span.end, text }]);
}

// ---- groups -------------------------------------------------------------------------------------------------

export function addGroup(doc: BuilderDocument, header: GroupHeaderDraft): BuilderChange | undefined {
  const { edit, lineOffset } = insertTopLevel(doc, 2, [`${printGroupHeader(header)}}`], true);
  return finish(doc, [edit], edit, lineOffset);
}

/** Rewrites a group's header; a new name is carried over to the `tiers for` blocks that grade it. */
export function updateGroup(doc: BuilderDocument, statement: number, header: GroupHeaderDraft): BuilderChange | undefined {
  const group = statementAt(doc, statement);
  if (group.kind !== "group") return undefined;
  const edits = rewriteHeader(doc, group, printGroupHeader(header));
  if (header.name !== group.name) {
    for (const other of doc.ast.statements) {
      if (other.kind === "tiers" && other.group?.name === group.name) edits.push(...rewriteHeader(doc, other, printTiersHeader(header.name)));
    }
  }
  return finishRewrite(doc, edits);
}

// ---- gates, qualify, score limit -------------------------------------------------------------------------------

export function addGate(doc: BuilderDocument, draft: GateDraft): BuilderChange | undefined {
  const { edit, lineOffset } = insertTopLevel(doc, 4, [printGate(draft)], false);
  return finish(doc, [edit], edit, lineOffset);
}

export function updateGate(doc: BuilderDocument, statement: number, draft: GateDraft): BuilderChange | undefined {
  const gate = statementAt(doc, statement);
  if (gate.kind !== "gate") return undefined;
  return finishRewrite(doc, rewriteLine(doc, gate.span, printGate(draft), 0));
}

/** Sets the qualify line (rewriting the first one, or adding it), or removes it when `draft` is undefined. */
export function setQualify(doc: BuilderDocument, draft: QualifyDraft | undefined): BuilderChange | undefined {
  const index = doc.ast.statements.findIndex((s) => s.kind === "qualify");
  if (!draft) return index < 0 ? undefined : deleteItem(doc, { statement: index });
  if (index >= 0) return finishRewrite(doc, rewriteLine(doc, statementAt(doc, index).span, printQualify(draft), 0));
  const { edit, lineOffset } = insertTopLevel(doc, 6, [printQualify(draft)], false);
  return finish(doc, [edit], edit, lineOffset);
}

/** Sets the score limit line, or removes it when `draft` is undefined or has neither bound. */
export function setScoreLimit(doc: BuilderDocument, draft: ScoreLimitDraft | undefined): BuilderChange | undefined {
  const index = doc.ast.statements.findIndex((s) => s.kind === "scoreLimit");
  if (!draft || (draft.min === undefined && draft.max === undefined)) return index < 0 ? undefined : deleteItem(doc, { statement: index });
  if (index >= 0) return finishRewrite(doc, rewriteLine(doc, statementAt(doc, index).span, printScoreLimit(draft), 0));
  const { edit, lineOffset } = insertTopLevel(doc, 5, [printScoreLimit(draft)], false);
  return finish(doc, [edit], edit, lineOffset);
}

// ---- tiers ----------------------------------------------------------------------------------------------------

/** Adds a `tiers {}` block (for the total, or `tiers for GROUP {}`), optionally with tiers in it. */
export function addTiers(doc: BuilderDocument, group: string | undefined, tiers: readonly TierDraft[] = []): BuilderChange | undefined {
  const header = printTiersHeader(group);
  const lines = tiers.length === 0 ? [`${header}}`] : [header, ...tiers.map((t) => indentOf(1) + printTier(t)), "}"];
  const { edit, lineOffset } = insertTopLevel(doc, group === undefined ? 7 : 8, lines, true);
  return finish(doc, [edit], edit, lineOffset);
}

/** Points a tiers block at another group (or at the total, with undefined). */
export function updateTiersGroup(doc: BuilderDocument, statement: number, group: string | undefined): BuilderChange | undefined {
  const tiers = statementAt(doc, statement);
  if (tiers.kind !== "tiers") return undefined;
  return finishRewrite(doc, rewriteHeader(doc, tiers, printTiersHeader(group)));
}

/** Adds a tier at the end of a tiers block, or just before its `otherwise` tier (which must stay last). */
export function addTier(doc: BuilderDocument, statement: number, draft: TierDraft): BuilderChange | undefined {
  const tiers = statementAt(doc, statement);
  if (tiers.kind !== "tiers") return undefined;
  const otherwise = tiers.tiers.findIndex((t) => t.op === "otherwise");
  const before = draft.op !== "otherwise" && otherwise >= 0 ? otherwise : undefined;
  const { edit, lineOffset } = insertIntoBlock(doc, tiers, [indentOf(1) + printTier(draft)], before);
  return finish(doc, [edit], edit, lineOffset + indentOf(1).length);
}

export function updateTier(doc: BuilderDocument, path: ItemPath, draft: TierDraft): BuilderChange | undefined {
  return finishRewrite(doc, rewriteLine(doc, itemSpan(doc, path), printTier(draft), 1));
}

export function moveTier(doc: BuilderDocument, path: ItemPath, index: number, draft: TierDraft): BuilderChange | undefined {
  return moveChild(doc, path, index, printTier(draft));
}

// ---- the schema -------------------------------------------------------------------------------------------------

export function updateField(doc: BuilderDocument, path: ItemPath, draft: FieldDraft): BuilderChange | undefined {
  return finishRewrite(doc, rewriteLine(doc, itemSpan(doc, path), printField(draft), 1));
}

export function updateEvent(doc: BuilderDocument, path: ItemPath, draft: NameDraft): BuilderChange | undefined {
  return finishRewrite(doc, rewriteLine(doc, itemSpan(doc, path), printEvent(draft), 1));
}

/**
 * Adds a field to the `lead {}` block. A model without declarations (names inferred from use) first
 * gets its inferred schema written out, since declaring one field closes the schema (SPEC 2.2).
 */
export function addField(doc: BuilderDocument, draft: FieldDraft): BuilderChange | undefined {
  const lead = doc.ast.statements.findIndex((s) => s.kind === "leadDecl");
  if (lead >= 0) {
    const { edit, lineOffset } = insertIntoBlock(doc, statementAt(doc, lead), [indentOf(1) + printField(draft)]);
    return finish(doc, [edit], edit, lineOffset + indentOf(1).length);
  }
  return declareSchema(doc, { field: draft });
}

/** Adds an event to the `events {}` block (writing out an inferred schema first, as for fields). */
export function addEvent(doc: BuilderDocument, draft: NameDraft): BuilderChange | undefined {
  const events = doc.ast.statements.findIndex((s) => s.kind === "eventsDecl");
  if (events >= 0) {
    const { edit, lineOffset } = insertIntoBlock(doc, statementAt(doc, events), [indentOf(1) + printEvent(draft)]);
    return finish(doc, [edit], edit, lineOffset + indentOf(1).length);
  }
  return declareSchema(doc, { event: draft });
}

/**
 * Writes the schema out as `lead {}` and `events {}` blocks: the names the model uses (when it
 * declares none) plus the one being added. A declared model only gets the block it lacks.
 */
export function declareSchema(doc: BuilderDocument, adding: { field?: FieldDraft; event?: NameDraft } = {}): BuilderChange | undefined {
  const schema: SchemaView = schemaView(doc);
  const hasLead = doc.ast.statements.some((s) => s.kind === "leadDecl");
  const hasEvents = doc.ast.statements.some((s) => s.kind === "eventsDecl");
  const fields = schema.declared ? [] : [...schema.fields];
  const events = schema.declared ? [] : [...schema.events];
  if (adding.field) fields.push(adding.field);
  if (adding.event) events.push(adding.event);
  const block = (header: string, lines: string[]) => (lines.length === 0 ? [`${header} {}`] : [`${header} {`, ...lines.map((l) => indentOf(1) + l), "}"]);
  // A block is written only with something in it: an empty `lead {}` would just be noise.
  const leadLines = !hasLead && fields.length > 0 ? block("lead", fields.map(printField)) : [];
  const eventLines = !hasEvents && events.length > 0 ? block("events", events.map(printEvent)) : [];
  if (leadLines.length === 0 && eventLines.length === 0) return undefined;
  if (leadLines.length > 0 && eventLines.length > 0) {
    // Both blocks go in one place: lead, a blank line, events.
    const { edit, lineOffset } = insertTopLevel(doc, 0, [...leadLines, "", ...eventLines], true);
    return finish(doc, [edit], edit, lineOffset);
  }
  const { edit, lineOffset } = leadLines.length > 0 ? insertTopLevel(doc, 0, leadLines, true) : insertTopLevel(doc, 1, eventLines, true);
  return finish(doc, [edit], edit, lineOffset);
}
