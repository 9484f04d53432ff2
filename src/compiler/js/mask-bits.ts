// Per-lead bit masks, filled once per lead by text-matcher.ts (h0, h1, ...) and list-matcher.ts
// (l0, l1, ...): a field's test number k is bit k % BITS of its k / BITS-th mask. The test's code,
// written here, is also what rule-families.ts recognizes to visit only a family's set bits.

/** Bits used per mask: 30 keeps every mask and bit a small integer. */
export const BITS = 30;

/** `count` mask locals named `${prefix}${n}`, n counting on from `next.value` (which is advanced). */
export function maskNames(prefix: "h" | "l", count: number, next: { value: number }): string[] {
  return Array.from({ length: Math.ceil(count / BITS) }, () => `${prefix}${next.value++}`);
}

/** Test k's bit within its mask. */
export function bitOf(k: number): number {
  return 2 ** (k % BITS);
}

/** Test k's mask among `masks`. */
export function maskOf(masks: readonly string[], k: number): string {
  return masks[Math.floor(k / BITS)];
}

/** The expression for test k passing. */
export function bitTest(masks: readonly string[], k: number): string {
  return `((${maskOf(masks, k)} & ${bitOf(k)}) !== 0)`;
}

/**
 * A rule family's condition shape (rule-families.ts: literals as numbered holes) that is bitTest()'s
 * code: the mask's name in group 1, the bit in hole 0 and the 0 in hole 1.
 */
export const BIT_TEST_SHAPE = /^\(\(([hl]\d+) & \u00000\u0000\) !== \u00001\u0000\)$/;
