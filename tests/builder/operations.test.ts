// Every builder edit as a text change: the exact text it produces, and the git-style line diff
// (only the lines the edit is about change; comments and unrelated lines stay byte-identical).

import { describe, expect, it } from "vitest";
import {
  addEvent, addField, addGate, addGroup, addRule, addTier, addTiers, type BuilderChange, buildView, declareSchema, deleteItem,
  duplicateRule, moveRule, moveRuleBy, moveTier, openDocument, type RuleDraft, setQualify, setScoreLimit, updateEvent, updateField,
  updateGate, updateGroup, updateRule, updateTier, updateTiersGroup, type RuleItem, newGroupName, newTierDraft, replaceText,
} from "../../src/builder/index.js";
import { compile } from "../../src/api/compile.js";
import { format } from "../../src/formatter/format.js";
import { diffLines } from "./line-diff.js";

const MODEL = `# ACME inbound scoring model
lead {
  title: text
  company_size: number
  industry: "saas" | "retail" | "finance" | "other"
  email: text
  competitor: boolean
}

events {
  opened email
  downloaded whitepaper
  attended webinar
}

group fit up to 50 {
  when company_size >= 200 add 10
  when industry in ["saas", "finance"] add 5 # core markets
}

group engagement {
  # activity
  when opened email add 2 each up to 10
  when downloaded whitepaper add 5
}

when competitor subtract 20
when email ends with "@gmail.com" subtract 5 # personal address

qualify above 20

tiers {
  hot at least 9
  warm at least 5
  cold otherwise
}
`;

function rules(source: string): RuleItem[] {
  return buildView(openDocument(source)).rules;
}

function rule(source: string, index: number): RuleItem {
  const found = rules(source)[index];
  if (!found) throw new Error(`no rule ${index}`);
  return found;
}

function applied(change: BuilderChange | undefined): string {
  if (!change) throw new Error("the edit changed nothing");
  // The single minimal edit and the whole new text agree.
  return change.source;
}

/** The new text is canonical when the old one was, and parses without syntax errors. */
function expectCanonical(text: string): void {
  const formatted = format(text);
  expect(formatted.diagnostics).toEqual([]);
  expect(formatted.text).toBe(text);
}

describe("editing a rule", () => {
  it("rewrites only that rule's line, in canonical form", () => {
    const target = rule(MODEL, 3); // when downloaded whitepaper add 5
    const draft: RuleDraft = { ...target.draft, points: 7, each: false };
    const after = applied(updateRule(openDocument(MODEL), target.path, draft));
    expect(diffLines(MODEL, after)).toEqual(["-  when downloaded whitepaper add 5", "+  when downloaded whitepaper add 7"]);
    expectCanonical(after);
  });

  it("keeps the rule's trailing comment and every other comment", () => {
    const target = rule(MODEL, 5); // when email ends with ... # personal address
    const after = applied(updateRule(openDocument(MODEL), target.path, { ...target.draft, sign: 1, points: 1 }));
    expect(diffLines(MODEL, after)).toEqual([
      '-when email ends with "@gmail.com" subtract 5 # personal address',
      '+when email ends with "@gmail.com" add 1 # personal address',
    ]);
  });

  it("changes the condition: operator, value, and/or groups, not", () => {
    const target = rule(MODEL, 0);
    const draft: RuleDraft = {
      ...target.draft,
      condition: {
        kind: "any",
        items: [
          { kind: "test", subject: { name: "company_size", quoted: false }, op: "between", low: { kind: "number", value: 50 }, high: { kind: "number", value: 500 } },
          { kind: "not", item: { kind: "all", items: [
            { kind: "test", subject: { name: "industry", quoted: false }, op: "=", value: { kind: "string", value: "retail" } },
            { kind: "test", subject: { name: "competitor", quoted: false }, op: "occurs" },
          ] } },
        ],
      },
    };
    const after = applied(updateRule(openDocument(MODEL), target.path, draft));
    expect(diffLines(MODEL, after)).toEqual([
      "-  when company_size >= 200 add 10",
      '+  when company_size between 50 and 500 or not (industry is "retail" and competitor) add 10',
    ]);
  });

  it("writes each / up to / per-rule decay", () => {
    const target = rule(MODEL, 3);
    const after = applied(updateRule(openDocument(MODEL), target.path, { ...target.draft, each: true, upTo: 15, decay: { percent: 10, every: { amount: 2, unit: "week" } } }));
    expect(diffLines(MODEL, after)).toEqual(["-  when downloaded whitepaper add 5", "+  when downloaded whitepaper add 5 each up to 15 decay 10% every 2 weeks"]);
  });

  it("leaves messy neighbours alone and tidies only the edited line", () => {
    const messy = "when  a  add 5;when b add 3   # note\n   when c=1 add 2\n";
    const doc = openDocument(messy);
    const target = rule(messy, 2);
    const after = applied(updateRule(doc, target.path, { ...target.draft, points: 4 }));
    expect(after).toBe("when  a  add 5;when b add 3   # note\nwhen c is 1 add 4\n");
  });

  it("edits a rule that shares its line with another (`;`) in place", () => {
    const source = "when a add 5; when b add 3\n";
    const target = rule(source, 1);
    expect(applied(updateRule(openDocument(source), target.path, { ...target.draft, points: 9 }))).toBe("when a add 5; when b add 9\n");
  });

  it("moves comments from inside a wrapped list above the rule, so none is lost", () => {
    const source = 'lead {\n  industry: text\n}\n\nwhen industry in [\n  "saas", # best\n  "retail"\n] add 5\n';
    const target = rule(source, 0);
    const after = applied(updateRule(openDocument(source), target.path, { ...target.draft, points: 6 }));
    expect(after).toBe('lead {\n  industry: text\n}\n\n# best\nwhen industry in ["saas", "retail"] add 6\n');
  });

  it("changes nothing when the draft prints as the line already reads", () => {
    const target = rule(MODEL, 2);
    expect(updateRule(openDocument(MODEL), target.path, target.draft)).toBeUndefined();
  });
});

