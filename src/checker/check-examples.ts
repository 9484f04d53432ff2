// Checks `example` blocks against the schema and the model: fields, values, events, expectations.

import type { Example, Literal } from "../ast/nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldType, ScoringPlan } from "../ir/plan.js";
import { normalizeText, parseIsoTime } from "../semantics/values.js";
import { eventKey } from "./schema.js";
import { suggestNames } from "./suggest.js";

const EXPECTED: Record<FieldType["kind"], string> = {
  number: "a number",
  text: "a text in quotes",
  enum: "one of its values in quotes",
  boolean: "true or false",
  date: "a date such as 2026-01-31",
  list: 'a list such as ["a", "b"]',
};

function fits(value: Example["fields"][number]["value"], type: FieldType): boolean {
  switch (type.kind) {
    case "number":
      return value.kind === "number";
    case "boolean":
      return value.kind === "boolean";
    case "date":
      return value.kind === "date" && parseIsoTime(value.value) !== undefined;
    case "text":
      return value.kind === "string";
    case "enum":
      return value.kind === "string" && type.values.includes(normalizeText(value.value) ?? "");
    case "list":
      return value.kind === "list" ? value.values.every((v: Literal) => v.kind === "string") : value.kind === "string";
  }
}

function describe(value: Example["fields"][number]["value"]): string {
  if (value.kind === "list") return "a list";
  if (value.kind === "string") return JSON.stringify(value.value);
  return value.kind === "number" ? value.raw : String(value.value);
}

export function checkExamples(examples: Example[], plan: ScoringPlan, diagnostics: Diagnostic[]): void {
  const fieldTypes = new Map(plan.schema.fields.map((f) => [f.name, f.type]));
  const events = new Set(plan.schema.events);
  const groups = new Map(plan.groups.map((g) => [g.name, g]));
  for (const example of examples) {
    for (const field of example.fields) {
      const type = fieldTypes.get(field.name);
      if (!type) {
        if (plan.schema.declared) {
          diagnostics.push(report(Diagnostics.unknownField, field.nameSpan, [field.name], suggestNames(field.name, fieldTypes.keys())));
        }
        continue;
      }
      if (!fits(field.value, type)) {
        diagnostics.push(report(Diagnostics.exampleValueWrongType, field.value.span, [field.name, EXPECTED[type.kind], describe(field.value)]));
      }
    }
    for (const event of example.events) {
      if (plan.schema.declared && !events.has(eventKey(event.event))) {
        diagnostics.push(report(Diagnostics.unknownEvent, event.event.span, [`"${event.event.name}"`], suggestNames(eventKey(event.event), events)));
      }
    }
    for (const expectation of example.expectations) {
      const group = expectation.kind !== "qualified" && expectation.group !== undefined ? groups.get(expectation.group) : undefined;
      if (expectation.kind !== "qualified" && expectation.group !== undefined && !group) {
        diagnostics.push(report(Diagnostics.expectationUnknownGroup, expectation.span, [expectation.group], suggestNames(expectation.group, groups.keys())));
        continue;
      }
      if (expectation.kind === "tier") {
        const tiers = expectation.group !== undefined ? group?.tiers : plan.tiers;
        const names = (tiers ?? []).map((t) => t.name);
        if (!names.includes(expectation.name)) {
          diagnostics.push(report(Diagnostics.unknownTier, expectation.span, [expectation.name], suggestNames(expectation.name, names)));
        }
      }
      if (expectation.kind === "qualified" && !plan.qualify) diagnostics.push(report(Diagnostics.qualifiedWithoutQualify, expectation.span));
    }
  }
}
