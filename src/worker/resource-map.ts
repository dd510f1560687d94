/**
 * The one map from path to resource, with resolvers for the paths there are too many of to list
 * at start-up: later pages of every list and everything under /tags/<slug> (10,000 articles make
 * hundreds of pages and thousands of tag resources). A lookup that misses the listed entries asks
 * each resolver; what one resolves is kept in the map, so a path always gives the same resource
 * object (prepare.ts caches by it) and is resolved once per isolate. Only real resources are
 * kept, so hostile paths cannot grow the map. The routing decision (route.ts) only calls `get`
 * and `has`, and sees one map.
 */
import type { Resource } from "./resources.ts";

export interface Resolver {
  /** The resource at a (percent-decoded) path, or undefined when this resolver has none. */
  resolve(path: string): Resource | undefined;
  /** Every path it resolves, for the build, which records each output's validators. */
  paths(): Iterable<string>;
}

export class ResourceMap extends Map<string, Resource> {
  readonly #resolvers: Resolver[] = [];

  /** Adds a resolver, asked in the order added after the listed entries miss. */
  resolveWith(resolver: Resolver): void {
    this.#resolvers.push(resolver);
  }

  override get(path: string): Resource | undefined {
    const listed = super.get(path);
    if (listed || this.#resolvers.length === 0) return listed;
    for (const resolver of this.#resolvers) {
      const found = resolver.resolve(path);
      if (found) {
        super.set(path, found);
        return found;
      }
    }
    return undefined;
  }

  override has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** Every resource, listed or resolved, once each (the build renders them all). */
  *all(): Generator<Resource> {
    const seen = new Set<string>();
    for (const [path, resource] of super.entries()) {
      seen.add(path);
      yield resource;
    }
    for (const resolver of this.#resolvers)
      for (const path of resolver.paths()) {
        if (seen.has(path)) continue;
        seen.add(path);
        const resource = this.get(path);
        if (resource) yield resource;
      }
  }
}

/** Every resource of a map, the resolved ones too when it has resolvers. */
export function allResources(map: Map<string, Resource>): Iterable<Resource> {
  return map instanceof ResourceMap ? map.all() : map.values();
}
