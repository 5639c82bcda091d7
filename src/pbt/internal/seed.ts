/**
 * Seeds. The effective seed is upstream's: FNV-1a-64 over `"x07:pbt:" + test id`, XOR the suite seed
 * (`--pbt-seed`, default 0). fast-check takes a 32-bit seed; we fold the 64 bits as upstream folds them for
 * its LCG state (low half XOR high half), so one test id always replays the same generated sequence.
 */
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * FNV-1a-64 of the UTF-8 bytes of a string.
 * @since 0.1.0
 * @category models
 */
export const fnv1a64 = (s: string): bigint => {
  let h = FNV_OFFSET;
  for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK64;
  return h;
};

/**
 * The effective seed of a test.
 * @since 0.1.0
 * @category models
 */
export const effectiveSeed = (testId: string, suiteSeed: bigint): bigint => (fnv1a64(`x07:pbt:${testId}`) ^ suiteSeed) & MASK64;

/**
 * The fast-check seed (a signed 32-bit integer) for an effective seed.
 * @since 0.1.0
 * @category models
 */
export const fastCheckSeed = (seed: bigint): number => Number(((seed & 0xffffffffn) ^ (seed >> 32n)) & 0xffffffffn) | 0;
