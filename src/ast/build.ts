// Turns Chevrotain's concrete syntax tree into the typed AST of nodes.ts: the careful path of
// parse(), taken by text with problems (valid text is built by direct-parser.ts). The CST may be
// partial (error recovery), so every access is guarded: a statement missing an essential part is
// dropped (its syntax error is already reported), a condition missing parts becomes `invalid`.

import type { CstNode, IToken } from "chevrotain";
import type {
  CompareOp, Condition, DecaySpec, Duration, Example, ExampleEvent, ExampleField, Expectation, FieldDecl, FieldTypeSyntax,
  Literal, NameRef, Rule, Span, Statement, Tier,
} from "./nodes.js";
import { Diagnostics, report } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { durationOf, join, literalOf, quotedName, tokenSpan, unquote, wordsName } from "./token-values.js";

type Child = CstNode | IToken;

function isToken(child: Child | undefined): child is IToken {
  return child !== undefined && "image" in child;
}

/** A token is "real" when it came from the text, not inserted by recovery. */
function realToken(token: IToken | undefined): token is IToken {
  return token !== undefined && !Number.isNaN(token.startOffset) && token.image !== undefined && !token.isInsertedInRecovery;
}

// The helpers below avoid allocating: building the AST of a 1,000-rule model must stay cheap.
const NO_CHILDREN: Child[] = [];

function tokens(node: CstNode, name: string): IToken[] {
  const children = (node.children[name] ?? NO_CHILDREN) as Child[];
  const out: IToken[] = [];
  for (const child of children) if (isToken(child) && realToken(child)) out.push(child);
  return out;
}

function token(node: CstNode, name: string): IToken | undefined {
  const children = node.children[name] as Child[] | undefined;
  if (children) for (const child of children) if (isToken(child) && realToken(child)) return child;
  return undefined;
}

/** A CST key holds either tokens or sub-rule nodes, never both, so no filtering is needed. */
function nodes(node: CstNode, name: string): CstNode[] {
  return (node.children[name] ?? NO_CHILDREN) as CstNode[];
}

function subnode(node: CstNode, name: string): CstNode | undefined {
  return (node.children[name] as CstNode[] | undefined)?.[0];
}

/**
 * The span of a CST node: from its first real token to its last. The parser tracks node offsets, so
 * this is a lookup; only nodes touched by error recovery (NaN offsets) are walked token by token.
 */
function nodeSpan(node: CstNode): Span | undefined {
  const location = node.location;
  if (location && Number.isFinite(location.startOffset) && Number.isFinite(location.endOffset) && !node.recoveredNode) {
    return { start: location.startOffset, end: (location.endOffset as number) + 1 };
  }
  return walkSpan(node);
}

