// The fast path of parse(): the grammar of grammar/parser.ts once more, as an EmbeddedActionsParser
// whose actions build the AST of nodes.ts directly, with error recovery off.
//
// Why a second copy of the grammar: building Chevrotain's CST (a node, a children dictionary and a
// location per rule invocation) and walking it again cost about ten times as much as recognising
// the tokens, and most of parse()'s time went there (and to the garbage collector, which had to
// copy the CST of a large model). Text being edited or compiled is valid almost always, so it is
// parsed here first; on the first syntax error (or anything else this parser does not handle, such
// as a bad escape) parse() throws this result away and takes the careful path, the recovering
// CstParser and build.ts, so broken text gets exactly the diagnostics and partial AST it always
// had.
//
// The rules, their alternatives and their order mirror grammar/parser.ts one for one, so Chevrotain
// computes the same lookahead and both parsers accept the same texts. tests/language/
// direct-parser.test.ts checks that both build the same AST on every example, fixture and generated
// model. A change to the grammar must be made in both files.
//
// Two habits keep the garbage down (a 1,000-rule model calls these rules ~30,000 times):
// - Chevrotain first runs every rule in a recording phase, where CONSUME and SUBRULE return
//   placeholders. Rules check RECORDING_PHASE and return before building anything, instead of
//   wrapping their actions in ACTION(() => ...), which allocates a closure per call.
// - The alternatives of the frequent ORs are built once per parser (fields named after what they
//   choose between) rather than as a fresh array of closures on every call.

import { EmbeddedActionsParser, type IOrAlt, type IToken } from "chevrotain";
import {
  allTokens, Colon, Comma, DateLiteral, Equal, Greater, GreaterEqual, Identifier, K, LBracket, LCurly, Less,
  LessEqual, LParen, Newline, NotEqual, NumberLiteral, Percent, Pipe, RBracket, RCurly, RParen, Semicolon,
  StringLiteral,
} from "../../grammar/tokens.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  CompareOp, Condition, DecaySpec, Duration, Example, ExampleEvent, ExampleField, Expectation, FieldDecl, FieldTypeSyntax,
  Literal, NameRef, Rule, Span, Statement, Tier,
} from "./nodes.js";
import { durationOf, join, literalOf, quotedName, tokenSpan, unquote, wordsName } from "./token-values.js";

/** What a rule returns in the recording phase; nothing looks at it. */
const RECORDING = undefined as never;

type Threshold = { op: ">" | ">="; value: number };

/** A predicate finishes its test's node once the test's subject and span are known. */
type FinishTest = (subject: NameRef, span: Span) => Condition;

class DirectParser extends EmbeddedActionsParser {
  /**
   * Set when the text parses but the careful path would report something (an unknown type, a bad
   * escape): this parser does not produce diagnostics, so parse() takes the careful path instead.
   */
  needsCarefulPath = false;
  private readonly ignoredDiagnostics: Diagnostic[] = [];

