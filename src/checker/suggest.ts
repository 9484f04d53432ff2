// "Did you mean" candidates, the Elm way: close by edit distance (<= 1 for short names, <= 2
// otherwise), ignoring case; best first, at most three.

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length];
}

export function suggestNames(written: string, candidates: Iterable<string>): string[] {
  const target = written.toLowerCase();
  const limit = target.length <= 4 ? 1 : 2;
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase();
    const distance = lower === target ? 0 : editDistance(target, lower);
    // A prefix also counts ("company" for "company_size"), since marketers abbreviate.
    const isPrefix = target.length >= 4 && lower.startsWith(target);
    if (distance <= limit || isPrefix) scored.push({ name, distance: isPrefix ? Math.min(distance, limit) : distance });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, 3).map((s) => s.name);
}
