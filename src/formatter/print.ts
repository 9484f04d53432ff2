// The canonical text of each construct, one line at a time (SPEC section 8). Pure functions of AST
// nodes: no comments and no layout here (layout.ts places lines, comments.ts re-attaches comments).
// Every function works on nodes that did not come from a parse too (the visual rule builder creates
// them), so nothing here trusts `raw` texts or `quoted` flags blindly.

import { RESERVED_WORDS } from "../../grammar/tokens.js";
import type {
  Condition, DecaySpec, Duration, EventDecl, Example, ExampleEvent, ExampleField, Expectation, FieldDecl, FieldTypeSyntax,
  Group, Literal, NameRef, Rule, Statement, Tier, Tiers,
} from "../ast/nodes.js";

const RESERVED = new Set<string>(RESERVED_WORDS);
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DECIMAL = /^(-?)(\d*)(?:\.(\d+))?$/;

/**
 * A number without redundant zeros: `5.0` -> `5`, `2.50` -> `2.5`, `007` -> `7`, `.5` -> `0.5`,
 * `-0` -> `0`; `-3` stays. When the written text is known it is normalised digit by digit, so no digit
 * the author wrote is lost; otherwise the shortest text that reads back as the same number is used,
 * never in exponent notation (the lexer has none).
 */
export function formatNumber(value: number, raw?: string): string {
  if (raw !== undefined && Number(raw) === value) {
    const match = DECIMAL.exec(raw);
    if (match && (match[2] !== "" || match[3] !== undefined)) {
      const whole = match[2].replace(/^0+(?=\d)/, "") || "0";
      const fraction = (match[3] ?? "").replace(/0+$/, "");
      const digits = fraction === "" ? whole : `${whole}.${fraction}`;
      return digits === "0" ? "0" : match[1] + digits;
    }
  }
  return plainDecimal(value);
}

