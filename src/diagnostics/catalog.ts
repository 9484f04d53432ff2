// Every diagnostic leadscore reports, with a stable code. Tests assert codes; wording may improve.
// Messages are written for a marketer, not a compiler engineer. {0}, {1}... are filled in order.

import type { Span } from "../ast/nodes.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

export interface CatalogEntry {
  code: string;
  severity: Severity;
  message: string;
}

function entry(code: string, severity: Severity, message: string): CatalogEntry {
  return { code, severity, message };
}

export const Diagnostics = {
  // LS1xxx: reading the text
  unexpectedCharacter: entry("LS1001", "error", "I don't recognise the character {0} here."),
  unterminatedString: entry("LS1002", "error", "This text has no closing quote (\")."),
  syntaxError: entry("LS1003", "error", "{0}."),
  unknownType: entry("LS1004", "error", "{0} is not a field type. Use number, text, boolean, date, list, or enum values like \"a\" | \"b\"."),
  invalidEscape: entry("LS1005", "error", "Unknown escape {0} in a text; only \\\" and \\\\ are allowed."),
  tooDeeplyNested: entry("LS1006", "error", "This condition is nested more than {0} levels deep; split it into simpler rules."),

  // LS2xxx: names
  unknownField: entry("LS2001", "error", "There is no field named {0}."),
  unknownEvent: entry("LS2002", "error", "There is no event named {0}."),
  unknownGroup: entry("LS2003", "error", "There is no group named {0}."),
  unknownEnumValue: entry("LS2004", "error", "{0} is not one of the values of {1} ({2})."),
  unknownTier: entry("LS2005", "error", "There is no tier named {0}."),
  unknownName: entry("LS2006", "error", "There is no field or event named {0}."),
  duplicateDeclaration: entry("LS2007", "error", "{0} is declared twice."),

  // LS3xxx: types
  operatorNotValid: entry("LS3001", "error", "{0} cannot be used on {1}, which is a {2} field."),
  literalWrongType: entry("LS3002", "error", "{0} is a {1} field, so it must be compared with {2}, not {3}."),
  conflictingInference: entry("LS3003", "error", "{0} is used as {1} here but as {2} elsewhere."),
  eventNeedsNoComparison: entry("LS3004", "error", "{0} is an event; events can only be tested with 'within' and 'at least N times'."),
  fieldNotAnEvent: entry("LS3005", "error", "{0} is a {1} field; 'at least N times' only applies to events."),
  fieldNeedsComparison: entry("LS3006", "error", "{0} is a {1} field; compare it with a value (for example: {0} is ...)."),

  // LS4xxx: rules and statements
  eachNeedsSingleEvent: entry("LS4001", "error", "'each' needs a condition that is a single event (optionally with 'within')."),
  upToWithoutEach: entry("LS4002", "error", "'up to' on a rule needs 'each': without it the rule awards its points once."),
  pointsMustBePositive: entry("LS4003", "error", "Points must be a number above 0; use 'subtract' to take points away."),
  decayNeedsEventRule: entry("LS4004", "error", "Decay only applies to event rules: who a lead is never decays."),
  duplicateQualify: entry("LS4005", "error", "There can be only one 'qualify' line."),
  duplicateScoreLimit: entry("LS4006", "error", "There can be only one 'score' limit line."),
  invalidPercent: entry("LS4007", "error", "A decay must be between 0% and 100%."),
  invalidCount: entry("LS4008", "error", "'at least' needs a whole number of times, 1 or more."),
  invalidDuration: entry("LS4009", "error", "A duration must be a whole number of days, weeks or months above 0."),
  invalidRange: entry("LS4010", "error", "The lower bound {0} is above the upper bound {1}."),
  invalidCap: entry("LS4011", "error", "A cap must be a number above 0."),
  duplicateTiersFor: entry("LS4012", "error", "Tiers for {0} are declared twice."),
  eachWithAtLeast: entry("LS4013", "error", "'each' cannot be combined with 'at least N times'; use 'each' alone to count occurrences."),

  // LS5xxx: tiers, thresholds and the score range
  otherwiseNotLast: entry("LS5001", "error", "'otherwise' must be the last tier: tiers are tried in order and it always matches."),
  tierNeverMatches: entry("LS5002", "error", "The tier {0} can never match: every score it covers is taken by an earlier tier ({1})."),
  noOtherwise: entry("LS5003", "warning", "These tiers have no 'otherwise', so some scores get no tier."),
  qualifyUnreachable: entry("LS5004", "warning", "No lead can qualify: {0}, {1}."),
  qualifyAlwaysReached: entry("LS5005", "warning", "Every lead passes the qualify threshold: {0}, {1}."),
  tierUnreachable: entry("LS5006", "warning", "No lead can reach {0}: {1}, {2}."),
  tierAlwaysReached: entry("LS5007", "warning", "No lead gets past {0}: {1}, {2}, so the tiers after it never match."),

  // LS6xxx: likely mistakes
  conditionNeverTrue: entry("LS6001", "warning", "This condition can never be true: {0}."),
  duplicateCondition: entry("LS6002", "warning", "The same condition is already scored on line {0}, {1}."),
  unusedField: entry("LS6003", "info", "The field {0} is declared but no rule or gate uses it."),
  unusedEvent: entry("LS6004", "info", "The event {0} is declared but no rule or gate uses it."),

  // LS7xxx: examples
  exampleValueWrongType: entry("LS7001", "error", "In this example, {0} must be {1}, not {2}."),
  expectationUnknownGroup: entry("LS7002", "error", "There is no group named {0} to expect a score or tier for."),
  qualifiedWithoutQualify: entry("LS7003", "error", "This example expects qualification, but the model has no 'qualify' line."),
} satisfies Record<string, CatalogEntry>;

export function fillMessage(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ""));
}

export function report(kind: CatalogEntry, span: Span, args: readonly (string | number)[] = [], suggestions?: string[]): Diagnostic {
  const diagnostic: Diagnostic = { code: kind.code, severity: kind.severity, message: fillMessage(kind.message, args), span };
  if (suggestions && suggestions.length > 0) diagnostic.suggestions = suggestions;
  return diagnostic;
}