describe("adding rules", () => {
  const draft: RuleDraft = { condition: { kind: "test", subject: { name: "attended webinar", quoted: false }, op: "occurs", within: { amount: 30, unit: "day" } }, sign: 1, points: 10, each: false };

  it("adds an ungrouped rule after the last ungrouped rule", () => {
    const change = addRule(openDocument(MODEL), draft);
    const after = applied(change);
    expect(diffLines(MODEL, after)).toEqual(["+when attended webinar within 30 days add 10"]);
    expect(after.slice(change!.focus)).toMatch(/^when attended webinar within 30 days add 10\n\nqualify above 20/);
    expectCanonical(after);
  });

  it("adds a rule at the end of a group", () => {
    const after = applied(addRule(openDocument(MODEL), draft, 3));
    expect(after).toContain("  when downloaded whitepaper add 5\n  when attended webinar within 30 days add 10\n}\n");
    expect(diffLines(MODEL, after)).toEqual(["+  when attended webinar within 30 days add 10"]);
    expectCanonical(after);
  });

  it("opens up an empty group", () => {
    const source = "group fit {}\n\nqualify above 5\n";
    const after = applied(addRule(openDocument(source), draft, 0));
    expect(after).toBe("group fit {\n  when attended webinar within 30 days add 10\n}\n\nqualify above 5\n");
  });

  it("starts the ungrouped rules as a new section, between groups and qualify", () => {
    const source = "group fit {\n  when a add 1\n}\n\nqualify above 5\n";
    const after = applied(addRule(openDocument(source), draft));
    expect(after).toBe("group fit {\n  when a add 1\n}\n\nwhen attended webinar within 30 days add 10\n\nqualify above 5\n");
  });

  it("writes the first rule of an empty model", () => {
    expect(applied(addRule(openDocument(""), draft))).toBe("when attended webinar within 30 days add 10\n");
  });

  it("adds after the last line even without a final newline", () => {
    expect(applied(addRule(openDocument("when a add 1"), draft))).toBe("when a add 1\nwhen attended webinar within 30 days add 10\n");
  });

  it("duplicates a rule right below itself", () => {
    const target = rule(MODEL, 1);
    const after = applied(duplicateRule(openDocument(MODEL), target.path, target.draft));
    expect(diffLines(MODEL, after)).toEqual(['+  when industry in ["saas", "finance"] add 5']);
    expect(after).toContain('  when industry in ["saas", "finance"] add 5 # core markets\n  when industry in ["saas", "finance"] add 5\n}');
  });

  it("duplicates an ungrouped rule", () => {
    const target = rule(MODEL, 4);
    const after = applied(duplicateRule(openDocument(MODEL), target.path, target.draft));
    expect(after).toContain("when competitor subtract 20\nwhen competitor subtract 20\nwhen email");
  });
});

