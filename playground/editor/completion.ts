// Completion: keywords, fields, events, groups, enum values and tier names, each offered only where
// the grammar expects it (see completion-context.ts), with snippets for whole statements.

import type { languages, editor, Position, IDisposable } from "monaco-editor/editor/editor.api";
import { RESERVED_WORDS } from "../../grammar/tokens.js";
import type { Workspace } from "../state/workspace.svelte.js";
import type { FieldType } from "../lib/core.js";
import type { Monaco } from "./monaco.js";
import { LANGUAGE_ID } from "./language.js";
import { completionContext, type Block, type Expectation, type SchemaNames } from "./completion-context.js";

type Item = Omit<languages.CompletionItem, "range">;

const RESERVED = new Set<string>(RESERVED_WORDS);

/** An event whose words clash with a keyword is written quoted (SPEC 2.2). */
export function eventReference(event: string): string {
  return event.split(" ").some((w) => RESERVED.has(w) || !/^[A-Za-z_]\w*$/.test(w)) ? JSON.stringify(event) : event;
}

export function describeType(type: FieldType): string {
  return type.kind === "enum" ? type.values.map((v) => JSON.stringify(v)).join(" | ") : type.kind;
}

export function registerCompletion(m: Monaco, workspace: Workspace): IDisposable {
  const K = m.languages.CompletionItemKind;
  const snippet = m.languages.CompletionItemInsertTextRule.InsertAsSnippet;

  const keyword = (label: string, insertText = label, detail?: string, sort = "2"): Item => ({
    label,
    kind: K.Keyword,
    insertText,
    insertTextRules: insertText.includes("$") ? snippet : undefined,
    detail,
    sortText: sort + label,
  });

  const statementItems = (block: Block): Item[] => {
    if (block === "group") return [keyword("when", "when $0", "a rule in this group", "0")];
    if (block === "example")
      return [
        keyword("lead { }", "lead { $0 }", "the example lead's fields", "0"),
        keyword("events { }", "events { $0 }", "the example lead's events", "0"),
        keyword("expect", "expect $0", "what the model should give", "0"),
      ];
    return [
      keyword("when … add", "when ${1} add ${2:5}", "a rule that adds points", "0"),
      keyword("when … subtract", "when ${1} subtract ${2:5}", "a rule that subtracts points", "0"),
      keyword("group", "group ${1:engagement} {\n\t$0\n}", "a named sub-score", "1"),
      keyword("qualify above", "qualify above ${1:20}", "the threshold for sales", "1"),
      keyword("qualify at least", "qualify at least ${1:20}", "the threshold for sales", "1"),
      keyword("disqualify when", "disqualify when $0", "a hard gate", "1"),
      keyword("tiers", "tiers {\n\t${1:hot} at least ${2:9}\n\t${3:warm} at least ${4:5}\n\t${5:cold} otherwise\n}", "grades of the total score", "1"),
      keyword("tiers for", "tiers for ${1:group} {\n\t$0\n}", "grades of a group's score", "1"),
      keyword("score at least", "score at least ${1:0}", "a floor for the total", "3"),
      keyword("score up to", "score up to ${1:100}", "a ceiling for the total", "3"),
      keyword("score between", "score between ${1:0} and ${2:100}", "limits for the total", "3"),
      keyword("example", 'example "${1:a typical lead}" {\n\tlead { $2 }\n\tevents { $3 }\n\texpect score ${4:0}\n}', "a test inside the model", "3"),
      keyword("lead { }", "lead {\n\t$0\n}", "declare lead fields", "4"),
      keyword("events { }", "events {\n\t$0\n}", "declare event types", "4"),
    ];
  };

  const operatorItems = (type: FieldType): Item[] => {
    const known = [keyword("is known"), keyword("is unknown")];
    switch (type.kind) {
      case "number":
        return [">=", ">", "<=", "<", "is", "is not"].map((op, i) => keyword(op, `${op} \${1:0}`, undefined, `0${i}`)).concat([keyword("between", "between ${1:0} and ${2:100}"), keyword("in", "in [${1}]"), keyword("not in", "not in [${1}]"), ...known]);
      case "text":
        return [keyword("is", 'is "${1}"', undefined, "0"), keyword("is not", 'is not "${1}"', undefined, "0"), keyword("contains", 'contains "${1}"', undefined, "0"), keyword("starts with", 'starts with "${1}"'), keyword("ends with", 'ends with "${1}"'), keyword("in", 'in ["${1}"]'), keyword("not in", 'not in ["${1}"]'), ...known];
      case "enum":
        return [keyword("is", "is ", undefined, "0"), keyword("is not", "is not ", undefined, "0"), keyword("in", 'in ["${1}"]'), keyword("not in", 'not in ["${1}"]'), ...known];
      case "boolean":
        return [keyword("add", "add ${1:5}", undefined, "0"), keyword("subtract", "subtract ${1:5}", undefined, "0"), keyword("is true"), keyword("is false"), keyword("and"), keyword("or"), ...known];
      case "date":
        return [keyword("within", "within ${1:30} days", undefined, "0"), keyword("before", "before ${1:2026-01-01}"), keyword("after", "after ${1:2026-01-01}"), ...known];
      case "list":
        return [keyword("contains", 'contains "${1}"', undefined, "0"), ...known];
    }
  };

  const fieldItems = (suffix = ""): Item[] =>
    workspace.compiled.schema.fields.map((f) => ({
      label: { label: f.name, description: describeType(f.type) },
      kind: K.Field,
      insertText: f.name + suffix,
      detail: `field: ${describeType(f.type)}`,
      sortText: "0" + f.name,
      filterText: f.name,
    }));

  const eventItems = (): Item[] =>
    workspace.compiled.schema.events.map((e) => ({
      label: { label: e, description: "event" },
      kind: K.Event,
      insertText: eventReference(e),
      detail: "event",
      sortText: "1" + e,
      filterText: e,
    }));

  const groupItems = (): Item[] => workspace.compiled.groups.map((g) => ({ label: g, kind: K.Module, insertText: g, detail: "group", sortText: "0" + g }));

  const tierNames = (group?: string): string[] => {
    const plan = workspace.scoringModel?.plan;
    if (!plan) return [];
    const tiers = group ? plan.groups.find((g) => g.name === group)?.tiers : plan.tiers;
    return (tiers ?? []).map((t) => t.name);
  };

  const valueItems = (fieldName: string, operator: string): Item[] => {
    const field = workspace.compiled.schema.fields.find((f) => f.name === fieldName);
    if (!field) return [];
    if (field.type.kind === "enum") {
      const values = field.type.values.map((v, i) => ({ label: JSON.stringify(v), kind: K.EnumMember, insertText: JSON.stringify(v), detail: `${fieldName} value`, sortText: String(i).padStart(3, "0") }));
      return operator === "is" ? [...values, keyword("not"), keyword("known"), keyword("unknown")] : values;
    }
    if (field.type.kind === "boolean") return [keyword("true", "true", undefined, "0"), keyword("false", "false", undefined, "0")];
    if (operator === "is") return [keyword("not"), keyword("known"), keyword("unknown")];
    return [];
  };

  const itemsFor = (expect: Expectation, block: Block, gate: boolean): Item[] => {
    const pointWords = gate ? [] : [keyword("add", "add ${1:5}", undefined, "1"), keyword("subtract", "subtract ${1:5}", undefined, "1")];
    switch (expect.kind) {
      case "statement":
        return statementItems(block);
      case "conditionStart":
        return [...fieldItems(), ...eventItems(), keyword("not", "not ", undefined, "3")];
      case "operator": {
        const field = workspace.compiled.schema.fields.find((f) => f.name === expect.field);
        return field ? operatorItems(field.type).filter((item) => !gate || (item.insertText !== "add ${1:5}" && item.insertText !== "subtract ${1:5}")) : [];
      }
      case "value":
        return valueItems(expect.field, expect.operator);
      case "afterEvent":
        return [
          ...(expect.hasWindow ? [] : [keyword("within", "within ${1:30} days", "only recent occurrences", "0")]),
          ...(expect.hasCount ? [] : [keyword("at least", "at least ${1:3} times", "a minimum count", "0")]),
          ...pointWords,
          keyword("and"),
          keyword("or"),
        ];
      case "times":
        return [keyword("times", "times", undefined, "0")];
      case "afterCondition":
        return [...pointWords, keyword("and"), keyword("or")];
      case "afterPoints":
        return [
          ...(expect.eachAllowed && !expect.hasEach ? [keyword("each", "each", "points per occurrence", "0")] : []),
          ...(expect.hasEach && !expect.hasUpTo ? [keyword("up to", "up to ${1:10}", "cap this rule", "0")] : []),
          keyword("decay", "decay ${1:50}% every ${2:30} days", "older events count less", "1"),
        ];
      case "words":
        return expect.words.map((w, i) => keyword(w, w, undefined, String(i)));
      case "groupName":
        return groupItems();
      case "type":
        return [...["number", "text", "boolean", "date", "list"].map((t) => ({ label: t, kind: K.TypeParameter, insertText: t, sortText: "0" + t })), keyword('"a" | "b"', '"${1:a}" | "${2:b}"', "one of a few values")];
      case "tierName":
        return tierNames(expect.group).map((t) => ({ label: t, kind: K.Constant, insertText: t, detail: "tier" }));
      case "exampleField":
        return fieldItems(": ");
      case "exampleValue":
        return valueItems(expect.field, "is");
      case "exampleEvent":
        return eventItems();
      case "expect":
        return [keyword("score", "score ${1:0}", undefined, "0"), keyword("tier", "tier ", undefined, "0"), keyword("qualified"), keyword("not qualified"), ...groupItems()];
      case "none":
        return [];
    }
  };

  return m.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [" ", '"', "[", ":"],
    provideCompletionItems(model: editor.ITextModel, position: Position, context: languages.CompletionContext) {
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const schema = workspace.compiled.schema;
      const names: SchemaNames = {
        fields: new Map(schema.fields.map((f) => [f.name, f.type])),
        events: schema.events,
        groups: workspace.compiled.groups,
      };
      const where = completionContext(text, offset, names);
      // A space should not pop the statement list up at the start of every line.
      if (context.triggerCharacter === " " && (where.expect.kind === "statement" || where.expect.kind === "none")) return { suggestions: [] };
      const lineText = model.getLineContent(position.lineNumber);
      const gate = /^\s*disqualify\b/.test(lineText);
      const start = model.getPositionAt(where.replaceFrom);
      // An auto-closed quote right after the cursor is replaced too, so `"saas"` does not end up `"saas""`.
      const endColumn = where.replaceFrom < offset && text[where.replaceFrom] === '"' && text[offset] === '"' ? position.column + 1 : position.column;
      const range = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: position.lineNumber, endColumn };
      const suggestions = itemsFor(where.expect, where.block, gate).map((item) => ({ ...item, range }));
      return { suggestions };
    },
  });
}
