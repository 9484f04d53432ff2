// The typed syntax tree of a .score file. It mirrors what was written (not what it means):
// bare names are not yet resolved to fields or events; the checker does that (src/checker/resolve.ts).
// Every node carries a span of source offsets; line/column are computed only at the edges.

export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface Comment {
  text: string; // including the leading '#'
  span: Span;
}

/** A name of one or more words (`competitor`, `visited pricing page`) or a quoted event name. */
export interface NameRef {
  /** Words joined by single spaces, as written (case kept). For a quoted name: its unescaped content. */
  name: string;
  wordCount: number;
  quoted: boolean;
  span: Span;
}

export type DurationUnit = "day" | "week" | "month";

export interface Duration {
  amount: number;
  unit: DurationUnit;
  /** amount converted to days (week = 7, month = 30). */
  days: number;
  span: Span;
}

export type Literal =
  | { kind: "number"; value: number; raw: string; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "boolean"; value: boolean; span: Span }
  | { kind: "date"; value: string; span: Span }; // YYYY-MM-DD as written

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Condition =
  | { kind: "or"; left: Condition; right: Condition; span: Span }
  | { kind: "and"; left: Condition; right: Condition; span: Span }
  | { kind: "not"; operand: Condition; span: Span }
  /**
   * A name with optional occurrence modifiers: `competitor`, `opened email`,
   * `attended webinar within 30 days`, `visited pricing page at least 3 times within 14 days`,
   * `signed_up within 30 days` (a date field). Whether the name is an event, a boolean field
   * or a date field is decided by the checker.
   */
  | { kind: "subject"; subject: NameRef; atLeast?: { count: number; span: Span }; within?: Duration; span: Span }
  /** `field = 5`, `field is "x"`, `field is not "x"`, `field is true`. `spelled` keeps the operator as written. */
  | { kind: "compare"; field: NameRef; op: CompareOp; spelled: "symbol" | "words"; value: Literal; span: Span }
  | { kind: "between"; field: NameRef; low: Literal; high: Literal; span: Span }
  | { kind: "in"; field: NameRef; negated: boolean; values: Literal[]; span: Span }
  | { kind: "textMatch"; field: NameRef; op: "contains" | "starts with" | "ends with"; value: Literal; span: Span }
  | { kind: "dateCompare"; field: NameRef; op: "before" | "after"; value: Literal; span: Span }
  | { kind: "known"; field: NameRef; negated: boolean; span: Span }
  /** A condition the parser could not read (syntax error); evaluates to false. */
  | { kind: "invalid"; span: Span };

export interface DecaySpec {
  percent: number;
  every: Duration;
  span: Span;
}

export interface Rule {
  kind: "rule";
  condition: Condition;
  sign: 1 | -1;
  points: number;
  pointsRaw: string;
  each: boolean;
  upTo?: number;
  decay?: DecaySpec;
  span: Span;
}

export type FieldTypeSyntax =
  | { kind: "number" | "text" | "boolean" | "date" | "list"; span: Span }
  | { kind: "enum"; values: { value: string; span: Span }[]; span: Span };

export interface FieldDecl {
  kind: "field";
  name: string;
  nameSpan: Span;
  type: FieldTypeSyntax;
  span: Span;
}

export interface LeadDecl {
  kind: "leadDecl";
  fields: FieldDecl[];
  span: Span;
}

export interface EventDecl {
  kind: "eventDecl";
  name: NameRef;
  span: Span;
}

export interface EventsDecl {
  kind: "eventsDecl";
  events: EventDecl[];
  span: Span;
}

export interface Group {
  kind: "group";
  name: string;
  nameSpan: Span;
  upTo?: number;
  decay?: DecaySpec;
  rules: Rule[];
  span: Span;
}

export interface Gate {
  kind: "gate";
  condition: Condition;
  span: Span;
}

export interface Qualify {
  kind: "qualify";
  op: ">" | ">=";
  threshold: number;
  span: Span;
}

export interface ScoreLimit {
  kind: "scoreLimit";
  min?: number;
  max?: number;
  span: Span;
}

export interface Tier {
  kind: "tier";
  name: string;
  nameSpan: Span;
  /** ">" for `above`, ">=" for `at least`, "otherwise" for the fall-through tier. */
  op: ">" | ">=" | "otherwise";
  threshold?: number;
  span: Span;
}

export interface Tiers {
  kind: "tiers";
  /** The group whose sub-score these tiers grade (`tiers for fit`), or undefined for the total. */
  group?: { name: string; span: Span };
  tiers: Tier[];
  span: Span;
}

export interface ExampleField {
  name: string;
  nameSpan: Span;
  value: Literal | { kind: "list"; values: Literal[]; span: Span };
  span: Span;
}

export interface ExampleEvent {
  event: NameRef;
  daysAgo?: Duration; // `2 days ago`
  span: Span;
}

export type Expectation =
  | { kind: "score"; group?: string; value: number; span: Span }
  | { kind: "tier"; group?: string; name: string; span: Span }
  | { kind: "qualified"; value: boolean; span: Span };

export interface Example {
  kind: "example";
  title: string;
  fields: ExampleField[];
  events: ExampleEvent[];
  expectations: Expectation[];
  span: Span;
}

export type Statement = LeadDecl | EventsDecl | Group | Rule | Gate | Qualify | ScoreLimit | Tiers | Example;

export interface Model {
  kind: "model";
  statements: Statement[];
  /** Every comment in the file, in order; the formatter re-attaches them by position. */
  comments: Comment[];
  source: string;
}