describe("deleting", () => {
  it("deletes a rule's line with its trailing comment; comments above stay", () => {
    const target = rule(MODEL, 2); // first rule after "# activity"
    const after = applied(deleteItem(openDocument(MODEL), target.path));
    expect(diffLines(MODEL, after)).toEqual(["-  when opened email add 2 each up to 10"]);
    expect(after).toContain("  # activity\n  when downloaded whitepaper add 5\n");
    expectCanonical(after);
  });

  it("closes a group up to `{}` when its last rule goes", () => {
    const source = "group fit {\n  when a add 1\n}\n";
    expect(applied(deleteItem(openDocument(source), rule(source, 0).path))).toBe("group fit {}\n");
  });

  it("keeps a lone comment in a group whose last rule goes", () => {
    const source = "group fit {\n  # todo\n  when a add 1\n}\n";
    expect(applied(deleteItem(openDocument(source), rule(source, 0).path))).toBe("group fit {\n  # todo\n}\n");
  });

  it("keeps blank lines canonical around a deleted section", () => {
    const source = "group fit {\n  when a add 1\n}\n\nwhen b add 2\n\nqualify above 5\n";
    const after = applied(deleteItem(openDocument(source), rule(source, 1).path));
    expect(after).toBe("group fit {\n  when a add 1\n}\n\nqualify above 5\n");
  });

  it("deletes the last statement without leaving a blank line at the end", () => {
    const source = "when a add 1\n\nqualify above 5\n";
    expect(applied(deleteItem(openDocument(source), { statement: 1 }))).toBe("when a add 1\n");
  });

  it("deletes a whole group", () => {
    const after = applied(deleteItem(openDocument(MODEL), { statement: 3 }));
    expect(diffLines(MODEL, after)).toEqual(["-group engagement {", "-  # activity", "-  when opened email add 2 each up to 10", "-  when downloaded whitepaper add 5", "-}", "-"]);
    expectCanonical(after);
  });

  it("deletes one of two statements sharing a line", () => {
    const source = "when a add 5; when b add 3; qualify above 20\n";
    expect(applied(deleteItem(openDocument(source), { statement: 1 }))).toBe("when a add 5; qualify above 20\n");
    expect(applied(deleteItem(openDocument(source), { statement: 2 }))).toBe("when a add 5; when b add 3\n");
    expect(applied(deleteItem(openDocument(source), { statement: 0 }))).toBe("when b add 3; qualify above 20\n");
  });
});

