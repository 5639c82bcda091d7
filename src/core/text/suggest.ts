/** Did-you-mean: the nearest names by edit distance. */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): insert, delete, substitute and
 * swapping two neighbours each cost 1, so the common typo `cuont` → `count` is one edit.
 */
export const editDistance = (a: string, b: string): number => {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
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
