/**
 * A text resource drawn from one value and nothing else, so that what its bytes are made of can
 * be told without drawing them: `inputs` is a fingerprint of that value (and the digests of the
 * article models a feed reads in full), `render` the drawing of that same value. The build keeps
 * each list's recorded ETag by its inputs (src/build/validators.ts) and draws it again only when
 * they change. The drawing functions live at the top level of their files (list-resources.ts,
 * resources.ts), where they can read nothing but their argument: a value the declaration leaves
 * out cannot reach them (test/node/list-draws.test.ts refuses an inline drawing).
 */
import type { Kind } from "./policy.ts";
import type { Loaders, Resource } from "./resources.ts";

/** Made once per resource, on first use: the worker draws it, the build asks its inputs first. */
export const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value as T;
  };
};

/**
 * `value`: plain data (objects, arrays, strings, numbers, booleans, null), as the catalog is.
 * `models`: the slugs of the articles whose full models `draw` loads (with `load.article`); their
 * digests join the inputs. Only the build's loaders fingerprint (`load.fingerprint`, `load.digest`):
 * with the worker's, the resource declares no inputs.
 */
export function fromValue<V>(kind: Kind, type: string, path: string, value: () => V, draw: (v: V) => string | Promise<string>, load: Loaders, models?: (v: V) => readonly string[]): Resource {
  const v = once(value);
  const resource: Resource = { kind, type, path, render: () => draw(v()) };
  const { fingerprint, digest } = load;
  if (fingerprint && !models) resource.inputs = () => fingerprint(v());
  else if (fingerprint && models && digest) resource.inputs = () => `${fingerprint(v())} ${models(v()).map((slug) => digest(slug)).join(" ")}`;
  return resource;
}
