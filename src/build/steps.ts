/**
 * A build as a graph of named steps, each declaring the products it reads and the ones it
 * writes (build.ts `buildSteps`). The runner:
 *   - checks the graph before running anything (`orderSteps`): every product is written by
 *     exactly one step (or given from outside, e.g. the build's options), every product read is
 *     written by some step or given, and no step depends on itself through others (a cycle);
 *     the steps then run in their declared order wherever it agrees with what they read (a
 *     topological order that keeps the declared one otherwise), and a graph that breaks a rule
 *     fails with a message naming the steps and products;
 *   - hands each step a frozen object holding only the products it declared it reads, every one
 *     present (a step's inputs need no `!`), and takes from what it returns exactly the products
 *     it declared it writes: a missing or undeclared one fails the build, naming the step;
 *   - lets each product go once the last step that reads it has run (but those the caller asks
 *     for), so a build holds only what its remaining steps read;
 *   - after a failure, calls `dispose` of every finished step whose products are still held (e.g.
 *     stopping the card threads; once the step that reads them last has run, it has taken them
 *     over), so a failed build leaves nothing running.
 * A product is never replaced: a step that changes what another made (the figures step sets each
 * figure's size on the corpus) writes it under a new name, so what each step sees is in its
 * declaration.
 */

/** One step over the products `P`: the names of what it reads and writes, and what it does. */
export interface Step<P> {
  name: string;
  reads: readonly (keyof P & string)[];
  writes: readonly (keyof P & string)[];
  run(input: never): unknown;
  /** Undoes what a finished step left running, when a later step fails. */
  dispose?(written: never): unknown;
}

/** `stepOf<P>()({ name, reads, writes, run })`: a step whose input and output are typed by what it declares. */
export function stepOf<P>() {
  return <R extends keyof P & string, W extends keyof P & string = never>(step: {
    name: string;
    reads: readonly R[];
    writes: readonly W[];
    run: (input: Readonly<Pick<P, R>>) => Pick<P, W> | Promise<Pick<P, W>>;
    dispose?: (written: Pick<P, W>) => unknown;
  }): Step<P> => step as unknown as Step<P>;
}

/** A graph that breaks one of the rules above. */
export class StepGraphError extends Error {}

/**
 * The steps in the order they run, after checking the graph; `given` are the products made
 * outside the steps. Throws StepGraphError naming what is wrong.
 */
export function orderSteps<P>(steps: readonly Step<P>[], given: readonly string[]): Step<P>[] {
  const writer = new Map<string, string>();
  for (const name of given) writer.set(name, "(given)");
  const names = new Set<string>();
  for (const step of steps) {
    if (names.has(step.name)) throw new StepGraphError(`two steps are named "${step.name}": name each step once`);
    names.add(step.name);
    for (const product of step.writes) {
      const other = writer.get(product);
      if (other !== undefined) throw new StepGraphError(`"${product}" is written by both "${other}" and "${step.name}": a product has one writer (write a changed one under a new name)`);
      writer.set(product, step.name);
    }
  }
  for (const step of steps) {
    for (const product of step.reads) {
      if (!writer.has(product)) throw new StepGraphError(`step "${step.name}" reads "${product}", which no step writes and the build is not given`);
    }
  }
  // Kahn's order, taking the first declared step whose inputs are all made.
  const byName = new Map(steps.map((s) => [s.name, s]));
  const made = new Set(given);
  const ordered: Step<P>[] = [];
  const left = [...steps];
  while (left.length > 0) {
    const i = left.findIndex((s) => s.reads.every((r) => made.has(r)));
    if (i < 0) {
      const cycle = findCycle(left, writer, byName);
      throw new StepGraphError(`the steps depend on each other in a cycle: ${cycle.join(" → ")}`);
    }
    const [next] = left.splice(i, 1) as [Step<P>];
    for (const w of next.writes) made.add(w);
    ordered.push(next);
  }
  return ordered;
}

/** One cycle among steps none of which can run, as step names (the first repeated at the end). */
function findCycle<P>(left: readonly Step<P>[], writer: Map<string, string>, byName: Map<string, Step<P>>): string[] {
  const waiting = new Set(left.map((s) => s.name));
  const path: string[] = [];
  let current = left[0]!.name;
  while (!path.includes(current)) {
    path.push(current);
    const step = byName.get(current)!;
    const blocker = step.reads.map((r) => writer.get(r)!).find((w) => waiting.has(w));
    if (blocker === undefined) break;
    current = blocker;
  }
  return [...path.slice(path.indexOf(current)), current];
}

export interface RunOptions {
  /** Called as each step starts, with its place (from 1), the number of steps and its name. */
  started?: (index: number, count: number, name: string) => void;
}

/**
 * Runs the steps over the given products and returns the products named in `results`. Each step
 * gets only what it declared it reads and must return exactly what it declared it writes.
 */
export async function runSteps<P, K extends keyof P & string>(steps: readonly Step<P>[], given: Partial<P>, results: readonly K[], options: RunOptions = {}): Promise<Pick<P, K>> {
  const ordered = orderSteps(steps, Object.keys(given));
  const products = new Map<string, unknown>(Object.entries(given));
  // Where each product is read last: after that step it is let go (unless the caller wants it),
  // so what a build holds at any moment is what its remaining steps still read.
  const lastRead = new Map<string, number>();
  ordered.forEach((step, i) => step.reads.forEach((name) => lastRead.set(name, i)));
  const wanted = new Set<string>(results);
  const finished: { step: Step<P>; written: Record<string, unknown> }[] = [];
  try {
    for (const [i, step] of ordered.entries()) {
      options.started?.(i + 1, ordered.length, step.name);
      const input: Record<string, unknown> = {};
      for (const name of step.reads) input[name] = products.get(name);
      const written = ((await (step.run as (input: unknown) => unknown)(Object.freeze(input))) ?? {}) as Record<string, unknown>;
      const declared = new Set<string>(step.writes);
      for (const name of Object.keys(written)) if (!declared.has(name)) throw new StepGraphError(`step "${step.name}" returned "${name}", which it does not declare it writes`);
      for (const name of step.writes) {
        if (!(name in written)) throw new StepGraphError(`step "${step.name}" declares it writes "${name}" but returned none`);
        products.set(name, written[name]);
      }
      if (step.dispose) finished.push({ step, written });
      for (const name of step.reads) if (lastRead.get(name) === i && !wanted.has(name)) products.delete(name);
      // A step whose products have all been read for the last time has been taken over by their readers.
      for (let k = finished.length - 1; k >= 0; k--) if (!finished[k]!.step.writes.some((name) => products.has(name))) finished.splice(k, 1);
    }
  } catch (error) {
    for (const { step, written } of finished.reverse()) {
      try {
        await (step.dispose as ((written: unknown) => unknown) | undefined)?.(written);
      } catch {
        // the build's own error is the one to report
      }
    }
    throw error;
  }
  const out: Record<string, unknown> = {};
  for (const name of results) {
    if (!products.has(name)) throw new StepGraphError(`the steps made no "${name}"`);
    out[name] = products.get(name);
  }
  return out as Pick<P, K>;
}
