// format(source) -> string (SPEC section 7): the canonical text, or the text unchanged when it has
// syntax errors (use formatSource for the errors too).

import { format as formatSource } from "../formatter/format.js";

export { formatSource };

export function format(source: string): string {
  return formatSource(source).text;
}
