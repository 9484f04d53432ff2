// The text a builder view stands for: every statement rebuilt from the view's drafts (never from the
// syntax tree), keeping each row's source span so the formatter puts every comment back in place.
// `printView(buildView(doc))` equals the canonical text exactly when the view lost nothing.

import type { Rule, Statement, Tier } from "../../src/ast/nodes.js";
import {
  conditionNode, fieldNode, groupNode, qualifyNode, ruleNode, scoreLimitNode, tierNode,
} from "../../src/builder/convert.js";
import type { BuilderDocument } from "../../src/builder/document.js";
import type { BuilderView, TopItem } from "../../src/builder/view.js";
import { nameNode } from "../../src/builder/convert.js";
import { formatModel } from "../../src/formatter/format.js";

export function printView(view: BuilderView, doc: BuilderDocument): string {
  const statements = view.items.map((item) => statementOf(item, doc));
  return formatModel({ kind: "model", statements, comments: doc.ast.comments, source: doc.source });
}

function statementOf(item: TopItem, doc: BuilderDocument): Statement {
  const span = item.span;
  switch (item.kind) {
    case "rule":
      return { ...ruleNode(item.draft), span };
    case "gate":
      return { kind: "gate", condition: conditionNode(item.draft.condition), span };
    case "qualify":
      return { ...qualifyNode(item.draft), span };
    case "scoreLimit":
      return { ...scoreLimitNode(item.draft), span };
    case "group": {
      if (!item.header) throw new Error(`group header on line ${item.line} is read-only`);
      const rules: Rule[] = item.rules.map((row) => {
        if (row.kind !== "rule") throw new Error(`read-only text in a group: ${row.text}`);
        return { ...ruleNode(row.draft), span: row.span };
      });
      return { ...groupNode(item.header, rules), span };
    }
    case "tiers": {
      const tiers: Tier[] = item.tiers.map((row) => {
        if (row.kind !== "tier") throw new Error(`read-only text in tiers: ${row.text}`);
        return { ...tierNode(row.draft), span: row.span };
      });
      return { kind: "tiers", group: item.group === undefined ? undefined : { name: item.group, span }, tiers, span };
    }
    case "lead":
      return {
        kind: "leadDecl",
        fields: item.fields.map((row) => {
          if (row.kind !== "field") throw new Error(`read-only text in lead: ${row.text}`);
          return { ...fieldNode(row.draft), span: row.span };
        }),
        span,
      };
    case "events":
      return {
        kind: "eventsDecl",
        events: item.events.map((row) => {
          if (row.kind !== "event") throw new Error(`read-only text in events: ${row.text}`);
          return { kind: "eventDecl" as const, name: nameNode(row.draft), span: row.span };
        }),
        span,
      };
    case "example":
      // Examples are shown, not edited: the statement itself stands for them.
      return doc.ast.statements[item.path.statement];
    case "raw":
      throw new Error(`read-only text on line ${item.line}: ${item.text}`);
  }
}
