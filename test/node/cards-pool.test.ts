/**
 * The threads that make the cards (src/cards/pool.ts): a card that cannot be made fails
 * with a message naming the article, the pool is closed after a build, also after a failed
 * one, and cards come out the same whether one thread or several make them.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("starts no thread until a card is asked for", async () => {
    const before = ports();
    const pool = openCardPool({ threads: 2, cacheDir: undefined });
    expect(ports()).toBe(before);
    await pool.render("a", "og", text);
    expect(ports()).toBe(before + 1);
    await pool.close();
    expect(ports()).toBe(before);
  });

  it("makes a card asked first before those waiting", async () => {
    const pool = openCardPool({ threads: 1, cacheDir: undefined });
    try {
      const done: string[] = [];
      const ask = (name: string, first = false) => pool.render(name, "og", { ...text, title: name }, { first }).then(() => void done.push(name));
      await Promise.all([ask("one"), ask("two"), ask("three"), ask("urgent", true)]);
      // "one" went to the thread at once; "urgent" came after it and before those still waiting.
      expect(done).toEqual(["one", "urgent", "two", "three"]);
    } finally {
      await pool.close();
    }
  });

  it("holds a card in the card cache's file when there is a cache, and reads it when wanted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-held-"));
    const pool = openCardPool({ threads: 1, cacheDir: dir });
    try {
      const held = await pool.renderHeld("a", "cover", text);
      const [file] = readdirSync(dir);
      expect(sha256(held.read())).toBe(sha256(coverPng(text)));
      writeFileSync(join(dir, file!), "cut short");
      expect(() => held.read()).toThrow(/has 9 bytes, the card thread wrote \d+: build again/);
      // Without a cache, the bytes themselves.
      const bare = openCardPool({ threads: 1, cacheDir: undefined });
      expect(sha256((await bare.renderHeld("a", "cover", text)).read())).toBe(sha256(coverPng(text)));
      await bare.close();
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
