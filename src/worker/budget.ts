/**
 * One byte budget for what an isolate keeps: prepared responses (prepare.ts) and the packs
 * read for them (data.ts). It keeps a large site within an isolate's 128 MB: beyond the
 * budget, the least recently kept go first, and are made or read again on demand.
 */
export const BUDGET = 48 * 1024 * 1024;

const held = new Map<unknown, { bytes: number; drop: () => void }>();
let kept = 0;

/** Keeps `bytes` under `key`; `drop` forgets it when the budget needs the room. */
export function keep(key: unknown, bytes: number, drop: () => void): void {
  const before = held.get(key);
  if (before) {
    held.delete(key);
    kept -= before.bytes;
  }
  held.set(key, { bytes, drop });
  kept += bytes;
  for (const [old, h] of held) {
    if (kept <= BUDGET) break;
    if (old === key) continue;
    held.delete(old);
    kept -= h.bytes;
    h.drop();
  }
}

/** Bytes kept now (for tests). */
export function keptBytes(): number {
  return kept;
}
