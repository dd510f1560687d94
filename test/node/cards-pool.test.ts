/**
 * The threads that make the cards (src/cards/pool.ts): a card that cannot be made fails
 * with a message naming the article, the pool is closed after a build, also after a failed
 * one, and cards come out the same whether one thread or several make them.
 */
import { describe, expect, it, vi } from "vitest";
import { makeArticleFiles } from "../../src/build/article-files.ts";
import { openCardPool } from "../../src/cards/pool.ts";
import { coverPng } from "../../src/cards/draw.ts";
import type { LayoutName } from "../../src/cards/draw.ts";
import { sha256, slugs, testCorpus } from "./epub-corpus.ts";

const failing = vi.hoisted(() => ({ slug: "" }));
vi.mock("../../src/epub/book.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/epub/book.ts")>();
  return {
    ...original,
    makeEpub: (...args: Parameters<typeof original.makeEpub>) =>
      args[1].slug === failing.slug ? Promise.reject(new Error(`EPUB of article "${failing.slug}": made to fail`)) : original.makeEpub(...args),
  };
});

/** Threads alive in this process: each holds a MessagePort. */
const ports = () => process.getActiveResourcesInfo().filter((r) => r === "MessagePort").length;
const text = { title: "A Title", source: "A Source", site: "Folio" };

describe("the card pool", () => {
  it("makes the same card as the main thread", async () => {
    const pool = openCardPool({ threads: 1, cacheDir: undefined });
    try {
      expect(sha256(await pool.render("a", "cover", text))).toBe(sha256(coverPng(text)));
    } finally {
      await pool.close();
    }
  });

  it("fails a card it cannot make with a message naming the article, and goes on", async () => {
    const pool = openCardPool({ threads: 1, cacheDir: undefined });
    try {
      await expect(pool.render(slugs.full, "poster" as LayoutName, text)).rejects.toThrow(`Could not make the poster of article "${slugs.full}": there is no card layout "poster"`);
      expect((await pool.render(slugs.bare, "og", text)).byteLength).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
    await expect(pool.render(slugs.bare, "og", text)).rejects.toThrow(`The card pool is closed: the Open Graph image of article "${slugs.bare}" was not made`);
  });

  it("is closed when the build fails, with the error naming the article", async () => {
    const before = ports();
    failing.slug = slugs.bare;
    try {
      await expect(makeArticleFiles(testCorpus(), () => {}, { cacheDir: false, threads: 2 })).rejects.toThrow(`EPUB of article "${slugs.bare}": made to fail`);
    } finally {
      failing.slug = "";
    }
    expect(ports()).toBe(before);
  });

  it("gives the same files with one thread as with four, and is closed after", async () => {
    const before = ports();
    const one = await makeArticleFiles(testCorpus(), () => {}, { cacheDir: false, threads: 1 });
    const four = await makeArticleFiles(testCorpus(), () => {}, { cacheDir: false, threads: 4 });
    expect(ports()).toBe(before);
    expect([...four.keys()]).toEqual([...one.keys()]);
    for (const [path, file] of one) expect(sha256(four.get(path)!.data), path).toBe(sha256(file.data));
  });
});
