// Share links: the model text travels in the URL hash, compressed with lz-string. A link is untrusted
// input: it is only ever decoded to plain text, which goes into the editor and nowhere else.

import LZString from "lz-string";

const PARAM = "model";
const NAME_PARAM = "name";
/** Generous for any hand-written model, small enough that a hostile link cannot stall the page. */
export const MAX_SHARED_SOURCE = 200_000;

export function shareUrl(source: string, name: string, location: { origin: string; pathname: string; search: string }): string {
  // URLSearchParams would re-encode the compressed text; keep lz-string's URI-safe alphabet as is.
  const hash = `${PARAM}=${LZString.compressToEncodedURIComponent(source)}${name.trim() ? `&${NAME_PARAM}=${encodeURIComponent(name.trim().slice(0, 80))}` : ""}`;
  return `${location.origin}${location.pathname}${location.search}#${hash}`;
}

export type SharedModel = { ok: true; source: string; name: string } | { ok: false; message: string } | undefined;

/** Reads a shared model from a location hash; undefined when the hash carries none. */
export function readSharedModel(hash: string): SharedModel {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!text) return undefined;
  const parts = new Map<string, string>();
  for (const piece of text.split("&")) {
    const eq = piece.indexOf("=");
    if (eq > 0) parts.set(piece.slice(0, eq), piece.slice(eq + 1));
  }
  const packed = parts.get(PARAM);
  if (packed === undefined) return undefined;
  if (packed.length > MAX_SHARED_SOURCE) return { ok: false, message: "The shared link is too long to be a model." };
  let source: string | null = null;
  try {
    source = LZString.decompressFromEncodedURIComponent(packed);
  } catch {
    source = null;
  }
  if (typeof source !== "string" || source === "" || source.length > MAX_SHARED_SOURCE) {
    return { ok: false, message: "The shared link is damaged: it does not contain a model." };
  }
  let name = "Shared model";
  const rawName = parts.get(NAME_PARAM);
  if (rawName) {
    try {
      name = decodeURIComponent(rawName).replace(/[\u0000-\u001f]/g, "").slice(0, 80) || name;
    } catch {
      // A malformed name is not worth refusing the model for.
    }
  }
  return { ok: true, source, name };
}