/** `String(n)` without exponent notation (`1e21` -> `1000000000000000000000`, `1e-7` -> `0.0000001`). */
function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0"; // also -0
  const text = String(value);
  const exponentAt = text.indexOf("e");
  if (exponentAt < 0) return text;
  const sign = text.startsWith("-") ? "-" : "";
  const mantissa = text.slice(sign.length, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const [whole, fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent; // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`.replace(/0+$/, "");
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A quoted text with `"` and `\` escaped (the only escapes the language has). */
export function formatString(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * A field or event name. Quoted when it was quoted, or when it could not be read back unquoted
 * (a reserved word, or a character a name cannot have), which only happens for built nodes.
 */
export function formatName(ref: NameRef): string {
  if (ref.quoted || needsQuotes(ref.name)) return formatString(ref.name);
  return ref.name;
}

function needsQuotes(name: string): boolean {
  const words = name.split(" ");
  return words.some((word) => !WORD.test(word) || RESERVED.has(word));
}

export function formatLiteral(literal: Literal): string {
  switch (literal.kind) {
    case "number":
      return formatNumber(literal.value, literal.raw);
    case "string":
      return formatString(literal.value);
    case "boolean":
      return literal.value ? "true" : "false";
    case "date":
      return literal.value;
  }
}

export function formatList(values: readonly Literal[]): string {
  return `[${values.map(formatLiteral).join(", ")}]`;
}

/** `1 day`, `30 days`, `2 weeks`: the unit as written, plural unless the amount is exactly 1. */
export function formatDuration(duration: Duration): string {
  return `${formatNumber(duration.amount)} ${duration.unit}${duration.amount === 1 ? "" : "s"}`;
}

export function formatDecay(decay: DecaySpec): string {
  return `decay ${formatNumber(decay.percent)}% every ${formatDuration(decay.every)}`;
}

// ---- conditions --------------------------------------------------------------------------------

/** Binding strength: `not` > `and` > `or`; tests bind tightest. */
function precedence(condition: Condition): number {
  switch (condition.kind) {
    case "or":
      return 1;
    case "and":
      return 2;
    case "not":
      return 3;
    default:
      return 4;
  }
}

/**
 * Parenthesised only where precedence needs it. `and` and `or` are associative, so
 * `a and (b and c)` prints as `a and b and c` (the same meaning, read back left-nested).
 */
function operand(condition: Condition, minimum: number): string {
  const text = formatCondition(condition);
  return precedence(condition) >= minimum ? text : `(${text})`;
}

/**
 * The operands of a chain of one operator, left to right, collected with a loop: a chain of
 * thousands of `and`s must not recurse once per link.
 */
function chainOperands(condition: Extract<Condition, { kind: "and" | "or" }>): Condition[] {
  const rights: Condition[] = [];
  let node: Condition = condition;
  while (node.kind === condition.kind) {
    const link = node as Extract<Condition, { kind: "and" | "or" }>;
    rights.push(link.right);
    node = link.left;
  }
  return [node, ...rights.reverse()];
}

/** The canonical text of a condition. An `invalid` condition (a syntax error) prints as nothing. */
export function formatCondition(condition: Condition): string {
  switch (condition.kind) {
    case "or":
    case "and":
      return chainOperands(condition).map((item) => operand(item, condition.kind === "or" ? 1 : 2)).join(` ${condition.kind} `);
    case "not":
      return `not ${operand(condition.operand, 3)}`;
    case "subject": {
      let text = formatName(condition.subject);
      if (condition.atLeast) text += ` at least ${formatNumber(condition.atLeast.count)} times`;
      if (condition.within) text += ` within ${formatDuration(condition.within)}`;
      return text;
    }
    case "compare": {
      const op = condition.op === "=" ? "is" : condition.op === "!=" ? "is not" : condition.op;
      return `${formatName(condition.field)} ${op} ${formatLiteral(condition.value)}`;
    }
    case "between":
      return `${formatName(condition.field)} between ${formatLiteral(condition.low)} and ${formatLiteral(condition.high)}`;
    case "in":
      return `${formatName(condition.field)} ${condition.negated ? "not in" : "in"} ${formatList(condition.values)}`;
    case "textMatch":
    case "dateCompare":
      return `${formatName(condition.field)} ${condition.op} ${formatLiteral(condition.value)}`;
    case "known":
      return `${formatName(condition.field)} is ${condition.negated ? "unknown" : "known"}`;
    case "invalid":
      return "";
  }
}

// ---- one-line statements and block lines --------------------------------------------------------

export function formatRule(rule: Rule): string {
  let text = `when ${formatCondition(rule.condition)} ${rule.sign < 0 ? "subtract" : "add"} ${formatNumber(rule.points, rule.pointsRaw)}`;
  if (rule.each) text += " each";
  if (rule.upTo !== undefined) text += ` up to ${formatNumber(rule.upTo)}`;
  if (rule.decay) text += ` ${formatDecay(rule.decay)}`;
  return text;
}

function formatThreshold(op: ">" | ">=", value: number): string {
  return `${op === ">" ? "above" : "at least"} ${formatNumber(value)}`;
}

/** The text of a statement that is a single line; undefined for block statements. */
export function formatSimpleStatement(statement: Statement): string | undefined {
  switch (statement.kind) {
    case "rule":
      return formatRule(statement);
    case "gate":
      return `disqualify when ${formatCondition(statement.condition)}`;
    case "qualify":
      return `qualify ${formatThreshold(statement.op, statement.threshold)}`;
    case "scoreLimit": {
      const { min, max } = statement;
      if (min !== undefined && max !== undefined) return `score between ${formatNumber(min)} and ${formatNumber(max)}`;
      if (min !== undefined) return `score at least ${formatNumber(min)}`;
      return `score up to ${formatNumber(max ?? 0)}`;
    }
    default:
      return undefined;
  }
}

function formatFieldType(type: FieldTypeSyntax): string {
  return type.kind === "enum" ? type.values.map((v) => formatString(v.value)).join(" | ") : type.kind;
}

export function formatFieldDecl(field: FieldDecl): string {
  return `${field.name}: ${formatFieldType(field.type)}`;
}

export function formatEventDecl(event: EventDecl): string {
  return formatName(event.name);
}

export function formatTier(tier: Tier): string {
  if (tier.op === "otherwise") return `${tier.name} otherwise`;
  return `${tier.name} ${formatThreshold(tier.op, tier.threshold ?? 0)}`;
}

// ---- block headers and example lines ------------------------------------------------------------

export function formatGroupHeader(group: Group): string {
  let text = `group ${group.name}`;
  if (group.upTo !== undefined) text += ` up to ${formatNumber(group.upTo)}`;
  if (group.decay) text += ` ${formatDecay(group.decay)}`;
  return `${text} {`;
}

export function formatTiersHeader(tiers: Tiers): string {
  return tiers.group ? `tiers for ${tiers.group.name} {` : "tiers {";
}

export function formatExampleHeader(example: Example): string {
  return `example ${formatString(example.title)} {`;
}

function formatExampleValue(value: ExampleField["value"]): string {
  return value.kind === "list" ? formatList(value.values) : formatLiteral(value);
}

/** `lead { a: 1, b: "x" }`: an example's lead on one line. */
export function formatExampleLead(fields: readonly ExampleField[]): string {
  return `lead { ${fields.map((f) => `${f.name}: ${formatExampleValue(f.value)}`).join(", ")} }`;
}

/** `events { opened email, downloaded whitepaper 2 days ago }`: an example's events on one line. */
export function formatExampleEvents(events: readonly ExampleEvent[]): string {
  const items = events.map((e) => (e.daysAgo ? `${formatName(e.event)} ${formatDuration(e.daysAgo)} ago` : formatName(e.event)));
  return `events { ${items.join(", ")} }`;
}

function formatExpectation(expectation: Expectation): string {
  const prefix = "group" in expectation && expectation.group !== undefined ? `${expectation.group} ` : "";
  switch (expectation.kind) {
    case "score":
      return `${prefix}score ${formatNumber(expectation.value)}`;
    case "tier":
      return `${prefix}tier ${expectation.name}`;
    case "qualified":
      return expectation.value ? "qualified" : "not qualified";
  }
}

/** `expect score 30, tier hot, qualified`: all of an example's expectations on one line. */
export function formatExpect(expectations: readonly Expectation[]): string {
  return `expect ${expectations.map(formatExpectation).join(", ")}`;
}
