// The Chevrotain grammar of the .score language (SPEC section 2). Syntax only: no actions, no types,
// no scoring. src/ast/build.ts turns the CST into the typed AST. Recovery is on, so one pass reports
// every syntax error and still yields a (partial) tree.
//
// src/ast/direct-parser.ts repeats this grammar rule for rule, with actions that build the AST, as
// the fast path for valid text; a change here must be made there too (tests/language/
// direct-parser.test.ts compares the two).

import { CstParser, type CstNode, type IToken } from "chevrotain";
import {
  allTokens, Colon, Comma, DateLiteral, Equal, Greater, GreaterEqual, Identifier, K, LBracket, LCurly, Less,
  LessEqual, LParen, Newline, NotEqual, NumberLiteral, Percent, Pipe, RBracket, RCurly, RParen, Semicolon,
  StringLiteral,
} from "./tokens.js";
import { syntaxErrorMessages } from "./messages.js";

export class ScoreParser extends CstParser {
  /** skipValidations: Chevrotain's checks of the grammar itself (ambiguities, left recursion...), which cost start-up time; tests/language/grammar.test.ts runs them. */
  constructor({ skipValidations = true } = {}) {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: syntaxErrorMessages, nodeLocationTracking: "onlyOffset", skipValidations });
    this.performSelfAnalysis();
  }

  model = this.RULE("model", () => {
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.separator) }, { ALT: () => this.SUBRULE(this.statement) }]));
  });

  separator = this.RULE("separator", () => {
    this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.CONSUME(Semicolon) }]);
  });

  statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.leadDecl) },
      { ALT: () => this.SUBRULE(this.eventsDecl) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.rule) },
      { ALT: () => this.SUBRULE(this.gate) },
      { ALT: () => this.SUBRULE(this.qualify) },
      { ALT: () => this.SUBRULE(this.scoreLimit) },
      { ALT: () => this.SUBRULE(this.tiers) },
      { ALT: () => this.SUBRULE(this.example) },
    ]);
  });

  // ---- declarations ---------------------------------------------------------------------------

  leadDecl = this.RULE("leadDecl", () => {
    this.CONSUME(K.lead);
    this.CONSUME(LCurly);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.separator) }, { ALT: () => this.SUBRULE(this.fieldDecl) }]));
    this.CONSUME(RCurly);
  });

  fieldDecl = this.RULE("fieldDecl", () => {
    this.CONSUME(Identifier, { LABEL: "name" });
    this.CONSUME(Colon);
    this.OR([
      { ALT: () => this.CONSUME2(Identifier, { LABEL: "typeName" }) },
      {
        ALT: () => {
          this.CONSUME(StringLiteral, { LABEL: "enumValue" });
          this.MANY(() => {
            this.CONSUME(Pipe);
            this.CONSUME2(StringLiteral, { LABEL: "enumValue" });
          });
        },
      },
    ]);
  });

  eventsDecl = this.RULE("eventsDecl", () => {
    this.CONSUME(K.events);
    this.CONSUME(LCurly);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.separator) }, { ALT: () => this.SUBRULE(this.name) }]));
    this.CONSUME(RCurly);
  });

  /** A field or event name: one or more words, or a quoted event name. */
  name = this.RULE("name", () => {
    this.OR([
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(Identifier, { LABEL: "word" })) },
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: "quoted" }) },
    ]);
  });

  // ---- groups and rules -----------------------------------------------------------------------

  group = this.RULE("group", () => {
    this.CONSUME(K.group);
    this.CONSUME(Identifier, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.upTo));
    this.OPTION2(() => this.SUBRULE(this.decay));
    this.CONSUME(LCurly);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.separator) }, { ALT: () => this.SUBRULE(this.rule) }]));
    this.CONSUME(RCurly);
  });

  upTo = this.RULE("upTo", () => {
    this.CONSUME(K.up);
    this.CONSUME(K.to);
    this.CONSUME(NumberLiteral);
  });

  decay = this.RULE("decay", () => {
    this.CONSUME(K.decay);
    this.CONSUME(NumberLiteral);
    this.CONSUME(Percent);
    this.CONSUME(K.every);
    this.SUBRULE(this.duration);
  });

  duration = this.RULE("duration", () => {
    this.CONSUME(NumberLiteral);
    this.OR([
      { ALT: () => this.CONSUME(K.day, { LABEL: "unit" }) },
      { ALT: () => this.CONSUME(K.days, { LABEL: "unit" }) },
      { ALT: () => this.CONSUME(K.week, { LABEL: "unit" }) },
      { ALT: () => this.CONSUME(K.weeks, { LABEL: "unit" }) },
      { ALT: () => this.CONSUME(K.month, { LABEL: "unit" }) },
      { ALT: () => this.CONSUME(K.months, { LABEL: "unit" }) },
    ]);
  });

  rule = this.RULE("rule", () => {
    this.CONSUME(K.when);
    this.SUBRULE(this.condition);
    this.OR([{ ALT: () => this.CONSUME(K.add, { LABEL: "verb" }) }, { ALT: () => this.CONSUME(K.subtract, { LABEL: "verb" }) }]);
    this.CONSUME(NumberLiteral, { LABEL: "points" });
    this.OPTION(() => this.CONSUME(K.each));
    this.OPTION2(() => this.SUBRULE(this.upTo));
    this.OPTION3(() => this.SUBRULE(this.decay));
  });

  gate = this.RULE("gate", () => {
    this.CONSUME(K.disqualify);
    this.CONSUME(K.when);
    this.SUBRULE(this.condition);
  });

  qualify = this.RULE("qualify", () => {
    this.CONSUME(K.qualify);
    this.SUBRULE(this.threshold);
  });

  /** `above N` or `at least N`. */
  threshold = this.RULE("threshold", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.above) },
      {
        ALT: () => {
          this.CONSUME(K.at);
          this.CONSUME(K.least);
        },
      },
    ]);
    this.CONSUME(NumberLiteral);
  });

  scoreLimit = this.RULE("scoreLimit", () => {
    this.CONSUME(K.score);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.at);
          this.CONSUME(K.least);
          this.CONSUME(NumberLiteral, { LABEL: "min" });
        },
      },
      { ALT: () => this.SUBRULE(this.upTo) },
      {
        ALT: () => {
          this.CONSUME(K.between);
          this.CONSUME2(NumberLiteral, { LABEL: "min" });
          this.CONSUME(K.and);
          this.CONSUME3(NumberLiteral, { LABEL: "max" });
        },
      },
    ]);
  });

  tiers = this.RULE("tiers", () => {
    this.CONSUME(K.tiers);
    this.OPTION(() => {
      this.CONSUME(K.for);
      this.CONSUME(Identifier, { LABEL: "group" });
    });
    this.CONSUME(LCurly);
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.separator) }, { ALT: () => this.SUBRULE(this.tier) }]));
    this.CONSUME(RCurly);
  });

  tier = this.RULE("tier", () => {
    this.CONSUME(Identifier, { LABEL: "name" });
    this.OR([{ ALT: () => this.SUBRULE(this.threshold) }, { ALT: () => this.CONSUME(K.otherwise) }]);
  });

  // ---- conditions: not > and > or --------------------------------------------------------------

  condition = this.RULE("condition", () => {
    this.SUBRULE(this.andCondition, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(K.or);
      this.SUBRULE2(this.andCondition, { LABEL: "operand" });
    });
  });

  andCondition = this.RULE("andCondition", () => {
    this.SUBRULE(this.notCondition, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(K.and);
      this.SUBRULE2(this.notCondition, { LABEL: "operand" });
    });
  });

  notCondition = this.RULE("notCondition", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.not);
          this.SUBRULE(this.notCondition, { LABEL: "negated" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.condition, { LABEL: "inner" });
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  test = this.RULE("test", () => {
    this.SUBRULE(this.name, { LABEL: "subject" });
    this.OPTION(() => this.SUBRULE(this.predicate));
  });

  predicate = this.RULE("predicate", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.within);
          this.SUBRULE(this.duration);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.at);
          this.CONSUME(K.least);
          this.CONSUME(NumberLiteral, { LABEL: "count" });
          this.CONSUME(K.times);
          this.OPTION(() => {
            this.CONSUME2(K.within);
            this.SUBRULE2(this.duration);
          });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.compareOp);
          this.SUBRULE(this.literal);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.is);
          this.OPTION2(() => this.CONSUME(K.not));
          this.OR2([
            { ALT: () => this.CONSUME(K.known, { LABEL: "knownness" }) },
            { ALT: () => this.CONSUME(K.unknown, { LABEL: "knownness" }) },
            { ALT: () => this.SUBRULE2(this.literal) },
          ]);
        },
      },
      {
        ALT: () => {
          this.OPTION3(() => this.CONSUME2(K.not));
          this.CONSUME(K.in);
          this.SUBRULE(this.list);
        },
      },
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(K.contains, { LABEL: "textOp" }) },
            {
              ALT: () => {
                this.CONSUME(K.starts, { LABEL: "textOp" });
                this.CONSUME(K.with);
              },
            },
            {
              ALT: () => {
                this.CONSUME(K.ends, { LABEL: "textOp" });
                this.CONSUME2(K.with);
              },
            },
          ]);
          this.SUBRULE3(this.literal);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.between);
          this.SUBRULE4(this.literal, { LABEL: "low" });
          this.CONSUME(K.and);
          this.SUBRULE5(this.literal, { LABEL: "high" });
        },
      },
      {
        ALT: () => {
          this.OR4([{ ALT: () => this.CONSUME(K.before, { LABEL: "dateOp" }) }, { ALT: () => this.CONSUME(K.after, { LABEL: "dateOp" }) }]);
          this.SUBRULE6(this.literal);
        },
      },
    ]);
  });

  compareOp = this.RULE("compareOp", () => {
    this.OR([
      { ALT: () => this.CONSUME(Equal) },
      { ALT: () => this.CONSUME(NotEqual) },
      { ALT: () => this.CONSUME(LessEqual) },
      { ALT: () => this.CONSUME(GreaterEqual) },
      { ALT: () => this.CONSUME(Less) },
      { ALT: () => this.CONSUME(Greater) },
    ]);
  });

  literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
    ]);
  });

  list = this.RULE("list", () => {
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.literal) });
    this.CONSUME(RBracket);
  });

  // ---- examples ---------------------------------------------------------------------------------

  example = this.RULE("example", () => {
    this.CONSUME(K.example);
    this.CONSUME(StringLiteral, { LABEL: "title" });
    this.CONSUME(LCurly);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        { ALT: () => this.SUBRULE(this.exampleLead) },
        { ALT: () => this.SUBRULE(this.exampleEvents) },
        { ALT: () => this.SUBRULE(this.expect) },
      ]),
    );
    this.CONSUME(RCurly);
  });

  exampleLead = this.RULE("exampleLead", () => {
    this.CONSUME(K.lead);
    this.CONSUME(LCurly);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => this.SUBRULE(this.exampleField) },
      ]),
    );
    this.CONSUME(RCurly);
  });

  exampleField = this.RULE("exampleField", () => {
    this.CONSUME(Identifier, { LABEL: "name" });
    this.CONSUME(Colon);
    this.OR([{ ALT: () => this.SUBRULE(this.literal) }, { ALT: () => this.SUBRULE(this.list) }]);
  });

  exampleEvents = this.RULE("exampleEvents", () => {
    this.CONSUME(K.events);
    this.CONSUME(LCurly);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.separator) },
        { ALT: () => this.CONSUME(Comma) },
        { ALT: () => this.SUBRULE(this.exampleEvent) },
      ]),
    );
    this.CONSUME(RCurly);
  });

  exampleEvent = this.RULE("exampleEvent", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.SUBRULE(this.duration);
      this.CONSUME(K.ago);
    });
  });

  expect = this.RULE("expect", () => {
    this.CONSUME(K.expect);
    this.SUBRULE(this.expectation);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE2(this.expectation);
    });
  });

  expectation = this.RULE("expectation", () => {
    // `fit score 5` is tried first: a group may share a name with a soft keyword (`qualified`).
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME2(Identifier, { LABEL: "group" });
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME2(K.score);
                  this.CONSUME2(NumberLiteral);
                },
              },
              {
                ALT: () => {
                  this.CONSUME2(K.tier);
                  this.CONSUME3(Identifier, { LABEL: "tierName" });
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.score);
            this.CONSUME(NumberLiteral);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.tier);
            this.CONSUME(Identifier, { LABEL: "tierName" });
          },
        },
        { ALT: () => this.CONSUME(K.qualified) },
        {
          ALT: () => {
            this.CONSUME(K.not);
            this.CONSUME2(K.qualified);
          },
        },
      ],
    });
  });
}

/**
 * One parser instance is reused: Chevrotain parsers are stateful but cheap to reset. It is built on
 * first use, because valid text never needs it (src/ast/parse.ts tries the direct parser first).
 */
let parser: ScoreParser | undefined;

export interface ParseOutput {
  cst: CstNode;
  errors: { message: string; token: IToken; previousToken?: IToken }[];
}

export function parseTokens(tokens: IToken[]): ParseOutput {
  parser ??= new ScoreParser();
  parser.input = tokens;
  const cst = parser.model();
  const errors = parser.errors.map((error) => ({
    message: error.message,
    token: error.token,
    previousToken: (error as { previousToken?: IToken }).previousToken,
  }));
  parser.input = []; // not kept alive until the next parse
  return { cst, errors };
}
