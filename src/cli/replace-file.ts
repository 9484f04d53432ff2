// Replacing a file's text so that it is never lost half-way: the new text goes to a temporary file
// next to it, which is then renamed over it (a rename within a directory is atomic). A crash, a
// full disk or Ctrl-C leaves either the old text or the new one, never a truncated file.

import { chmod, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function replaceFileText(path: string, text: string): Promise<void> {
  // Through a symbolic link, the file it points to is replaced, and the link stays a link.
  const target = await realpath(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: "utf8", flag: "wx" });
    await chmod(temporary, (await stat(target)).mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
