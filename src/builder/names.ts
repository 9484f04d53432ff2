// Which names the builder may write as they are: a field, group or tier name is one word that is not
// a keyword. (Event names never need checking: the printer quotes them when they must be quoted.)

import { RESERVED_WORDS } from "../../grammar/tokens.js";

const RESERVED = new Set<string>(RESERVED_WORDS);

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !RESERVED.has(text);
}

export function isReservedWord(text: string): boolean {
  return RESERVED.has(text);
}
