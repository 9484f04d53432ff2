// Builder edits on thousands of generated models: every edit leaves text that parses, a canonical
// text stays canonical, no comment is lost, and the git-style line diff holds exactly the lines the
// edit is about (one line for a changed rule, however messy the rest of the file is).

import { describe, expect, it } from "vitest";
import {
  addRule, buildView, deleteItem, duplicateRule, moveRule, moveRuleBy, newRuleDraft, openDocument, printRule, type BuilderChange,
  type RuleDraft, type RuleItem, updateRule,
} from "../../src/builder/index.js";
import { format } from "../../src/formatter/format.js";
import { parse } from "../../src/ast/parse.js";
import { fuzzRuns } from "../support/fuzz-budget.js";
import { generateModelText } from "../support/generate-model-text.js";
import { createRng, type Rng } from "../support/generate-plan.js";
import { lineDiff } from "./line-diff.js";

const RUNS = fuzzRuns(250);
const TIMEOUT = Math.max(60_000, RUNS * 100);

function syntaxErrors(text: string): string[] {
  return parse(text).diagnostics.filter((d) => d.code.startsWith("LS1")).map((d) => d.message);
}

function comments(text: string): string[] {
  return parse(text).ast.comments.map((c) => c.text.trimEnd()).sort();
}

/** A changed draft: other points, the other verb, or each toggled where the rule allows it. */
function changed(rng: Rng, draft: RuleDraft): RuleDraft {
  switch (rng.int(0, 2)) {
    case 0:
      return { ...draft, points: draft.points + rng.int(1, 9), pointsRaw: undefined };
    case 1:
      return { ...draft, sign: draft.sign === 1 ? -1 : 1 };
    default:
      return { ...draft, points: Math.round(draft.points * 10 + 5) / 10, pointsRaw: undefined };
  }
}

type Outcome = { name: string; before: string; change: BuilderChange | undefined; check: (after: string) => string | undefined };

function pickEdit(rng: Rng, source: string, canonical: boolean): Outcome | undefined {
  const doc = openDocument(source);
  const view = buildView(doc);
  const rules: RuleItem[] = view.rules;
  if (rules.length === 0) return undefined;
  const target = rng.pick(rules);
  const line = source.split("\n")[target.line - 1];
  const draft = target.draft;
  /** The diff, blank lines aside (an edit may drop or add a blank line to keep the layout canonical). */
  const diffIs = (after: string, removed: string[], added: string[]): string | undefined => {
    const diff = lineDiff(source, after);
    const text = (lines: { text: string }[]) => lines.map((l) => l.text.trim()).filter((l) => l !== "");
    const got = { removed: text(diff.removed), added: text(diff.added) };
    const want = { removed: removed.map((l) => l.trim()), added: added.map((l) => l.trim()) };
    return JSON.stringify(got) === JSON.stringify(want) ? undefined : `diff ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
  };
  const trailing = target.trailingComment ? ` ${target.trailingComment}` : "";
  const sharesLine = line.trim() !== `${printRule(draft)}${trailing}`.trim() && !canonical;
  switch (rng.int(0, 5)) {
    case 0:
    case 1: {
      const next = changed(rng, draft);
      const change = updateRule(doc, target.path, next);
      return {
        name: `update rule on line ${target.line}`,
        before: source,
        change,
        // The rule's line, and only it, changes (a rule sharing its line with others keeps them).
        check: (after) => {
          const diff = lineDiff(source, after);
          // A rule written over several lines (a wrapped list, parentheses) becomes one.
          const lastLine = target.line + (source.slice(target.span.start, target.span.end).match(/\n/g)?.length ?? 0);
          const removedLines = diff.removed.map((l) => l.line);
          const expectedLines = Array.from({ length: lastLine - target.line + 1 }, (_, i) => target.line + i);
          // Comments from inside the old text move above the rule.
          diff.added = diff.added.filter((l) => !l.text.trimStart().startsWith("#"));
          if (diff.added.length !== 1 || JSON.stringify(removedLines) !== JSON.stringify(expectedLines)) return `diff ${JSON.stringify(diff)}`;
          if (!diff.added[0].text.includes(printRule(next))) return `the new line lacks the rule: ${diff.added[0].text}`;
          if (target.trailingComment && !diff.added[0].text.trimEnd().endsWith(target.trailingComment)) return "the trailing comment moved";
          return undefined;
        },
      };
    }
    case 2: {
      const change = duplicateRule(doc, target.path, draft);
      return { name: `duplicate line ${target.line}`, before: source, change, check: (after) => (sharesLine ? undefined : diffIs(after, [], [printRule(draft)])) };
    }
    case 3: {
      const change = moveRuleBy(doc, target.path, rng.chance(0.5) ? -1 : 1, draft);
      return {
        name: `move line ${target.line}`,
        before: source,
        change,
        // Two neighbours swap: the diff shows one of them moving (either reads the same).
        check: (after) => {
          if (!canonical) return undefined;
          const diff = lineDiff(source, after);
          const text = (lines: { text: string }[]) => lines.map((l) => l.text).filter((l) => l.trim() !== "");
          const [removed, added] = [text(diff.removed), text(diff.added)];
          return removed.length === 1 && added.length === 1 && removed[0] === added[0] ? undefined : `diff ${JSON.stringify(diff)}`;
        },
      };
    }
    case 4: {
      const change = deleteItem(doc, target.path);
      return {
        name: `delete line ${target.line}`,
        before: source,
        change,
        check: (after) => {
          if (!canonical) return undefined;
          const diff = lineDiff(source, after);
          const removed = diff.removed.map((l) => l.text);
          if (!removed.includes(line)) return `the rule's line was not removed: ${JSON.stringify(diff)}`;
          if (removed.some((l) => l !== line && l.trim() !== "" && !l.trim().endsWith("{") && !l.trim().startsWith("}"))) return `other lines removed: ${JSON.stringify(diff)}`;
          return undefined;
        },
      };
    }
    default: {
      const groups = view.items.flatMap((item) => (item.kind === "group" && item.header ? [item.path.statement] : []));
      const into = rng.chance(0.5) && groups.length > 0 ? rng.pick(groups) : undefined;
      if (rng.chance(0.5)) {
        const change = moveRule(doc, target.path, { group: into ?? null }, draft);
        return { name: `move line ${target.line} to ${into ?? "top"}`, before: source, change, check: () => undefined };
      }
      const fresh = newRuleDraft(view.schema);
      const change = addRule(doc, fresh, into);
      return {
        name: `add a rule to ${into ?? "top"}`,
        before: source,
        change,
        check: (after) => {
          if (!canonical) return undefined;
          const diff = lineDiff(source, after);
          const added = diff.added.map((l) => l.text.trim()).filter((l) => l !== "" && l !== "}" && !l.endsWith("{"));
          return added.length === 1 && added[0] === printRule(fresh) && diff.removed.every((l) => l.text.trim() === "" || l.text.endsWith("{}")) ? undefined : `diff ${JSON.stringify(diff)}`;
        },
      };
    }
  }
}

