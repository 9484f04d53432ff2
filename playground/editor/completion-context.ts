// Where the cursor is, in the language's terms: which block it is in and what the grammar expects
// next on the current statement. Pure text analysis (no Monaco), so it also works on broken text
// while the user is typing, when the parser can say little.

export type Block = "top" | "lead" | "events" | "group" | "tiers" | "example" | "exampleLead" | "exampleEvents";

export type Expectation =
  | { kind: "statement" }
  /** `from`: where an event name of several words, partly typed, begins. */
  | { kind: "conditionStart"; from?: number }
  | { kind: "operator"; field: string }
  | { kind: "value"; field: string; operator: string }
  | { kind: "afterEvent"; hasCount: boolean; hasWindow: boolean }
  | { kind: "times" }
  | { kind: "afterCondition" }
  | { kind: "afterPoints"; eachAllowed: boolean; hasEach: boolean; hasUpTo: boolean }
  | { kind: "words"; words: string[] }
  | { kind: "groupName"; then?: string }
  | { kind: "type" }
  | { kind: "tierName"; group?: string }
  | { kind: "exampleField" }
  | { kind: "exampleValue"; field: string }
  | { kind: "exampleEvent" }
  | { kind: "expect" }
  | { kind: "none" };

export interface CompletionContext {
  block: Block;
  expect: Expectation;
  /** Offset where the text the suggestions replace begins (the cursor when nothing is typed yet). */
  replaceFrom: number;
}

export interface SchemaNames {
  fields: Map<string, { kind: string }>;
  events: string[];
  groups: string[];
}

interface Token {
  text: string;
  start: number;
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"?|\d{4}-\d{2}-\d{2}|-?(?:\d+(?:\.\d+)?|\.\d+)%?|[A-Za-z_]\w*|>=|<=|!=|[<>=]|[()[\],:|{}]/g;
const CONNECTIVES = new Set(["and", "or", "not", "("]);
const OPERATORS = new Set(["is", "=", "!=", "<", "<=", ">", ">=", "in", "contains", "starts", "ends", "between", "before", "after", "within"]);

/** The innermost blocks open at `offset`, outermost first, ignoring braces in strings and comments. */
function openBlocks(text: string, offset: number): Block[] {
  const stack: Block[] = [];
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"' || ch === "\n") inString = false;
      continue;
    }
    if (ch === "\n") lineStart = i + 1;
    else if (ch === '"') inString = true;
    else if (ch === "#") {
      while (i < offset && text[i] !== "\n") i++;
      i--;
    } else if (ch === "{") {
      const header = text.slice(lineStart, i);
      const lastHeader = header.split(/[;,{]/).pop() ?? "";
      stack.push(classify(lastHeader.trim(), stack[stack.length - 1] ?? "top"));
    } else if (ch === "}") stack.pop();
  }
  return stack;
}

function classify(header: string, parent: Block): Block {
  const first = /^[A-Za-z_]\w*/.exec(header)?.[0] ?? "";
  if (parent === "example") return first === "lead" ? "exampleLead" : first === "events" ? "exampleEvents" : "example";
  if (first === "lead") return "lead";
  if (first === "events") return "events";
  if (first === "group") return "group";
  if (first === "tiers") return "tiers";
  if (first === "example") return "example";
  return parent;
}

function tokenize(text: string, base: number): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(TOKEN)) out.push({ text: match[0], start: base + (match.index ?? 0) });
  return out;
}

