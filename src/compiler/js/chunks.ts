// Big models: rule statements moved out of the scoring function into helper functions of a bounded
// size. V8 optimises a function as one unit, and its optimising compiler's time grows faster than
// the function: a 1,000-rule scorer written as one function is stuck in the slow tiers for seconds
// after it gets hot (and its explain twin, with a local per rule, longer still). Helpers of 64
// rules are each optimised within milliseconds. They read the lead's values as parameters (only the
// locals they use), so the conditions are emitted exactly as they would be inline.

/** Rules per helper function. */
export const CHUNK_RULES = 64;

// A JSON string literal (generated code quotes every string with JSON.stringify), or a name.
const TOKEN = /"(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*/g;
/** The scoring function's per-lead locals: field values, day starts and event slots (f0, d0, c0...). */
const LEAD_LOCAL = /^[a-z]\d+$/;

/** The per-lead locals `let`/`const`-declared in these statements (plus `asOf`, a parameter). */
export function declaredLocals(statements: readonly string[]): Set<string> {
  const names = new Set<string>(["asOf"]);
  for (const statement of statements) {
    // Most statements declare nothing: a substring test is cheaper than starting the expression.
    if (!statement.includes("let") && !statement.includes("const")) continue;
    for (const match of statement.matchAll(/\b(?:let|const)\s+([a-z]\d+)\b/g)) names.add(match[1]);
  }
  return names;
}

export class ChunkEmitter {
  /** Factory-level function declarations, to be emitted next to the scoring functions. */
  readonly functions: string[] = [];
  private count = 0;

  constructor(
    private readonly prefix: string,
    private readonly locals: ReadonlySet<string>,
    private readonly size: number,
  ) {}

  /**
   * Moves `statements` into helpers of at most `size` statements and returns the statements that
   * call them, in order. With an accumulator, the statements update that variable (e.g. `g0 += 5`):
   * each helper takes it as its first parameter and returns it, so additions keep their order.
   */
  calls(statements: readonly string[], accumulator?: string): string[] {
    const calls: string[] = [];
    for (let start = 0; start < statements.length; start += this.size) {
      const body = statements.slice(start, start + this.size);
      const name = `${this.prefix}${this.count++}`;
      const params = this.parameters(body, accumulator);
      const args = params.join(", ");
      this.functions.push(
        `function ${name}(${args}) {`,
        ...body.map((statement) => `  ${statement}`),
        ...(accumulator === undefined ? [] : [`  return ${accumulator};`]),
        `}`,
      );
      calls.push(accumulator === undefined ? `${name}(${args});` : `${accumulator} = ${name}(${args});`);
    }
    return calls;
  }

  private parameters(body: readonly string[], accumulator: string | undefined): string[] {
    const used = new Set<string>();
    for (const statement of body) {
      for (const [token] of statement.matchAll(TOKEN)) {
        if (token.charCodeAt(0) === 34 || token === accumulator) continue; // a string literal
        if (this.locals.has(token)) used.add(token);
        else if (LEAD_LOCAL.test(token)) throw new Error(`code generator: ${token} is not a local of the scoring function`);
      }
    }
    return accumulator === undefined ? [...used] : [accumulator, ...used];
  }
}