function run(canonicalInput: boolean): string[] {
  const failures: string[] = [];
  for (let seed = 1; seed <= RUNS && failures.length < 3; seed++) {
    const rng = createRng(seed * 7919);
    const model = generateModelText(seed, { messy: !canonicalInput || seed % 2 === 0 });
    const formatted = format(model.text);
    if (formatted.diagnostics.length > 0) continue;
    let source = canonicalInput ? formatted.text : model.text;
    // A few edits in a row, each on the text the previous one left.
    for (let step = 0; step < 3; step++) {
      const edit = pickEdit(rng, source, canonicalInput);
      if (!edit || !edit.change) continue;
      const after = edit.change.source;
      const where = `seed ${seed} step ${step} (${edit.name})`;
      const errors = syntaxErrors(after);
      if (errors.length > 0) failures.push(`${where}: syntax errors ${errors.join("; ")}\n--- before\n${source}\n--- after\n${after}`);
      else if (canonicalInput && format(after).text !== after) failures.push(`${where}: not canonical\n--- after\n${after}\n--- formatted\n${format(after).text}`);
      else {
        const problem = edit.check(after);
        if (problem) failures.push(`${where}: ${problem}\n--- before\n${source}\n--- after\n${after}`);
        const kept = new Set(comments(after));
        const lost = comments(source).filter((c) => !kept.has(c));
        if (!edit.name.startsWith("delete") && lost.length > 0) failures.push(`${where}: lost comments ${JSON.stringify(lost)}\n--- before\n${source}\n--- after\n${after}`);
        // The single edit reported for the editor gives the same text.
        const { start, end, text } = edit.change.edit;
        if (source.slice(0, start) + text + source.slice(end) !== after) failures.push(`${where}: the minimal edit disagrees with the new text`);
      }
      source = after;
    }
  }
  return failures;
}

describe("builder edits on generated models", () => {
  it(`keep canonical text canonical, change only their own lines, and lose no comment (${RUNS} models)`, () => {
    expect(run(true)).toEqual([]);
  }, TIMEOUT);

  it(`keep messy text readable and every comment in it (${RUNS} models)`, () => {
    expect(run(false)).toEqual([]);
  }, TIMEOUT);
});
