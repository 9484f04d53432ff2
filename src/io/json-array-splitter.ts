// Splits a JSON array of leads, fed in chunks, into the text of each top-level element and the line
// it starts on, without parsing the whole file: memory stays at one lead however long the file is,
// and each element's line is known for error messages. It tracks only what decides where an
// element ends (strings, escapes, bracket nesting); JSON.parse then reads each element.
//
// An element that is not valid JSON is reported on its own and the next one is read as usual,
// since the brackets still say where it ends. Broken structure (no '[', a mismatched or unclosed
// bracket, an unclosed string, text after ']') ends the reading with one error: nothing after it
// can be split reliably.

export type JsonPiece =
  | { kind: "element"; text: string; line: number }
  | { kind: "error"; line: number; message: string };

/** A lead bigger than this is taken as a quote or bracket left open. */
export const DEFAULT_MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

/** The characters that decide where an element ends: the same codes as UTF-16 units and as bytes (json-array-plan.ts). */
export const LF = 10;
export const QUOTE = 34;
export const BACKSLASH = 92;
export const COMMA = 44;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;

type Phase =
  | "before-array" // nothing but whitespace so far
  | "first-element" // after '[': an element or ']'
  | "next-element" // after ',': an element
  | "in-element"
  | "after-array" // after the closing ']': only whitespace
  | "stopped"; // after a structural error

export class JsonArraySplitter {
  private phase: Phase = "before-array";
  private line = 1;
  private inString = false;
  private escaped = false;
  /** The closing bracket expected for each open '{' or '['. */
  private readonly closers: number[] = [];
  /** Text of the current element from earlier chunks. */
  private parts: string[] = [];
  private partsLength = 0;
  private elementLine = 0;
  /** Line of the last comma, for "a comma with no lead after it". */
  private commaLine = 0;
  /** Index of the next line feed in the current chunk (Infinity: none), found once, not per string. */
  private nextLf = -1;

  /** `firstLine`: the line the text starts on (a worker thread reading part of a file starts mid-way). */
  constructor(
    private readonly maxElementChars = DEFAULT_MAX_ELEMENT_CHARS,
    firstLine = 1,
  ) {
    this.line = firstLine;
  }

  push(chunk: string, out: JsonPiece[]): void {
    const n = chunk.length;
    let elementStart = this.phase === "in-element" ? 0 : -1;
    this.nextLf = -1;
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === LF) this.line++;
      switch (this.phase) {
        case "in-element":
          if (c === QUOTE) this.inString = true;
          else if (c === OPEN_BRACE) this.closers.push(CLOSE_BRACE);
          else if (c === OPEN_BRACKET) this.closers.push(CLOSE_BRACKET);
          else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (this.closers.length === 0 && c === CLOSE_BRACKET) {
              this.endElement(chunk.slice(elementStart, i), out);
              this.phase = "after-array";
            } else if (this.closers.pop() !== c) {
              return this.stop(out, `a '${String.fromCharCode(c)}' on line ${this.line} does not match the bracket it closes`);
            }
          } else if (c === COMMA && this.closers.length === 0) {
            this.endElement(chunk.slice(elementStart, i), out);
            this.phase = "next-element";
            this.commaLine = this.line;
          }
          continue;
        case "first-element":
        case "next-element":
          if (isWhitespace(c)) continue;
          if (c === COMMA || c === CLOSE_BRACKET) {
            // `[,`, `,,` and `,]`: no lead to score, but the file is not what its author meant.
            if (this.phase === "next-element") {
              out.push({ kind: "error", line: this.commaLine, message: "a comma with no lead after it" });
            } else if (c === COMMA) {
              out.push({ kind: "error", line: this.line, message: "a comma with no lead before it" });
            }
            this.phase = c === CLOSE_BRACKET ? "after-array" : "next-element";
            this.commaLine = this.line;
            continue;
          }
          this.phase = "in-element";
          this.elementLine = this.line;
          elementStart = i;
          i--; // read this character again as part of the element
          continue;
        case "before-array":
          if (isWhitespace(c)) continue;
          if (c === OPEN_BRACKET) {
            this.phase = "first-element";
            continue;
          }
          return this.stop(out, "expected a JSON array of leads ([{...}, {...}]); for one lead per line use .jsonl");
        case "after-array":
          if (isWhitespace(c)) continue;
          return this.stop(out, "unexpected text after the closing ']' of the array");
        case "stopped":
          return;
      }
    }
    if (this.phase === "in-element") {
      const rest = elementStart <= 0 ? chunk : chunk.slice(elementStart);
      this.parts.push(rest);
      this.partsLength += rest.length;
      if (this.partsLength > this.maxElementChars) {
        this.stop(out, `the lead that starts on line ${this.elementLine} is longer than ${this.maxElementChars} characters; is a quote or bracket left open?`, this.elementLine);
      }
    }
  }

  finish(out: JsonPiece[]): void {
    switch (this.phase) {
      case "in-element":
        this.stop(out, `the file ends inside the lead that starts on line ${this.elementLine}; is a quote or bracket left open?`, this.elementLine);
        return;
      case "first-element":
      case "next-element":
        this.stop(out, "the file ends before the closing ']' of the array");
        return;
      default:
        // An empty file holds no leads; that is not an error.
        return;
    }
  }

  /**
   * Most of a lead's text is inside strings: jump from quote to quote with indexOf instead of
   * looking at every character. Returns the index of the closing quote, or the chunk's last index
   * when the string goes on into the next chunk.
   */
  private skipString(chunk: string, from: number): number {
    const n = chunk.length;
    let i = from;
    if (this.escaped) {
      // The chunk before ended with a backslash: this character is escaped.
      this.escaped = false;
      this.countLines(chunk, i, i + 1);
      i++;
    }
    for (;;) {
      const quote = chunk.indexOf('"', i);
      const end = quote === -1 ? n : quote;
      // An odd run of backslashes right before the quote (or the chunk's end) escapes it.
      let k = end - 1;
      while (k >= i && chunk.charCodeAt(k) === BACKSLASH) k--;
      const escaping = (end - 1 - k) % 2 === 1;
      this.countLines(chunk, i, end);
      if (quote === -1) {
        this.escaped = escaping;
        return n - 1;
      }
      if (!escaping) {
        this.inString = false;
        return quote;
      }
      i = quote + 1;
    }
  }

  /** Counts the line feeds in chunk[from, to) (inside strings they are invalid JSON, but they are lines). */
  private countLines(chunk: string, from: number, to: number): void {
    if (this.nextLf < from) {
      const lf = chunk.indexOf("\n", from);
      this.nextLf = lf === -1 ? Infinity : lf;
    }
    while (this.nextLf < to) {
      this.line++;
      const lf = chunk.indexOf("\n", this.nextLf + 1);
      this.nextLf = lf === -1 ? Infinity : lf;
    }
  }

  private endElement(tail: string, out: JsonPiece[]): void {
    const text = (this.parts.length === 0 ? tail : this.parts.join("") + tail).trimEnd();
    this.parts = [];
    this.partsLength = 0;
    out.push({ kind: "element", text, line: this.elementLine });
  }

  private stop(out: JsonPiece[], message: string, line = this.line): void {
    out.push({ kind: "error", line, message });
    this.phase = "stopped";
    this.inString = false;
    this.parts = [];
    this.partsLength = 0;
  }
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