export function completionContext(text: string, offset: number, names: SchemaNames): CompletionContext {
  const blocks = openBlocks(text, offset);
  const block = blocks[blocks.length - 1] ?? "top";

  // The statement being typed: from the last newline, ';', '{' or ',' (items in example blocks) before the cursor.
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  if (/#/.test(line.replace(/"(?:[^"\\]|\\.)*"?/g, ""))) return { block, expect: { kind: "none" }, replaceFrom: offset };
  let statementStart = lineStart;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ";" || ch === "{" || ch === "}" || (ch === "," && (block === "exampleLead" || block === "exampleEvents" || block === "example"))) statementStart = lineStart + i + 1;
  }
  if (inString) {
    // Inside a string: only enum values make sense (after `is "` or `in ["`).
    const quoteAt = text.lastIndexOf('"', offset - 1);
    const tokens = tokenize(text.slice(statementStart, quoteAt), statementStart);
    const expect = valueContext(tokens, names, block);
    return { block, expect, replaceFrom: quoteAt };
  }

  const all = tokenize(text.slice(statementStart, offset), statementStart);
  // A word touching the cursor is still being typed: it is what the suggestions replace.
  const last = all[all.length - 1];
  const typing = last !== undefined && last.start + last.text.length === offset && /^[A-Za-z_]/.test(last.text);
  const tokens = typing ? all.slice(0, -1) : all;
  const replaceFrom = typing ? last.start : offset;
  const words = tokens.map((t) => t.text);

  const result = (expect: Expectation, from = replaceFrom): CompletionContext => ({ block, expect, replaceFrom: from });

  if (block === "lead") {
    if (words.length >= 2 && words[1] === ":") return result(words.length === 2 ? { kind: "type" } : { kind: "none" });
    return result({ kind: "none" });
  }
  if (block === "events") return result({ kind: "none" });
  if (block === "exampleLead") {
    if (words.length === 0) return result({ kind: "exampleField" });
    if (words.length === 2 && words[1] === ":") return result({ kind: "exampleValue", field: words[0] });
    return result({ kind: "none" });
  }
  if (block === "exampleEvents") {
    if (words.length === 0) return result({ kind: "exampleEvent" });
    const eventText = words.join(" ").toLowerCase();
    if (names.events.includes(eventText)) return result({ kind: "words", words: ["1 day ago", "7 days ago", "30 days ago"] });
    if (names.events.some((e) => e.startsWith(eventText + " "))) return result({ kind: "exampleEvent" }, tokens[0].start);
    return result({ kind: "none" });
  }
  if (block === "example") {
    if (words.length === 0) return result({ kind: "statement" });
    if (words[0] === "expect" || words.length === 0) return result(expectContext(words.slice(1), names));
    return result({ kind: "none" });
  }
  if (block === "tiers") {
    if (words.length === 0) return result({ kind: "tierName" });
    if (words.length === 1) return result({ kind: "words", words: ["above", "at least", "otherwise"] });
    if (words.length === 2 && words[1] === "at") return result({ kind: "words", words: ["least"] });
    return result({ kind: "none" });
  }

  if (words.length === 0) return result({ kind: "statement" });
  const head = words[0];
  const inRule = (expect: Expectation): CompletionContext => result(expect, expect.kind === "conditionStart" && expect.from !== undefined ? expect.from : replaceFrom);
  if (head === "when") return inRule(ruleContext(tokens.slice(1), names, block));
  if (head === "disqualify") {
    if (words.length === 1) return result({ kind: "words", words: ["when"] });
    return inRule(ruleContext(tokens.slice(2), names, block, true));
  }
  if (block !== "top") return result({ kind: "none" });
  if (head === "qualify") return result(words.length === 1 ? { kind: "words", words: ["above", "at least"] } : words[1] === "at" && words.length === 2 ? { kind: "words", words: ["least"] } : { kind: "none" });
  if (head === "tiers") {
    if (words.length === 1) return result({ kind: "words", words: ["for", "{"] });
    if (words[1] === "for" && words.length === 2) return result({ kind: "groupName" });
    return result({ kind: "none" });
  }
  if (head === "group") {
    if (words.length === 2) return result({ kind: "words", words: ["up to", "decay", "{"] });
    if (words.includes("up") && words.length === 3) return result({ kind: "words", words: ["to"] });
    if (words[words.length - 2] === "to" || /%$/.test(words[words.length - 1] ?? "")) return result({ kind: "words", words: words.includes("decay") ? ["every", "{"] : ["decay", "{"] });
    return result({ kind: "none" });
  }
  if (head === "score") return result(words.length === 1 ? { kind: "words", words: ["at least", "up to", "between"] } : { kind: "none" });
  return result({ kind: "none" });
}