describe("reordering and moving rules", () => {
  it("moves a rule up by one: two lines swap", () => {
    const target = rule(MODEL, 1);
    const change = moveRuleBy(openDocument(MODEL), target.path, -1, target.draft);
    const after = applied(change);
    expect(after).toContain('group fit up to 50 {\n  when industry in ["saas", "finance"] add 5 # core markets\n  when company_size >= 200 add 10\n}');
    expect(after.slice(change!.focus).startsWith('when industry in ["saas", "finance"] add 5')).toBe(true);
    expectCanonical(after);
  });

  it("moves a rule down by one", () => {
    const target = rule(MODEL, 4);
    const after = applied(moveRuleBy(openDocument(MODEL), target.path, 1, target.draft));
    expect(after).toContain('when email ends with "@gmail.com" subtract 5 # personal address\nwhen competitor subtract 20\n\nqualify');
  });

  it("does nothing past the ends", () => {
    const target = rule(MODEL, 0);
    expect(moveRuleBy(openDocument(MODEL), target.path, -1, target.draft)).toBeUndefined();
  });

  it("moves a rule into another group, at the end", () => {
    const target = rule(MODEL, 4); // when competitor subtract 20
    const after = applied(moveRule(openDocument(MODEL), target.path, { group: 2 }, target.draft));
    expect(diffLines(MODEL, after)).toEqual(["-when competitor subtract 20", "+  when competitor subtract 20"]);
    expect(after).toContain("# core markets\n  when competitor subtract 20\n}");
    expectCanonical(after);
  });

  it("moves a rule out of its group to the ungrouped rules, before a given one", () => {
    const target = rule(MODEL, 3);
    const after = applied(moveRule(openDocument(MODEL), target.path, { group: null, before: { statement: 4 } }, target.draft));
    expect(after).toContain("\nwhen downloaded whitepaper add 5\nwhen competitor subtract 20\n");
    expect(diffLines(MODEL, after)).toEqual(["-  when downloaded whitepaper add 5", "+when downloaded whitepaper add 5"]);
  });

  it("moves a rule between groups, before a given line, with its trailing comment", () => {
    const target = rule(MODEL, 1);
    const after = applied(moveRule(openDocument(MODEL), target.path, { group: 3, before: { statement: 3, child: 0 } }, target.draft));
    expect(after).toContain('group engagement {\n  when industry in ["saas", "finance"] add 5 # core markets\n  # activity\n');
    expectCanonical(after);
  });

  it("moves the only rule of a group out, closing the group", () => {
    const source = "group fit {\n  when a add 1\n}\n";
    const target = rule(source, 0);
    expect(applied(moveRule(openDocument(source), target.path, { group: null }, target.draft))).toBe("group fit {}\n\nwhen a add 1\n");
  });
});

