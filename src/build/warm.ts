/**
 * Whether this process builds again and again: the dev server's build thread does
 * (src/dev/build-thread.ts), a `npm run build` does not. Where it does, the caches keep what a
 * build read or made in memory for the next one (the model cache's entries and stat index,
 * model-cache.ts; the search records, search-files.ts; the collections' assembled articles,
 * collection-files.ts), so that a one-note edit costs about the changed article alone. A single
 * build keeps nothing: no second copy in memory of what the next process reads from the disk.
 * Everything kept is keyed by its inputs, as on disk: it never goes stale, it only saves work.
 */
let warm = false;

/** Turns keeping on for the rest of this process (or thread). */
export function keepBetweenBuilds(on = true): void {
  warm = on;
}

export function keepsBetweenBuilds(): boolean {
  return warm;
}