  constructor(skipValidations: boolean) {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 3, skipValidations });
    this.performSelfAnalysis();
  }

  begin(tokens: IToken[]): void {
    this.input = tokens;
    this.needsCarefulPath = false;
    this.ignoredDiagnostics.length = 0;
  }

  /** A span from `start` to the end of the last token consumed: what a CST node's location would say. */
  private spanFrom(start: number): Span {
    const last = this.LA(0);
    return { start, end: last.startOffset + last.image.length };
  }

  private unquoted(t: IToken): string {
    return this.checked(unquote(t.image, t.startOffset, this.ignoredDiagnostics));
  }

  /** Passes a value through, noting whether building it reported anything. */
  private checked<T>(value: T): T {
    if (this.ignoredDiagnostics.length > 0) this.needsCarefulPath = true;
    return value;
  }

  private readonly separatorOrStatement: IOrAlt<Statement | undefined>[] = [
    { ALT: () => this.SUBRULE(this.separator) },
    { ALT: () => this.SUBRULE(this.statement) },
  ];

  model = this.RULE("model", (): Statement[] => {
    const statements: Statement[] = [];
    this.MANY(() => {
      const statement = this.OR(this.separatorOrStatement);
      if (statement) statements.push(statement);
    });
    return statements;
  });

  private readonly separators: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.CONSUME(Semicolon) }];

  separator = this.RULE("separator", (): undefined => {
    this.OR(this.separators);
    return undefined;
  });

  private readonly statements: IOrAlt<Statement>[] = [
    { ALT: () => this.SUBRULE(this.leadDecl) },
    { ALT: () => this.SUBRULE(this.eventsDecl) },
    { ALT: () => this.SUBRULE(this.group) },
    { ALT: () => this.SUBRULE(this.rule) },
    { ALT: () => this.SUBRULE(this.gate) },
    { ALT: () => this.SUBRULE(this.qualify) },
    { ALT: () => this.SUBRULE(this.scoreLimit) },
    { ALT: () => this.SUBRULE(this.tiers) },
    { ALT: () => this.SUBRULE(this.example) },
  ];

  statement = this.RULE("statement", (): Statement => this.OR(this.statements));

  // ---- declarations ---------------------------------------------------------------------------

  leadDecl = this.RULE("leadDecl", (): Statement => {
    const lead = this.CONSUME(K.lead);
    this.CONSUME(LCurly);
    const fields: FieldDecl[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        {
          ALT: () => {
            const field = this.SUBRULE(this.fieldDecl);
            if (field) fields.push(field);
          },
        },
      ]),
    );
    this.CONSUME(RCurly);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "leadDecl", fields, span: this.spanFrom(lead.startOffset) };
  });

  fieldDecl = this.RULE("fieldDecl", (): FieldDecl | undefined => {
    const name = this.CONSUME(Identifier);
    this.CONSUME(Colon);
    const type = this.OR<FieldTypeSyntax | undefined>([
      {
        ALT: () => {
          const typeName = this.CONSUME2(Identifier);
          if (this.RECORDING_PHASE) return RECORDING;
          const kind = typeName.image;
          if (kind === "number" || kind === "text" || kind === "boolean" || kind === "date" || kind === "list") return { kind, span: tokenSpan(typeName) };
          this.needsCarefulPath = true; // an unknown type: the careful path reports it
          return undefined;
        },
      },
      {
        ALT: () => {
          const valueTokens = [this.CONSUME(StringLiteral)];
          this.MANY(() => {
            this.CONSUME(Pipe);
            valueTokens.push(this.CONSUME2(StringLiteral));
          });
          if (this.RECORDING_PHASE) return RECORDING;
          const values = valueTokens.map((t) => ({ value: this.unquoted(t), span: tokenSpan(t) }));
          return { kind: "enum", values, span: join(values[0].span, values[values.length - 1].span) };
        },
      },
    ]);
    if (this.RECORDING_PHASE) return RECORDING;
    if (!type) return undefined;
    return { kind: "field", name: name.image, nameSpan: tokenSpan(name), type, span: this.spanFrom(name.startOffset) };
  });

  eventsDecl = this.RULE("eventsDecl", (): Statement => {
    const keyword = this.CONSUME(K.events);
    this.CONSUME(LCurly);
    const events: { kind: "eventDecl"; name: NameRef; span: Span }[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        {
          ALT: () => {
            const name = this.SUBRULE(this.name);
            if (!this.RECORDING_PHASE) events.push({ kind: "eventDecl", name, span: name.span });
          },
        },
      ]),
    );
    this.CONSUME(RCurly);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "eventsDecl", events, span: this.spanFrom(keyword.startOffset) };
  });

  private readonly nameForms: IOrAlt<NameRef>[] = [
    {
      ALT: () => {
        const words: IToken[] = [];
        this.AT_LEAST_ONE(() => words.push(this.CONSUME(Identifier)));
        if (this.RECORDING_PHASE) return RECORDING;
        return wordsName(words);
      },
    },
    {
      ALT: () => {
        const quoted = this.CONSUME(StringLiteral);
        if (this.RECORDING_PHASE) return RECORDING;
        return this.checked(quotedName(quoted, this.ignoredDiagnostics));
      },
    },
  ];

  /** A field or event name: one or more words, or a quoted event name. */
  name = this.RULE("name", (): NameRef => this.OR(this.nameForms));

  // ---- groups and rules -----------------------------------------------------------------------

  private readonly separatorOrRule: IOrAlt<Rule | undefined>[] = [
    { ALT: () => this.SUBRULE(this.separator) },
    { ALT: () => this.SUBRULE(this.rule) },
  ];

  group = this.RULE("group", (): Statement => {
    const keyword = this.CONSUME(K.group);
    const name = this.CONSUME(Identifier);
    const upTo = this.OPTION(() => this.SUBRULE(this.upTo));
    const decay = this.OPTION2(() => this.SUBRULE(this.decay));
    this.CONSUME(LCurly);
    const rules: Rule[] = [];
    this.MANY(() => {
      const rule = this.OR(this.separatorOrRule);
      if (rule) rules.push(rule);
    });
    this.CONSUME(RCurly);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "group", name: name.image, nameSpan: tokenSpan(name), upTo, decay, rules, span: this.spanFrom(keyword.startOffset) };
  });

  upTo = this.RULE("upTo", (): number => {
    this.CONSUME(K.up);
    this.CONSUME(K.to);
    const limit = this.CONSUME(NumberLiteral);
    if (this.RECORDING_PHASE) return RECORDING;
    return Number(limit.image);
  });

  decay = this.RULE("decay", (): DecaySpec => {
    const keyword = this.CONSUME(K.decay);
    const percent = this.CONSUME(NumberLiteral);
    this.CONSUME(Percent);
    this.CONSUME(K.every);
    const every = this.SUBRULE(this.duration);
    if (this.RECORDING_PHASE) return RECORDING;
    return { percent: Number(percent.image), every, span: this.spanFrom(keyword.startOffset) };
  });

  private readonly durationUnits: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(K.day) },
    { ALT: () => this.CONSUME(K.days) },
    { ALT: () => this.CONSUME(K.week) },
    { ALT: () => this.CONSUME(K.weeks) },
    { ALT: () => this.CONSUME(K.month) },
    { ALT: () => this.CONSUME(K.months) },
  ];

  duration = this.RULE("duration", (): Duration => {
    const amount = this.CONSUME(NumberLiteral);
    const unit = this.OR(this.durationUnits);
    if (this.RECORDING_PHASE) return RECORDING;
    return durationOf(amount, unit);
  });

  private readonly verbs: IOrAlt<IToken>[] = [{ ALT: () => this.CONSUME(K.add) }, { ALT: () => this.CONSUME(K.subtract) }];

  rule = this.RULE("rule", (): Rule => {
    const when = this.CONSUME(K.when);
    const condition = this.SUBRULE(this.condition);
    const verb = this.OR(this.verbs);
    const points = this.CONSUME(NumberLiteral);
    const each = this.OPTION(() => this.CONSUME(K.each));
    const upTo = this.OPTION2(() => this.SUBRULE(this.upTo));
    const decay = this.OPTION3(() => this.SUBRULE(this.decay));
    if (this.RECORDING_PHASE) return RECORDING;
    return {
      kind: "rule",
      condition,
      sign: verb.image === "subtract" ? -1 : 1,
      points: Number(points.image),
      pointsRaw: points.image,
      each: each !== undefined,
      upTo,
      decay,
      span: this.spanFrom(when.startOffset),
    };
  });

  gate = this.RULE("gate", (): Statement => {
    const keyword = this.CONSUME(K.disqualify);
    this.CONSUME(K.when);
    const condition = this.SUBRULE(this.condition);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "gate", condition, span: this.spanFrom(keyword.startOffset) };
  });

  qualify = this.RULE("qualify", (): Statement => {
    const keyword = this.CONSUME(K.qualify);
    const threshold = this.SUBRULE(this.threshold);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "qualify", op: threshold.op, threshold: threshold.value, span: this.spanFrom(keyword.startOffset) };
  });

  private readonly thresholdOps: IOrAlt<">" | ">=">[] = [
    {
      ALT: () => {
        this.CONSUME(K.above);
        return ">";
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.at);
        this.CONSUME(K.least);
        return ">=";
      },
    },
  ];

  /** `above N` or `at least N`. */
  threshold = this.RULE("threshold", (): Threshold => {
    const op = this.OR(this.thresholdOps);
    const value = this.CONSUME(NumberLiteral);
    if (this.RECORDING_PHASE) return RECORDING;
    return { op, value: Number(value.image) };
  });

  scoreLimit = this.RULE("scoreLimit", (): Statement => {
    const keyword = this.CONSUME(K.score);
    const limits = this.OR<{ min?: number; max?: number }>([
      {
        ALT: () => {
          this.CONSUME(K.at);
          this.CONSUME(K.least);
          const min = this.CONSUME(NumberLiteral);
          if (this.RECORDING_PHASE) return RECORDING;
          return { min: Number(min.image), max: undefined };
        },
      },
      {
        ALT: () => {
          const max = this.SUBRULE(this.upTo);
          return { min: undefined, max };
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.between);
          const min = this.CONSUME2(NumberLiteral);
          this.CONSUME(K.and);
          const max = this.CONSUME3(NumberLiteral);
          if (this.RECORDING_PHASE) return RECORDING;
          return { min: Number(min.image), max: Number(max.image) };
        },
      },
    ]);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "scoreLimit", min: limits.min, max: limits.max, span: this.spanFrom(keyword.startOffset) };
  });

  tiers = this.RULE("tiers", (): Statement => {
    const keyword = this.CONSUME(K.tiers);
    const group = this.OPTION(() => {
      this.CONSUME(K.for);
      const name = this.CONSUME(Identifier);
      if (this.RECORDING_PHASE) return RECORDING;
      return { name: name.image, span: tokenSpan(name) };
    });
    this.CONSUME(LCurly);
    const tiers: Tier[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        {
          ALT: () => {
            const tier = this.SUBRULE(this.tier);
            tiers.push(tier);
          },
        },
      ]),
    );
    this.CONSUME(RCurly);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "tiers", group, tiers, span: this.spanFrom(keyword.startOffset) };
  });

  tier = this.RULE("tier", (): Tier => {
    const name = this.CONSUME(Identifier);
    const threshold = this.OR<Threshold | undefined>([
      { ALT: () => this.SUBRULE(this.threshold) },
      {
        ALT: () => {
          this.CONSUME(K.otherwise);
          return undefined;
        },
      },
    ]);
    if (this.RECORDING_PHASE) return RECORDING;
    const base = { kind: "tier" as const, name: name.image, nameSpan: tokenSpan(name), span: this.spanFrom(name.startOffset) };
    return threshold ? { ...base, op: threshold.op, threshold: threshold.value } : { ...base, op: "otherwise" };
  });

  // ---- conditions: not > and > or --------------------------------------------------------------

  /** Left-associative, as the CST walk's chain(). */
  condition = this.RULE("condition", (): Condition => {
    let left = this.SUBRULE(this.andCondition);
    this.MANY(() => {
      this.CONSUME(K.or);
      const right = this.SUBRULE2(this.andCondition);
      if (!this.RECORDING_PHASE) left = { kind: "or", left, right, span: join(left.span, right.span) };
    });
    return left;
  });

  andCondition = this.RULE("andCondition", (): Condition => {
    let left = this.SUBRULE(this.notCondition);
    this.MANY(() => {
      this.CONSUME(K.and);
      const right = this.SUBRULE2(this.notCondition);
      if (!this.RECORDING_PHASE) left = { kind: "and", left, right, span: join(left.span, right.span) };
    });
    return left;
  });

  private readonly notConditionForms: IOrAlt<Condition>[] = [
    {
      ALT: () => {
        const not = this.CONSUME(K.not);
        const operand = this.SUBRULE(this.notCondition);
        if (this.RECORDING_PHASE) return RECORDING;
        return { kind: "not", operand, span: this.spanFrom(not.startOffset) };
      },
    },
    {
      ALT: () => {
        const open = this.CONSUME(LParen);
        const inner = this.SUBRULE(this.condition);
        this.CONSUME(RParen);
        if (this.RECORDING_PHASE) return RECORDING;
        // Parentheses only group; the AST keeps the structure, the formatter re-adds them where needed.
        return { ...inner, span: this.spanFrom(open.startOffset) } as Condition;
      },
    },
    { ALT: () => this.SUBRULE(this.test) },
  ];

  notCondition = this.RULE("notCondition", (): Condition => this.OR(this.notConditionForms));

  test = this.RULE("test", (): Condition => {
    const subject = this.SUBRULE(this.name);
    const finish = this.OPTION(() => this.SUBRULE(this.predicate));
    if (this.RECORDING_PHASE) return RECORDING;
    if (!finish) return { kind: "subject", subject, span: { start: subject.span.start, end: subject.span.end } };
    return finish(subject, this.spanFrom(subject.span.start));
  });

  private readonly knownOrValue: IOrAlt<IToken | Literal>[] = [
    { ALT: () => this.CONSUME(K.known) },
    { ALT: () => this.CONSUME(K.unknown) },
    { ALT: () => this.SUBRULE2(this.literal) },
  ];

  private readonly textOps: IOrAlt<"contains" | "starts with" | "ends with">[] = [
    {
      ALT: () => {
        this.CONSUME(K.contains);
        return "contains";
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.starts);
        this.CONSUME(K.with);
        return "starts with";
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.ends);
        this.CONSUME2(K.with);
        return "ends with";
      },
    },
  ];

  private readonly dateOps: IOrAlt<"before" | "after">[] = [
    {
      ALT: () => {
        this.CONSUME(K.before);
        return "before";
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.after);
        return "after";
      },
    },
  ];

  private readonly predicates: IOrAlt<FinishTest>[] = [
    {
      ALT: () => {
        this.CONSUME(K.within);
        const within = this.SUBRULE(this.duration);
        return (subject, span) => ({ kind: "subject", subject, within, span });
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.at);
        this.CONSUME(K.least);
        const count = this.CONSUME(NumberLiteral);
        this.CONSUME(K.times);
        const within = this.OPTION(() => {
          this.CONSUME2(K.within);
          return this.SUBRULE2(this.duration);
        });
        return (subject, span) => ({ kind: "subject", subject, atLeast: { count: Number(count.image), span: tokenSpan(count) }, within, span });
      },
    },
    {
      ALT: () => {
        const op = this.SUBRULE(this.compareOp);
        const value = this.SUBRULE(this.literal);
        return (field, span) => ({ kind: "compare", field, op, spelled: "symbol", value, span });
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.is);
        const negated = this.OPTION2(() => this.CONSUME(K.not)) !== undefined;
        const object = this.OR2(this.knownOrValue);
        // `is known` / `is unknown` / `is not known` / `is not unknown`, or `is [not] <value>`.
        if ("image" in object) return (field, span) => ({ kind: "known", field, negated: (object.image === "unknown") !== negated, span });
        return (field, span) => ({ kind: "compare", field, op: negated ? "!=" : "=", spelled: "words", value: object, span });
      },
    },
    {
      ALT: () => {
        const not = this.OPTION3(() => this.CONSUME2(K.not));
        this.CONSUME(K.in);
        const list = this.SUBRULE(this.list);
        return (field, span) => ({ kind: "in", field, negated: not !== undefined, values: list.values, span });
      },
    },
    {
      ALT: () => {
        const op = this.OR3(this.textOps);
        const value = this.SUBRULE3(this.literal);
        return (field, span) => ({ kind: "textMatch", field, op, value, span });
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.between);
        const low = this.SUBRULE4(this.literal);
        this.CONSUME(K.and);
        const high = this.SUBRULE5(this.literal);
        return (field, span) => ({ kind: "between", field, low, high, span });
      },
    },
    {
      ALT: () => {
        const op = this.OR4(this.dateOps);
        const value = this.SUBRULE6(this.literal);
        return (field, span) => ({ kind: "dateCompare", field, op, value, span });
      },
    },
  ];

  /** What follows a name in a test. */
  predicate = this.RULE("predicate", (): FinishTest => this.OR(this.predicates));

  private readonly compareOps: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(Equal) },
    { ALT: () => this.CONSUME(NotEqual) },
    { ALT: () => this.CONSUME(LessEqual) },
    { ALT: () => this.CONSUME(GreaterEqual) },
    { ALT: () => this.CONSUME(Less) },
    { ALT: () => this.CONSUME(Greater) },
  ];

  compareOp = this.RULE("compareOp", (): CompareOp => {
    const op = this.OR(this.compareOps);
    if (this.RECORDING_PHASE) return RECORDING;
    return op.image as CompareOp;
  });

  private readonly literalTokens: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(NumberLiteral) },
    { ALT: () => this.CONSUME(StringLiteral) },
    { ALT: () => this.CONSUME(DateLiteral) },
    { ALT: () => this.CONSUME(K.true) },
    { ALT: () => this.CONSUME(K.false) },
  ];

  literal = this.RULE("literal", (): Literal => {
    const t = this.OR(this.literalTokens);
    if (this.RECORDING_PHASE) return RECORDING;
    return this.checked(literalOf(t, this.ignoredDiagnostics) as Literal);
  });

  list = this.RULE("list", (): { values: Literal[]; span: Span } => {
    const open = this.CONSUME(LBracket);
    const values: Literal[] = [];
    this.MANY_SEP({ SEP: Comma, DEF: () => values.push(this.SUBRULE(this.literal)) });
    this.CONSUME(RBracket);
    if (this.RECORDING_PHASE) return RECORDING;
    return { values, span: this.spanFrom(open.startOffset) };
  });

  // ---- examples ---------------------------------------------------------------------------------

  example = this.RULE("example", (): Example => {
    const keyword = this.CONSUME(K.example);
    const title = this.CONSUME(StringLiteral);
    this.CONSUME(LCurly);
    const fields: ExampleField[] = [];
    const events: ExampleEvent[] = [];
    const expectations: Expectation[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        {
          ALT: () => {
            const lead = this.SUBRULE(this.exampleLead);
            if (!this.RECORDING_PHASE) fields.push(...lead);
          },
        },
        {
          ALT: () => {
            const happened = this.SUBRULE(this.exampleEvents);
            if (!this.RECORDING_PHASE) events.push(...happened);
          },
        },
        {
          ALT: () => {
            const expected = this.SUBRULE(this.expect);
            if (!this.RECORDING_PHASE) expectations.push(...expected);
          },
        },
      ]),
    );
    this.CONSUME(RCurly);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "example", title: this.unquoted(title), fields, events, expectations, span: this.spanFrom(keyword.startOffset) };
  });

  exampleLead = this.RULE("exampleLead", (): ExampleField[] => {
    this.CONSUME(K.lead);
    this.CONSUME(LCurly);
    const fields: ExampleField[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => fields.push(this.SUBRULE(this.exampleField)) },
      ]),
    );
    this.CONSUME(RCurly);
    return this.RECORDING_PHASE ? [] : fields;
  });

  exampleField = this.RULE("exampleField", (): ExampleField => {
    const name = this.CONSUME(Identifier);
    this.CONSUME(Colon);
    const value = this.OR<ExampleField["value"]>([
      { ALT: () => this.SUBRULE(this.literal) },
      {
        ALT: () => {
          const list = this.SUBRULE(this.list);
          if (this.RECORDING_PHASE) return RECORDING;
          return { kind: "list", values: list.values, span: list.span };
        },
      },
    ]);
    if (this.RECORDING_PHASE) return RECORDING;
    return { name: name.image, nameSpan: tokenSpan(name), value, span: this.spanFrom(name.startOffset) };
  });

  exampleEvents = this.RULE("exampleEvents", (): ExampleEvent[] => {
    this.CONSUME(K.events);
    this.CONSUME(LCurly);
    const events: ExampleEvent[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => events.push(this.SUBRULE(this.exampleEvent)) },
      ]),
    );
    this.CONSUME(RCurly);
    return this.RECORDING_PHASE ? [] : events;
  });

  exampleEvent = this.RULE("exampleEvent", (): ExampleEvent => {
    const event = this.SUBRULE(this.name);
    const daysAgo = this.OPTION(() => {
      const duration = this.SUBRULE(this.duration);
      this.CONSUME(K.ago);
      return duration;
    });
    if (this.RECORDING_PHASE) return RECORDING;
    return { event, daysAgo, span: this.spanFrom(event.span.start) };
  });

  expect = this.RULE("expect", (): Expectation[] => {
    this.CONSUME(K.expect);
    const expectations = [this.SUBRULE(this.expectation)];
    this.MANY(() => {
      this.CONSUME(Comma);
      expectations.push(this.SUBRULE2(this.expectation));
    });
    return this.RECORDING_PHASE ? [] : expectations;
  });

  expectation = this.RULE("expectation", (): Expectation => {
    const start = this.LA(1).startOffset;
    // `fit score 5` is tried first: a group may share a name with a soft keyword (`qualified`).
    return this.OR<Expectation>({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            const group = this.CONSUME2(Identifier);
            return this.OR2<Expectation>([
              {
                ALT: () => {
                  this.CONSUME2(K.score);
                  const value = this.CONSUME2(NumberLiteral);
                  if (this.RECORDING_PHASE) return RECORDING;
                  return { kind: "score", group: group.image, value: Number(value.image), span: this.spanFrom(start) };
                },
              },
              {
                ALT: () => {
                  this.CONSUME2(K.tier);
                  const tierName = this.CONSUME3(Identifier);
                  if (this.RECORDING_PHASE) return RECORDING;
                  return { kind: "tier", group: group.image, name: tierName.image, span: this.spanFrom(start) };
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.score);
            const value = this.CONSUME(NumberLiteral);
            if (this.RECORDING_PHASE) return RECORDING;
            return { kind: "score", group: undefined, value: Number(value.image), span: this.spanFrom(start) };
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.tier);
            const tierName = this.CONSUME(Identifier);
            if (this.RECORDING_PHASE) return RECORDING;
            return { kind: "tier", group: undefined, name: tierName.image, span: this.spanFrom(start) };
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.qualified);
            if (this.RECORDING_PHASE) return RECORDING;
            return { kind: "qualified", value: true, span: this.spanFrom(start) };
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.not);
            this.CONSUME2(K.qualified);
            if (this.RECORDING_PHASE) return RECORDING;
            return { kind: "qualified", value: false, span: this.spanFrom(start) };
          },
        },
      ],
    });
  });
}

/**
 * One instance, reused, built when the module loads (Chevrotain analyses the grammar then, tens of
 * milliseconds). Its grammar validations are skipped here and run in tests/language/grammar.test.ts.
 */
const parser = new DirectParser(true);

/**
 * The statements of valid text, built straight from its tokens; undefined when the text has a
 * syntax error or something else only the careful path reports.
 */
export function parseValidTokens(tokens: IToken[]): Statement[] | undefined {
  parser.begin(tokens);
  try {
    const statements = parser.model();
    return parser.errors.length === 0 && !parser.needsCarefulPath ? statements : undefined;
  } catch {
    // A slip in this parser's actions must not cost anyone their diagnostics (SPEC 11: no input
    // crashes the parser): the careful path answers instead. tests/language/direct-parser.test.ts
    // would still catch it, as valid text the direct parser rejected.
    return undefined;
  } finally {
    // Let go of the tokens: a parser kept between calls would otherwise hold the last text's
    // tokens alive, and the garbage collector would copy them into the old generation for nothing.
    parser.begin([]);
  }
}

/** For the grammar test: builds the parser with Chevrotain's grammar validations on. */
export function validateDirectGrammar(): void {
  new DirectParser(false);
}