function walkSpan(node: CstNode): Span | undefined {
  let start = Infinity;
  let end = -Infinity;
  const visit = (n: CstNode) => {
    for (const list of Object.values(n.children) as Child[][]) {
      for (const child of list) {
        if (isToken(child)) {
          if (realToken(child)) {
            start = Math.min(start, child.startOffset);
            end = Math.max(end, child.startOffset + child.image.length);
          }
        } else visit(child);
      }
    }
  };
  visit(node);
  return start === Infinity ? undefined : { start, end };
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  model(cst: CstNode): Statement[] {
    const statements: Statement[] = [];
    for (const statementNode of nodes(cst, "statement")) {
      const built = this.statement(statementNode);
      if (built) statements.push(built);
    }
    return statements;
  }

  private statement(node: CstNode): Statement | undefined {
    let name: string | undefined;
    for (const key in node.children) {
      name = key;
      break;
    }
    const inner = name === undefined ? undefined : (node.children[name] as Child[])[0];
    if (!inner || isToken(inner)) return undefined;
    switch (name) {
      case "leadDecl":
        return this.leadDecl(inner);
      case "eventsDecl":
        return this.eventsDecl(inner);
      case "group":
        return this.group(inner);
      case "rule":
        return this.rule(inner);
      case "gate":
        return this.gate(inner);
      case "qualify":
        return this.qualify(inner);
      case "scoreLimit":
        return this.scoreLimit(inner);
      case "tiers":
        return this.tiers(inner);
      case "example":
        return this.example(inner);
    }
    return undefined;
  }

  private leadDecl(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    if (!span) return undefined;
    const fields: FieldDecl[] = [];
    for (const fieldNode of nodes(node, "fieldDecl")) {
      const field = this.fieldDecl(fieldNode);
      if (field) fields.push(field);
    }
    return { kind: "leadDecl", fields, span };
  }

  private fieldDecl(node: CstNode): FieldDecl | undefined {
    const nameToken = token(node, "name");
    const span = nodeSpan(node);
    if (!nameToken || !span) return undefined;
    let type: FieldTypeSyntax | undefined;
    const typeToken = token(node, "typeName");
    const enumTokens = tokens(node, "enumValue");
    if (typeToken) {
      const kind = typeToken.image;
      if (kind === "number" || kind === "text" || kind === "boolean" || kind === "date" || kind === "list") {
        type = { kind, span: tokenSpan(typeToken) };
      } else {
        this.diagnostics.push(report(Diagnostics.unknownType, tokenSpan(typeToken), [`'${kind}'`], closestTypeNames(kind)));
      }
    } else if (enumTokens.length > 0) {
      const values = enumTokens.map((t) => ({ value: unquote(t.image, t.startOffset, this.diagnostics), span: tokenSpan(t) }));
      type = { kind: "enum", values, span: join(values[0].span, values[values.length - 1].span) };
    }
    if (!type) return undefined;
    return { kind: "field", name: nameToken.image, nameSpan: tokenSpan(nameToken), type, span };
  }

  private eventsDecl(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    if (!span) return undefined;
    const events = nodes(node, "name")
      .map((n) => this.name(n))
      .filter((n): n is NameRef => n !== undefined)
      .map((name) => ({ kind: "eventDecl" as const, name, span: name.span }));
    return { kind: "eventsDecl", events, span };
  }

  name(node: CstNode): NameRef | undefined {
    const quoted = token(node, "quoted");
    if (quoted) return quotedName(quoted, this.diagnostics);
    const words = tokens(node, "word");
    return words.length === 0 ? undefined : wordsName(words);
  }

  private group(node: CstNode): Statement | undefined {
    const nameToken = token(node, "name");
    const span = nodeSpan(node);
    if (!nameToken || !span) return undefined;
    const rules = nodes(node, "rule")
      .map((r) => this.rule(r))
      .filter((r): r is Rule => r !== undefined);
    const upToNode = subnode(node, "upTo");
    const decayNode = subnode(node, "decay");
    return {
      kind: "group",
      name: nameToken.image,
      nameSpan: tokenSpan(nameToken),
      upTo: upToNode ? this.numberOf(upToNode, "NumberLiteral") : undefined,
      decay: decayNode ? this.decay(decayNode) : undefined,
      rules,
      span,
    };
  }

  private numberOf(node: CstNode, name: string): number | undefined {
    const t = token(node, name);
    return t ? Number(t.image) : undefined;
  }

  private decay(node: CstNode): DecaySpec | undefined {
    const percent = this.numberOf(node, "NumberLiteral");
    const durationNode = subnode(node, "duration");
    const every = durationNode ? this.duration(durationNode) : undefined;
    const span = nodeSpan(node);
    if (percent === undefined || !every || !span) return undefined;
    return { percent, every, span };
  }

  duration(node: CstNode): Duration | undefined {
    const amountToken = token(node, "NumberLiteral");
    const unitToken = token(node, "unit");
    return amountToken && unitToken ? durationOf(amountToken, unitToken) : undefined;
  }

  private rule(node: CstNode): Rule | undefined {
    const span = nodeSpan(node);
    const verb = token(node, "verb");
    const pointsToken = token(node, "points");
    const conditionNode = subnode(node, "condition");
    if (!span || !verb || !pointsToken || !conditionNode) return undefined;
    const upToNode = subnode(node, "upTo");
    const decayNode = subnode(node, "decay");
    return {
      kind: "rule",
      condition: this.condition(conditionNode),
      sign: verb.image === "subtract" ? -1 : 1,
      points: Number(pointsToken.image),
      pointsRaw: pointsToken.image,
      each: token(node, "Each") !== undefined,
      upTo: upToNode ? this.numberOf(upToNode, "NumberLiteral") : undefined,
      decay: decayNode ? this.decay(decayNode) : undefined,
      span,
    };
  }

  private gate(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    const conditionNode = subnode(node, "condition");
    if (!span || !conditionNode) return undefined;
    return { kind: "gate", condition: this.condition(conditionNode), span };
  }

  private threshold(node: CstNode | undefined): { op: ">" | ">="; value: number } | undefined {
    if (!node) return undefined;
    const value = this.numberOf(node, "NumberLiteral");
    if (value === undefined) return undefined;
    return { op: token(node, "Above") ? ">" : ">=", value };
  }

  private qualify(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    const threshold = this.threshold(subnode(node, "threshold"));
    if (!span || !threshold) return undefined;
    return { kind: "qualify", op: threshold.op, threshold: threshold.value, span };
  }

  private scoreLimit(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    if (!span) return undefined;
    const upToNode = subnode(node, "upTo");
    const min = this.numberOf(node, "min");
    const max = upToNode ? this.numberOf(upToNode, "NumberLiteral") : this.numberOf(node, "max");
    if (min === undefined && max === undefined) return undefined;
    if (token(node, "Between") && (min === undefined || max === undefined)) return undefined;
    return { kind: "scoreLimit", min, max, span };
  }

  private tiers(node: CstNode): Statement | undefined {
    const span = nodeSpan(node);
    if (!span) return undefined;
    const groupToken = token(node, "group");
    if (token(node, "For") && !groupToken) return undefined;
    const tiers: Tier[] = [];
    for (const tierNode of nodes(node, "tier")) {
      const nameToken = token(tierNode, "name");
      const tierSpan = nodeSpan(tierNode);
      if (!nameToken || !tierSpan) continue;
      const base = { kind: "tier" as const, name: nameToken.image, nameSpan: tokenSpan(nameToken), span: tierSpan };
      if (token(tierNode, "Otherwise")) {
        tiers.push({ ...base, op: "otherwise" });
        continue;
      }
      const threshold = this.threshold(subnode(tierNode, "threshold"));
      if (threshold) tiers.push({ ...base, op: threshold.op, threshold: threshold.value });
    }
    return { kind: "tiers", group: groupToken ? { name: groupToken.image, span: tokenSpan(groupToken) } : undefined, tiers, span };
  }

  // ---- conditions ---------------------------------------------------------------------------

  condition(node: CstNode): Condition {
    return this.chain(nodes(node, "operand").map((n) => this.andCondition(n)), "or", node);
  }

  private andCondition(node: CstNode): Condition {
    return this.chain(nodes(node, "operand").map((n) => this.notCondition(n)), "and", node);
  }

  /** Left-associative chain of `and` / `or`. */
  private chain(operands: Condition[], kind: "and" | "or", node: CstNode): Condition {
    if (operands.length === 0) return { kind: "invalid", span: nodeSpan(node) ?? { start: 0, end: 0 } };
    return operands.reduce((left, right) => ({ kind, left, right, span: join(left.span, right.span) }));
  }

  private notCondition(node: CstNode): Condition {
    const span = nodeSpan(node) ?? { start: 0, end: 0 };
    const negated = subnode(node, "negated");
    if (token(node, "Not") && negated) return { kind: "not", operand: this.notCondition(negated), span };
    const inner = subnode(node, "inner");
    if (inner) {
      // Parentheses only group; the AST keeps the structure, the formatter re-adds them where needed.
      const condition = this.condition(inner);
      return { ...condition, span } as Condition;
    }
    const test = subnode(node, "test");
    return test ? this.test(test) : { kind: "invalid", span };
  }

  private test(node: CstNode): Condition {
    const span = nodeSpan(node) ?? { start: 0, end: 0 };
    const subjectNode = subnode(node, "subject");
    const subject = subjectNode ? this.name(subjectNode) : undefined;
    if (!subject) return { kind: "invalid", span };
    const predicate = subnode(node, "predicate");
    if (!predicate) return { kind: "subject", subject, span };
    if (predicate.recoveredNode && !nodeSpan(predicate)) return { kind: "invalid", span };
    return this.predicate(subject, predicate, span);
  }

  private predicate(subject: NameRef, node: CstNode, span: Span): Condition {
    const invalid: Condition = { kind: "invalid", span };
    const literals = nodes(node, "literal").map((n) => this.literal(n));
    const firstLiteral = literals[0];

    if (token(node, "Least")) {
      const countToken = token(node, "count");
      if (!countToken) return invalid;
      const durationNode = subnode(node, "duration");
      const within = durationNode ? this.duration(durationNode) : undefined;
      if (durationNode && !within) return invalid;
      return { kind: "subject", subject, atLeast: { count: Number(countToken.image), span: tokenSpan(countToken) }, within, span };
    }
    if (token(node, "Within")) {
      const durationNode = subnode(node, "duration");
      const within = durationNode ? this.duration(durationNode) : undefined;
      return within ? { kind: "subject", subject, within, span } : invalid;
    }
    const compareNode = subnode(node, "compareOp");
    if (compareNode) {
      const opToken = Object.values(compareNode.children).flat().find(isToken);
      if (!opToken || !realToken(opToken) || !firstLiteral) return invalid;
      return { kind: "compare", field: subject, op: opToken.image as CompareOp, spelled: "symbol", value: firstLiteral, span };
    }
    if (token(node, "Is")) {
      const negatedIs = token(node, "Not") !== undefined;
      const knownness = token(node, "knownness");
      if (knownness) {
        // `is known` / `is unknown` / `is not known` / `is not unknown`.
        const saysUnknown = knownness.image === "unknown";
        return { kind: "known", field: subject, negated: saysUnknown !== negatedIs, span };
      }
      if (!firstLiteral) return invalid;
      return { kind: "compare", field: subject, op: negatedIs ? "!=" : "=", spelled: "words", value: firstLiteral, span };
    }
    if (token(node, "In")) {
      const listNode = subnode(node, "list");
      if (!listNode) return invalid;
      const values = this.list(listNode);
      return { kind: "in", field: subject, negated: token(node, "Not") !== undefined, values, span };
    }
    const textOp = token(node, "textOp");
    if (textOp) {
      if (!firstLiteral) return invalid;
      const op = textOp.image === "contains" ? "contains" : textOp.image === "starts" ? "starts with" : "ends with";
      return { kind: "textMatch", field: subject, op, value: firstLiteral, span };
    }
    if (token(node, "Between")) {
      const low = subnode(node, "low");
      const high = subnode(node, "high");
      const lowLiteral = low ? this.literal(low) : undefined;
      const highLiteral = high ? this.literal(high) : undefined;
      if (!lowLiteral || !highLiteral) return invalid;
      return { kind: "between", field: subject, low: lowLiteral, high: highLiteral, span };
    }
    const dateOp = token(node, "dateOp");
    if (dateOp) {
      if (!firstLiteral) return invalid;
      return { kind: "dateCompare", field: subject, op: dateOp.image === "before" ? "before" : "after", value: firstLiteral, span };
    }
    return invalid;
  }

  literal(node: CstNode): Literal | undefined {
    const t = Object.values(node.children).flat().find(isToken);
    return t && realToken(t) ? literalOf(t, this.diagnostics) : undefined;
  }

  list(node: CstNode): Literal[] {
    return nodes(node, "literal")
      .map((n) => this.literal(n))
      .filter((l): l is Literal => l !== undefined);
  }

  // ---- examples -----------------------------------------------------------------------------

  private example(node: CstNode): Example | undefined {
    const titleToken = token(node, "title");
    const span = nodeSpan(node);
    if (!titleToken || !span) return undefined;
    const fields: ExampleField[] = [];
    for (const leadNode of nodes(node, "exampleLead")) {
      for (const fieldNode of nodes(leadNode, "exampleField")) {
        const nameToken = token(fieldNode, "name");
        const fieldSpan = nodeSpan(fieldNode);
        const literalNode = subnode(fieldNode, "literal");
        const listNode = subnode(fieldNode, "list");
        if (!nameToken || !fieldSpan) continue;
        const value = literalNode
          ? this.literal(literalNode)
          : listNode
            ? { kind: "list" as const, values: this.list(listNode), span: nodeSpan(listNode) ?? fieldSpan }
            : undefined;
        if (value) fields.push({ name: nameToken.image, nameSpan: tokenSpan(nameToken), value, span: fieldSpan });
      }
    }
    const events: ExampleEvent[] = [];
    for (const eventsNode of nodes(node, "exampleEvents")) {
      for (const eventNode of nodes(eventsNode, "exampleEvent")) {
        const nameNode = subnode(eventNode, "name");
        const event = nameNode ? this.name(nameNode) : undefined;
        const eventSpan = nodeSpan(eventNode);
        if (!event || !eventSpan) continue;
        const durationNode = subnode(eventNode, "duration");
        const daysAgo = durationNode && token(eventNode, "Ago") ? this.duration(durationNode) : undefined;
        events.push({ event, daysAgo, span: eventSpan });
      }
    }
    const expectations: Expectation[] = [];
    for (const expectNode of nodes(node, "expect")) {
      for (const expectationNode of nodes(expectNode, "expectation")) {
        const expectation = this.expectation(expectationNode);
        if (expectation) expectations.push(expectation);
      }
    }
    return {
      kind: "example",
      title: unquote(titleToken.image, titleToken.startOffset, this.diagnostics),
      fields,
      events,
      expectations,
      span,
    };
  }

  private expectation(node: CstNode): Expectation | undefined {
    const span = nodeSpan(node);
    if (!span) return undefined;
    const group = token(node, "group")?.image;
    const numberToken = token(node, "NumberLiteral");
    const tierName = token(node, "tierName");
    if (token(node, "Score")) return numberToken ? { kind: "score", group, value: Number(numberToken.image), span } : undefined;
    if (token(node, "Tier")) return tierName ? { kind: "tier", group, name: tierName.image, span } : undefined;
    if (token(node, "Qualified")) return { kind: "qualified", value: token(node, "Not") === undefined, span };
    return undefined;
  }
}

const TYPE_NAMES = ["number", "text", "boolean", "date", "list"];

function closestTypeNames(written: string): string[] {
  const lower = written.toLowerCase();
  const aliases: Record<string, string> = { string: "text", int: "number", integer: "number", bool: "boolean", float: "number", datetime: "date", array: "list" };
  if (aliases[lower]) return [aliases[lower]];
  return TYPE_NAMES.filter((name) => name.startsWith(lower.slice(0, 2)));
}