function ruleContext(tokens: Token[], names: SchemaNames, block: Block, gate = false): Expectation {
  const words = tokens.map((t) => t.text);
  const pointsAt = words.findIndex((w) => w === "add" || w === "subtract");
  if (pointsAt >= 0 && !gate) {
    const after = words.slice(pointsAt + 1);
    if (after.length === 0) return { kind: "none" };
    const condition = words.slice(0, pointsAt);
    const eachAllowed = isSingleEvent(condition, names);
    const hasEach = after.includes("each");
    const hasUpTo = after.includes("up");
    if (after[after.length - 1] === "up") return { kind: "words", words: ["to"] };
    if (after[after.length - 1] === "decay" || after[after.length - 1] === "every") return { kind: "none" };
    if (after.includes("decay") && !after.includes("every")) return { kind: "words", words: ["every"] };
    if (after.includes("every")) return { kind: "none" };
    return { kind: "afterPoints", eachAllowed, hasEach, hasUpTo };
  }
  // The condition so far: look at the part after the last connective.
  let segmentStart = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const previous = words[i - 1];
    const isConnective = w === "and" || w === "or" || w === "(" || (w === "not" && (previous === undefined || CONNECTIVES.has(previous)));
    // `between A and B`: that `and` belongs to the comparison.
    if (w === "and" && words[i - 2] === "between") continue;
    if (isConnective) segmentStart = i + 1;
  }
  const segment = words.slice(segmentStart).filter((w) => w !== ")");
  if (segment.length === 0) return { kind: "conditionStart" };
  const field = names.fields.get(segment[0]);
  if (field && segment.length >= 1 && !names.events.includes(segment.join(" ").toLowerCase())) {
    const rest = segment.slice(1);
    if (rest.length === 0) return { kind: "operator", field: segment[0] };
    const op = rest[0];
    if (op === "starts" || op === "ends") return rest.length === 1 ? { kind: "words", words: ["with"] } : rest.length === 2 ? { kind: "value", field: segment[0], operator: op } : { kind: "afterCondition" };
    if (op === "is") {
      if (rest.length === 1) return { kind: "value", field: segment[0], operator: "is" };
      if (rest[1] === "not" && rest.length === 2) return { kind: "value", field: segment[0], operator: "is not" };
      return { kind: "afterCondition" };
    }
    if (op === "not" && rest.length === 1) return { kind: "words", words: ["in"] };
    if (op === "in" || (op === "not" && rest[1] === "in")) {
      const closed = rest.includes("]");
      return closed ? { kind: "afterCondition" } : { kind: "value", field: segment[0], operator: "in" };
    }
    if (op === "between") return rest.length === 2 ? { kind: "words", words: ["and"] } : rest.length >= 4 ? { kind: "afterCondition" } : { kind: "none" };
    if (OPERATORS.has(op)) return rest.length === 1 ? { kind: "value", field: segment[0], operator: op } : { kind: "afterCondition" };
    return { kind: "afterCondition" };
  }
  // An event: its words, then `within D` and/or `at least K times`.
  const modifierAt = segment.findIndex((w) => w === "within" || w === "at");
  const eventWords = modifierAt >= 0 ? segment.slice(0, modifierAt) : segment;
  const eventText = eventWords.join(" ").toLowerCase().replace(/^"|"$/g, "");
  const known = names.events.includes(eventText) || (!names.fields.has(eventText) && eventWords.length > 0);
  if (modifierAt < 0) {
    if (names.events.includes(eventText)) return { kind: "afterEvent", hasCount: false, hasWindow: false };
    const from = tokens[segmentStart]?.start;
    if (names.events.some((e) => e.startsWith(eventText + " "))) return { kind: "conditionStart", from };
    return known ? { kind: "afterEvent", hasCount: false, hasWindow: false } : { kind: "conditionStart", from };
  }
  const modifiers = segment.slice(modifierAt);
  const lastWord = modifiers[modifiers.length - 1];
  if (lastWord === "at") return { kind: "words", words: ["least"] };
  if (lastWord === "least" || lastWord === "within") return { kind: "none" };
  if (/^\d/.test(lastWord) && modifiers[modifiers.length - 2] === "least") return { kind: "times" };
  if (/^\d/.test(lastWord) && modifiers[modifiers.length - 2] === "within") return { kind: "words", words: ["days", "weeks", "months"] };
  return { kind: "afterEvent", hasCount: modifiers.includes("least"), hasWindow: modifiers.includes("within") };
}

function isSingleEvent(condition: string[], names: SchemaNames): boolean {
  if (condition.some((w) => w === "and" || w === "or" || w === "not")) return false;
  const modifierAt = condition.findIndex((w) => w === "within" || w === "at");
  const eventWords = modifierAt >= 0 ? condition.slice(0, modifierAt) : condition;
  const event = eventWords.join(" ").toLowerCase().replace(/^"|"$/g, "");
  return names.events.includes(event) || (eventWords.length > 1 && !names.fields.has(event));
}

function valueContext(tokens: Token[], names: SchemaNames, block: Block): Expectation {
  const words = tokens.map((t) => t.text);
  if (block === "exampleLead") return words.length >= 2 ? { kind: "exampleValue", field: words[words.length - 2] } : { kind: "none" };
  // Find the nearest field name before the operator.
  for (let i = words.length - 1; i >= 0; i--) {
    if (names.fields.has(words[i])) return { kind: "value", field: words[i], operator: words[i + 1] ?? "is" };
  }
  return { kind: "none" };
}

function expectContext(words: string[], names: SchemaNames): Expectation {
  // Items are separated by commas; only the last one matters.
  const lastComma = words.lastIndexOf(",");
  const item = words.slice(lastComma + 1);
  if (item.length === 0) return { kind: "expect" };
  if (item.length === 1 && item[0] === "tier") return { kind: "tierName" };
  if (item.length === 1 && item[0] === "not") return { kind: "words", words: ["qualified"] };
  if (item.length === 1 && names.groups.includes(item[0])) return { kind: "words", words: ["score", "tier"] };
  if (item.length === 2 && names.groups.includes(item[0]) && item[1] === "tier") return { kind: "tierName", group: item[0] };
  return { kind: "none" };
}
