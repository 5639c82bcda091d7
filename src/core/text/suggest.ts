/** Did-you-mean: the nearest names by edit distance. */

/** Levenshtein distance (insert/delete/substitute, unit costs), O(n·m) time, O(m) space. */
export const editDistance = (a: string, b: string): number => {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
};

/**
 * Up to `max` candidates within a distance budget that grows with the name's length (a third of it, at
 * least 1, at most 4), nearest first, ties by name, so suggestions are deterministic.
 */
export const suggestNames = (name: string, candidates: Iterable<string>, max = 3): string[] => {
  const budget = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    if (c === name || Math.abs(c.length - name.length) > budget) continue;
    const d = editDistance(name, c);
    if (d <= budget) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).slice(0, max).map(([c]) => c);
};
