// The operators the builder offers for each type, with the values it fills in, always make a rule the
// checker accepts: picking from the builder's lists never produces an error.

import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import {
  changeOperator, defaultTest, OPERATORS, operatorsFor, printRule, valueShape, type SubjectKind, type TestDraft,
} from "../../src/builder/index.js";

const SCHEMA = `lead {
  size: number
  title: text
  industry: "saas" | "retail"
  competitor: boolean
  signed_up: date
  tags: list
}

events {
  opened email
}
`;

const SUBJECTS: [SubjectKind, string, string[]?][] = [
  ["number", "size"],
  ["text", "title"],
  ["enum", "industry", ["saas", "retail"]],
  ["boolean", "competitor"],
  ["date", "signed_up"],
  ["list", "tags"],
  ["event", "opened email"],
];

const cases = SUBJECTS.flatMap(([kind, name, values]) => OPERATORS[kind].map((op) => [kind, name, op, values] as const));

describe("operators offered per type", () => {
  it.each(cases)("%s %s: %s makes a valid rule", (kind, name, op, values) => {
    const start = defaultTest({ name, quoted: false }, kind, values);
    const test: TestDraft = changeOperator(start, op, kind, values);
    const rule = printRule({ condition: test, sign: 1, points: 5, each: false });
    const { diagnostics } = compile(`${SCHEMA}\n${rule}\n`);
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`), rule).toEqual([]);
  });

  it("keeps the operator the text uses even when the type would not offer it", () => {
    expect(operatorsFor("list", "=")).toContain("=");
    expect(operatorsFor("list")).not.toContain("=");
  });

  it.each([
    ["=", "number", "single"],
    ["between", "date", "range"],
    ["not in", "text", "list"],
    ["occurs", "date", "duration"],
    ["occurs", "event", "occurrence"],
    ["occurs", "boolean", "none"],
    ["unknown", "number", "none"],
  ] as const)("%s on a %s takes a %s value", (op, kind, shape) => {
    expect(valueShape(op, kind)).toBe(shape);
  });

  it("carries values over when the operator changes", () => {
    const is: TestDraft = { kind: "test", subject: { name: "title", quoted: false }, op: "=", value: { kind: "string", value: "vp" } };
    expect(changeOperator(is, "!=", "text").value).toEqual({ kind: "string", value: "vp" });
    expect(changeOperator(is, "in", "text").values).toEqual([{ kind: "string", value: "vp" }]);
    expect(changeOperator(is, "contains", "text").value).toEqual({ kind: "string", value: "vp" });
    const size: TestDraft = { kind: "test", subject: { name: "size", quoted: false }, op: ">=", value: { kind: "number", value: 200 } };
    expect(changeOperator(size, "between", "number")).toMatchObject({ low: { value: 200 }, high: { value: 200 } });
  });
});
