// The canonical formatter (SPEC section 8): every model has exactly one canonical text.
// `leadscore fmt`, the playground's "format document" and the visual rule builder all use this module.
//
// Canonical form, in short (docs/formatting.md has the full list):
//   - one statement per line; blocks as `header {`, items indented by 2 spaces, `}`; an empty block
//     without comments as `header {}`;
//   - single spaces between tokens; `is` / `is not` for equality; other comparison symbols kept;
//   - numbers without redundant zeros; texts re-escaped; durations pluralised (`1 day`, `30 days`);
//   - parentheses only where `not` > `and` > `or` needs them;
//   - blank lines kept where the author left them (one at most), always one around top-level blocks,
//     none after `{` or before `}`; a newline at the end; no trailing whitespace;
//   - every comment kept, verbatim (trailing spaces trimmed), beside the code it was written next to.

import type { Condition, EventDecl, FieldDecl, Model, Statement, Tier } from "../ast/nodes.js";
import { parse } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { attachComments } from "./comments.js";
import { layoutStatement, LinePrinter, printItems } from "./layout.js";
import { formatCondition, formatEventDecl, formatFieldDecl, formatTier } from "./print.js";

export { formatCondition } from "./print.js";

export interface FormatResult {
  /** The canonical text, or the source unchanged when it has syntax errors. */
  text: string;
  /** Whether `text` differs from the source. */
  changed: boolean;
  /** The syntax errors that kept the text from being formatted (empty when it was formatted). */
  diagnostics: Diagnostic[];
}

/** Syntax errors (LS1xxx) make the formatter leave a file alone: it cannot know what was meant. */
function isSyntaxError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === "error" && diagnostic.code.startsWith("LS1");
}

export function format(source: string): FormatResult {
  const { ast, diagnostics } = parse(source);
  const syntaxErrors = diagnostics.filter(isSyntaxError);
  if (syntaxErrors.length > 0) return { text: source, changed: false, diagnostics: syntaxErrors };
  const text = formatModel(ast);
  return { text, changed: text !== source, diagnostics: [] };
}

/**
 * The canonical text of a parsed model, comments included. Comments are placed by source offsets,
 * so an AST edited by the rule builder formats well when edited statements keep the span of the
 * statement they replace; a new statement gets an empty span at the end of the line it follows.
 */
export function formatModel(ast: Model): string {
  const items = ast.statements.map((statement) => layoutStatement(statement, ast.source));
  const endOfFile = attachComments(items, ast.comments, ast.source);
  const out = new LinePrinter(ast.source);
  printItems(out, items, 0, true, endOfFile);
  return out.text();
}

/** What `formatStatement` accepts: a statement, a condition, or one line of a block. */
export type FormattableNode = Statement | Condition | Tier | FieldDecl | EventDecl;

/**
 * The canonical text of one node, without comments and without a final newline, every line
 * indented by `indent` levels (2 spaces each). A block statement prints on several lines.
 */
export function formatStatement(node: FormattableNode, indent = 0): string {
  const prefix = "  ".repeat(indent);
  switch (node.kind) {
    case "tier":
      return prefix + formatTier(node);
    case "field":
      return prefix + formatFieldDecl(node);
    case "eventDecl":
      return prefix + formatEventDecl(node);
    case "leadDecl":
    case "eventsDecl":
    case "group":
    case "rule":
    case "gate":
    case "qualify":
    case "scoreLimit":
    case "tiers":
    case "example": {
      const out = new LinePrinter(undefined);
      printItems(out, [layoutStatement(node, undefined)], indent, false, []);
      return out.body();
    }
    default:
      return prefix + formatCondition(node);
  }
}
