// A problem that stops reading altogether (missing file, unknown format, an events file without the
// columns it needs). Problems with single records never throw: they become "malformed" inputs, so
// every other lead is still scored. The CLI maps an InputError to exit code 2 ("unreadable input").

export class InputError extends Error {
  override readonly name = "InputError";
  /** The file the problem is about, as the user named it. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}
