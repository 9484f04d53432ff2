// Syntax errors in plain words ("expected a number of points after 'add', but found the end of the
// line"), instead of Chevrotain's token-type names.

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";

/** What a token looks like to a person reading the error. */
export function describeFound(token: IToken): string {
  if (token.tokenType === EOF) return "the end of the file";
  if (token.tokenType.name === "Newline") return "the end of the line";
  if (token.tokenType.name === "UnterminatedString") return "a text with no closing quote";
  return `'${token.image}'`;
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Labels worth naming in a rule's context, where the generic label would be vague. */
function contextualLabel(type: TokenType, ruleName: string, previous: IToken | undefined): string {
  const prev = previous?.image;
  if (type.name === "NumberLiteral") {
    if (ruleName === "rule" && (prev === "add" || prev === "subtract")) return "a number of points";
    if (prev === "to") return "a number (the cap)";
    if (ruleName === "decay") return "a percentage such as 10";
    if (ruleName === "duration") return "a number of days, weeks or months";
    if (ruleName === "threshold") return "a number (the threshold)";
  }
  if (type.name === "Identifier") {
    if (ruleName === "group") return "a group name";
    if (ruleName === "tier" || ruleName === "expectation") return "a tier name";
    if (ruleName === "fieldDecl") return prev === ":" ? "a type (number, text, boolean, date, list)" : "a field name";
  }
  return label(type);
}

function joinAlternatives(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? "something else";
  if (unique.length > 6) return unique.slice(0, 5).join(", ") + " or another keyword";
  return unique.slice(0, -1).join(", ") + " or " + unique[unique.length - 1];
}

function after(previous: IToken | undefined): string {
  if (!previous || previous.tokenType === EOF || previous.image === undefined) return "";
  if (previous.tokenType.name === "Newline" || previous.tokenType.name === "Semicolon") return "";
  return ` after '${previous.image}'`;
}

/** Friendly names for what a rule expects when several paths are possible. */
const RULE_EXPECTATIONS: Record<string, string> = {
  statement: "a statement (when, group, qualify, disqualify, score, tiers, lead, events or example)",
  literal: "a value (a number, a text in quotes, a date such as 2026-01-31, true or false)",
  duration: "a duration such as 30 days",
  duration_unit: "days, weeks or months",
  compareOp: "a comparison (=, !=, <, <=, >, >=)",
  threshold: "'above N' or 'at least N'",
  name: "a field or event name",
  condition: "a condition",
  notCondition: "a condition",
  expectation: "an expectation (score N, tier NAME, qualified, not qualified)",
  scoreLimit: "'at least N', 'up to N' or 'between N and M'",
  fieldDecl: "a type (number, text, boolean, date, list) or enum values such as \"a\" | \"b\"",
};

export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    return `expected ${contextualLabel(expected, ruleName, previous)}${after(previous)}, but found ${describeFound(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeFound(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const found = actual[0];
    const firstTypes = expectedPathsPerAlt.flatMap((paths) => paths.map((path) => path[0])).filter(Boolean);
    let expected: string;
    if (ruleName === "duration" && firstTypes.every((t) => /^(Day|Week|Month)s?$/.test(t.name))) expected = RULE_EXPECTATIONS.duration_unit;
    else if (ruleName === "rule" || firstTypes.every((t) => t.name === "Add" || t.name === "Subtract")) expected = "'add' or 'subtract'";
    else expected = RULE_EXPECTATIONS[ruleName] ?? joinAlternatives(firstTypes.map(label));
    return `expected ${expected}${after(previous)}, but found ${describeFound(found)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    const firstTypes = expectedIterationPaths.map((path) => path[0]).filter(Boolean);
    const expected = RULE_EXPECTATIONS[ruleName] ?? joinAlternatives(firstTypes.map(label));
    return `expected ${expected}${after(previous)}, but found ${describeFound(actual[0])}`;
  },
};
