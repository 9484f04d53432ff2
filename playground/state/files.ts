// Files in and out of the browser: reading a dropped or picked file as text, and downloading text.

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileText = { ok: true; text: string } | { ok: false; message: string };

export async function readTextFile(file: File, limit = MAX_FILE_BYTES): Promise<FileText> {
  if (file.size > limit) return { ok: false, message: `${file.name} is too large (${Math.round(file.size / 1024 / 1024)} MB; the limit is ${Math.round(limit / 1024 / 1024)} MB).` };
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, message: `${file.name} could not be read.` };
  }
}

export function readModelFile(file: File): Promise<FileText> {
  return readTextFile(file, 1024 * 1024);
}

/** "ACME model v2.score" -> "ACME model v2"; a safe file name stem from a model name. */
export function fileStem(name: string): string {
  return name.replace(/\.[A-Za-z0-9]+$/, "").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 80);
}

export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type FileKind = "model" | "leads" | "unknown";

export function fileKind(name: string): FileKind {
  const lower = name.toLowerCase();
  if (lower.endsWith(".score")) return "model";
  if (/\.(csv|tsv|json|jsonl|ndjson)$/.test(lower)) return "leads";
  return "unknown";
}
