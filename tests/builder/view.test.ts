// The builder's view of a text: every statement as a row in source order, comments beside the rows
// they were written next to, the checker's diagnostics on the row they point into, the schema the
// pickers offer, and read-only rows for text the parser could not read.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { buildView, openDocument, type BuilderView, type GroupItem, type RuleItem } from "../../src/builder/index.js";

function view(source: string): BuilderView {
  return buildView(openDocument(source), compile(source).diagnostics);
}

const MODEL = `# title comment
lead {
  size: number # how many people
  industry: "saas" | "retail"
}

events {
  opened email
  "registered for webinar"
}

group fit up to 50 { # who they are
  # big ones
  when size >= 200 add 10
  when industry is "saas" add 5
  # end of fit
}

when opened email add 2 each up to 10 # engagement
when "registered for webinar" within 2 weeks add 8 decay 10% every 1 week

disqualify when industry is "retail"
score at least 0
qualify above 20

tiers {
  hot at least 9
  cold otherwise
}

example "big saas" {
  lead { size: 500, industry: "saas" }
  expect score 15
}
# last words
`;

describe("the builder's view of a model", () => {
  const v = view(MODEL);

  it("lists the statements in source order, as editable rows", () => {
    expect(v.items.map((i) => i.kind)).toEqual(["lead", "events", "group", "rule", "rule", "gate", "scoreLimit", "qualify", "tiers", "example"]);
    expect(v.rawCount).toBe(0);
    expect(v.rules.map((r) => r.line)).toEqual([14, 15, 19, 20]);
    expect(v.groups).toEqual(["fit"]);
  });

  it("reads each rule into a draft", () => {
    const [, , each, decay] = v.rules;
    expect(each.draft).toMatchObject({ sign: 1, points: 2, each: true, upTo: 10, condition: { kind: "test", subject: { name: "opened email" }, op: "occurs" } });
    expect(decay.draft).toMatchObject({ decay: { percent: 10, every: { amount: 1, unit: "week" } }, condition: { subject: { name: "registered for webinar", quoted: true }, within: { amount: 2, unit: "week" } } });
    expect(v.rules[0].group).toBe("fit");
    expect(each.group).toBeNull();
  });

  it("keeps comments beside their rows", () => {
    const [lead, , group] = v.items;
    expect(lead.comments).toEqual(["# title comment"]);
    expect(lead.kind === "lead" && lead.fields[0].trailingComment).toBe("# how many people");
    const fit = group as GroupItem;
    expect(fit.headerComment).toBe("# who they are");
    expect(fit.rules[0].comments).toEqual(["# big ones"]);
    expect(fit.closingComments).toEqual(["# end of fit"]);
    expect(v.rules[2].trailingComment).toBe("# engagement");
    expect(v.trailingComments).toEqual(["# last words"]);
  });

  it("offers the declared schema to the pickers", () => {
    expect(v.schema).toEqual({
      declared: true,
      fields: [
        { name: "size", type: { kind: "number" } },
        { name: "industry", type: { kind: "enum", values: ["saas", "retail"] } },
      ],
      events: [
        { name: "opened email", quoted: false },
        { name: "registered for webinar", quoted: true },
      ],
    });
  });

  it("shows examples in canonical form", () => {
    const example = v.items[9];
    expect(example.kind === "example" && example.lines).toEqual(['lead { size: 500, industry: "saas" }', "expect score 15"]);
  });

  it("hangs each diagnostic on the innermost row it points into", () => {
    const broken = view("lead {\n  size: number\n}\n\ngroup fit {\n  when sise >= 200 add 10\n}\n\nqualify above 20\n");
    const group = broken.items[1] as GroupItem;
    expect(group.diagnostics).toEqual([]);
    expect((group.rules[0] as RuleItem).diagnostics.map((d) => d.code)).toEqual(["LS2001"]);
    expect((group.rules[0] as RuleItem).diagnostics[0].suggestions).toEqual(["size"]);
  });

  it("infers the schema from use when none is declared", () => {
    const inferred = view('when downloaded whitepaper add 5; when Visited Pricing Page at least 3 times add 2\nwhen competitor subtract 20\nwhen size > 100 add 3\nwhen "registered for webinar" add 1\n');
    expect(inferred.schema.declared).toBe(false);
    expect(inferred.schema.fields).toEqual([
      { name: "competitor", type: { kind: "boolean" } },
      { name: "size", type: { kind: "number" } },
    ]);
    expect(inferred.schema.events).toEqual([
      { name: "downloaded whitepaper", quoted: false },
      { name: "Visited Pricing Page", quoted: false },
      { name: "registered for webinar", quoted: true },
    ]);
  });

  it("keeps text it cannot read as read-only rows, split at blank lines", () => {
    const broken = view("when a add 1\nwhen b add\n\n}}} nonsense\nqualify above 5\n");
    expect(broken.items.map((i) => i.kind)).toEqual(["rule", "raw", "raw", "qualify"]);
    expect(broken.items.slice(1, 3).map((i) => (i.kind === "raw" ? i.text : ""))).toEqual(["when b add", "}}} nonsense"]);
    expect(broken.items[1].kind === "raw" && broken.items[1].path).toBeNull();
  });

  it("shows a statement with a syntax error as its text, which can still be deleted", () => {
    const broken = view("when a add 1 each up to\nwhen b add 2\n");
    const raw = broken.items[0];
    expect(raw.kind).toBe("raw");
    expect(raw.kind === "raw" && raw.path).toEqual({ statement: 0 });
    expect(broken.items[1].kind).toBe("rule");
  });

  it("gives rows ids that stay put while a row's own text changes", () => {
    const before = view(MODEL);
    const after = view(MODEL.replace("when industry is \"saas\" add 5", "when industry is \"saas\" add 50 and more"));
    expect(after.items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
  });
});