describe("groups, gates, qualify and limits", () => {
  it("adds a group after the last group", () => {
    const after = applied(addGroup(openDocument(MODEL), { name: "intent", upTo: 30 }));
    expect(diffLines(MODEL, after)).toEqual(["+group intent up to 30 {}", "+"]);
    expectCanonical(after);
  });

  it("names new groups and tiers so that the text stays valid", () => {
    let source = MODEL;
    for (let i = 0; i < 2; i++) source = applied(addGroup(openDocument(source), { name: newGroupName(buildView(openDocument(source)).groups) }));
    const tiers = buildView(openDocument(source)).items.find((i) => i.kind === "tiers");
    const drafts = tiers?.kind === "tiers" ? tiers.tiers.flatMap((t) => (t.kind === "tier" ? [t.draft] : [])) : [];
    source = applied(addTier(openDocument(source), 9, newTierDraft(drafts)));
    expect(source).toContain("group new_group {}\n\ngroup new_group_2 {}\n");
    expect(source).toContain("  warm at least 5\n  tier at least 0\n  cold otherwise");
    expect(compile(source).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("edits a group's header: cap and decay", () => {
    const after = applied(updateGroup(openDocument(MODEL), 3, { name: "engagement", upTo: 40, decay: { percent: 10, every: { amount: 1, unit: "month" } } }));
    expect(diffLines(MODEL, after)).toEqual(["-group engagement {", "+group engagement up to 40 decay 10% every 1 month {"]);
  });

  it("renames a group and the tiers that grade it", () => {
    const source = "group fit {\n  when a add 1\n}\n\ntiers for fit {\n  A at least 1\n  C otherwise\n}\n";
    expect(applied(updateGroup(openDocument(source), 0, { name: "profile" }))).toBe(
      "group profile {\n  when a add 1\n}\n\ntiers for profile {\n  A at least 1\n  C otherwise\n}\n",
    );
  });

  it("adds a gate after the ungrouped rules, as a section of its own", () => {
    const after = applied(addGate(openDocument(MODEL), { condition: { kind: "test", subject: { name: "title", quoted: false }, op: "contains", value: { kind: "string", value: "student" } } }));
    expect(diffLines(MODEL, after)).toEqual(['+disqualify when title contains "student"', "+"]);
    expect(after).toContain('personal address\n\ndisqualify when title contains "student"\n\nqualify above 20');
  });

  it("edits a gate", () => {
    const source = "disqualify when competitor\n";
    expect(applied(updateGate(openDocument(source), 0, { condition: { kind: "not", item: { kind: "test", subject: { name: "competitor", quoted: false }, op: "occurs" } } }))).toBe("disqualify when not competitor\n");
  });

  it("changes, removes and adds the qualify line", () => {
    const changed = applied(setQualify(openDocument(MODEL), { op: ">=", threshold: 25 }));
    expect(diffLines(MODEL, changed)).toEqual(["-qualify above 20", "+qualify at least 25"]);
    const removed = applied(setQualify(openDocument(MODEL), undefined));
    expect(diffLines(MODEL, removed)).toEqual(["-qualify above 20", "-"]);
    expectCanonical(removed);
    expect(applied(setQualify(openDocument(removed), { op: ">", threshold: 20 }))).toBe(MODEL);
  });

  it("adds, changes and removes the score limit", () => {
    const added = applied(setScoreLimit(openDocument(MODEL), { min: 0, max: 100 }));
    expect(diffLines(MODEL, added)).toEqual(["+score between 0 and 100", "+"]);
    expect(added).toContain("personal address\n\nscore between 0 and 100\n\nqualify above 20\n");
    const changed = applied(setScoreLimit(openDocument(added), { min: 0 }));
    expect(diffLines(added, changed)).toEqual(["-score between 0 and 100", "+score at least 0"]);
    expect(applied(setScoreLimit(openDocument(changed), {}))).toBe(MODEL);
  });
});

describe("tiers", () => {
  it("adds a tier before `otherwise`", () => {
    const after = applied(addTier(openDocument(MODEL), 7, { name: "lukewarm", op: ">=", threshold: 2 }));
    expect(diffLines(MODEL, after)).toEqual(["+  lukewarm at least 2"]);
    expect(after).toContain("  warm at least 5\n  lukewarm at least 2\n  cold otherwise\n");
  });

  it("edits one tier", () => {
    const after = applied(updateTier(openDocument(MODEL), { statement: 7, child: 0 }, { name: "hot", op: ">", threshold: 10 }));
    expect(diffLines(MODEL, after)).toEqual(["-  hot at least 9", "+  hot above 10"]);
  });

  it("reorders tiers", () => {
    const after = applied(moveTier(openDocument(MODEL), { statement: 7, child: 1 }, 0, { name: "warm", op: ">=", threshold: 5 }));
    expect(after).toContain("tiers {\n  warm at least 5\n  hot at least 9\n  cold otherwise\n}");
  });

  it("adds tiers for a group, after the total's tiers", () => {
    const after = applied(addTiers(openDocument(MODEL), "fit", [{ name: "A", op: ">=", threshold: 20 }, { name: "B", op: "otherwise" }]));
    expect(after.endsWith("  cold otherwise\n}\n\ntiers for fit {\n  A at least 20\n  B otherwise\n}\n")).toBe(true);
    expectCanonical(after);
  });

  it("only rewrites a tiers block's header", () => {
    expect(updateTiersGroup(openDocument(MODEL), 6, "fit")).toBeUndefined();
  });

  it("points tiers at a group, and back at the total", () => {
    const forFit = applied(updateTiersGroup(openDocument(MODEL), 7, "fit"));
    expect(diffLines(MODEL, forFit)).toEqual(["-tiers {", "+tiers for fit {"]);
    expect(applied(updateTiersGroup(openDocument(forFit), 7, undefined))).toBe(MODEL);
  });

  it("deletes a tier", () => {
    expect(diffLines(MODEL, applied(deleteItem(openDocument(MODEL), { statement: 7, child: 1 })))).toEqual(["-  warm at least 5"]);
  });
});

describe("the schema", () => {
  it("adds a field to the lead block", () => {
    const after = applied(addField(openDocument(MODEL), { name: "signed_up", type: { kind: "date" } }));
    expect(diffLines(MODEL, after)).toEqual(["+  signed_up: date"]);
  });

  it("adds an event to the events block", () => {
    const after = applied(addEvent(openDocument(MODEL), { name: "visited pricing page", quoted: false }));
    expect(diffLines(MODEL, after)).toEqual(["+  visited pricing page"]);
  });

  it("quotes an event whose words are keywords", () => {
    const after = applied(addEvent(openDocument(MODEL), { name: "registered for webinar", quoted: false }));
    expect(diffLines(MODEL, after)).toEqual(['+  "registered for webinar"']);
  });

  it("changes a field's type, and an enum's values", () => {
    const typed = applied(updateField(openDocument(MODEL), { statement: 0, child: 0 }, { name: "title", type: { kind: "enum", values: ["vp", "director"] } }));
    expect(diffLines(MODEL, typed)).toEqual(["-  title: text", '+  title: "vp" | "director"']);
  });

  it("renames an event declaration", () => {
    const after = applied(updateEvent(openDocument(MODEL), { statement: 1, child: 2 }, { name: "joined webinar", quoted: false }));
    expect(diffLines(MODEL, after)).toEqual(["-  attended webinar", "+  joined webinar"]);
  });

  it("writes out an inferred schema before adding to it (declaring closes the schema)", () => {
    const source = "when downloaded whitepaper add 5\nwhen competitor subtract 20\nwhen company_size > 100 add 3\n\nqualify above 20\n";
    const after = applied(addEvent(openDocument(source), { name: "opened email", quoted: false }));
    expect(after).toBe(
      "lead {\n  competitor: boolean\n  company_size: number\n}\n\nevents {\n  downloaded whitepaper\n  opened email\n}\n\n" + source,
    );
    expectCanonical(after);
  });

  it("declares only what is missing", () => {
    const source = "lead {\n  competitor: boolean\n}\n\nwhen competitor subtract 20\n";
    expect(applied(addEvent(openDocument(source), { name: "opened email", quoted: false }))).toBe(
      "lead {\n  competitor: boolean\n}\n\nevents {\n  opened email\n}\n\nwhen competitor subtract 20\n",
    );
    expect(declareSchema(openDocument(source))).toBeUndefined();
  });

  it("keeps a file's header comment above the new schema", () => {
    const source = "# scoring\n\nwhen opened email add 2\n";
    expect(applied(declareSchema(openDocument(source)))).toBe("# scoring\n\nevents {\n  opened email\n}\n\nwhen opened email add 2\n");
  });
});

describe("quick fixes", () => {
  it("puts a diagnostic's suggestion in place of the misspelt name, and nothing else", () => {
    const source = "lead {\n  size: number\n}\n\nwhen sise >= 200 add 10 # big\n";
    const diagnostic = compile(source).diagnostics.find((d) => d.code === "LS2001");
    expect(diagnostic?.suggestions).toEqual(["size"]);
    const after = applied(replaceText(openDocument(source), diagnostic!.span, "size"));
    expect(diffLines(source, after)).toEqual(["-when sise >= 200 add 10 # big", "+when size >= 200 add 10 # big"]);
  });
});

describe("text the builder cannot show as rows", () => {
  const broken = "when opened email add 2\nwhen x add\nwhen downloaded whitepaper ad 5\n\nqualify above 20\n";

  it("stays visible as read-only rows, in place", () => {
    const view = buildView(openDocument(broken));
    expect(view.items.map((i) => i.kind)).toEqual(["rule", "raw", "qualify"]);
    const raw = view.items[1];
    expect(raw.kind === "raw" && raw.text).toBe("when x add\nwhen downloaded whitepaper ad 5");
    expect(raw.diagnostics.map((d) => d.code)).toEqual(["LS1003", "LS1003"]);
  });

  it("is left byte-identical by edits elsewhere", () => {
    const doc = openDocument(broken);
    const first = rule(broken, 0);
    const after = applied(updateRule(doc, first.path, { ...first.draft, points: 3 }));
    expect(after).toBe(broken.replace("add 2", "add 3"));
  });

  it("keeps a statement with a syntax error read-only, and its neighbours editable", () => {
    const source = "group fit {\n  when a add 1\n  when b add 2 each up to\n}\n";
    const view = buildView(openDocument(source));
    const group = view.items[0];
    expect(group.kind).toBe("group");
    if (group.kind !== "group") return;
    expect(group.rules.map((r) => r.kind)).toEqual(["rule", "raw"]);
  });

  it("shows a block whose header is broken with its rules still editable", () => {
    const source = "group fit up to {\n  when a add 1\n}\n";
    const group = buildView(openDocument(source)).items[0];
    expect(group.kind === "group" && group.header).toBeUndefined();
    expect(group.kind === "group" && group.headerText).toBe("group fit up to {");
    expect(group.kind === "group" && group.rules.map((r) => r.kind)).toEqual(["rule"]);
  });
});
