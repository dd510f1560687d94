/**
 * A small content folder with fixed dates for the EPUB tests, written to a temporary folder
 * and loaded the way the build loads content. Its output is snapshotted, so it lives here
 * rather than in test/fixtures (which other tests may change).
 *   node test/node/epub-corpus.ts   prints the sha256 of each article's files (used by the
 *                                   time-zone test, which runs it under another TZ)
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { loadCorpus } from "../../src/build/content-files.ts";
import { makeArticleFiles } from "../../src/build/article-files.ts";
import type { Corpus } from "../../src/model/document.ts";

const site = `title: Folio Test
description: A site for the EPUB tests.
url: https://folio.test
language: en
publisher:
  name: Folio Test Press
  url: https://folio.test
rights: The article text belongs to its publisher. The notes are Folio Test Press's.
`;

const article = `---
title: "Lamps & Ledgers: The Harbour's 'Quiet' Year"
dek: "A made-up report, for tests, on a harbour that kept its lamps lit."
language: en
source:
  publisher: The Test Gazette
  url: https://example.org/gazette/lamps?issue=3&page=2
  date: "2024-05"
author: Ada Fixture
published: "2026-01-02"
updated: "2026-01-03T04:05:06Z"
tags: [harbours, test]
---

The harbour's lamps stayed lit all year, says the *Gazette*, after the council's vote.

## The ledger

The ledger lists every lamp by number, from [the council's page](https://example.org/council).

> We kept them lit.

- the old lamps were repaired;
- a **cooperative** pays for the power.

The night market, *sūq al-layl*, opened on the quay.
`;

const annotations = `- id: council-vote
  kind: context
  anchor:
    exact: "after the council's vote"
  body: |
    The vote took place in March, in this made-up story.

    A second paragraph, to test notes of more than one.
  sources:
    - title: "Fixture minutes & votes"
      url: https://example.org/minutes?a=1&b=2
    - title: "Fixture archive"
      url: https://example.org/archive

- id: cooperative
  kind: term
  anchor:
    exact: "cooperative"
  body: |
    A group of residents who share the cost.
  original:
    lang: zh
    text: "合作社"
  sources:
    - title: "Fixture glossary"
      url: https://example.org/glossary

- id: night-market
  kind: translation
  anchor:
    exact: "sūq al-layl"
  body: |
    Arabic for "night market".
  original:
    lang: ar
    text: "سوق الليل"
  sources:
    - title: "Fixture glossary: night market"
      url: https://example.org/glossary#night-market
`;

/** A second article with no author, no notes, and a date known only to the year. */
const bare = `---
title: "A Bare Article"
dek: "No author, no notes."
language: fr
source:
  publisher: Le Test
  url: https://example.org/le-test
  date: "2019"
published: "2025-12-31"
updated: "2025-12-31"
---

Un seul paragraphe.
`;

export const slugs = { full: "harbour-lamps", bare: "bare-article" } as const;

/** Writes the content folder, loads it, and removes it. */
export function testCorpus(): Corpus {
  const dir = mkdtempSync(join(tmpdir(), "folio-epub-"));
  try {
    writeFileSync(join(dir, "site.yaml"), site);
    mkdirSync(join(dir, "articles", slugs.full), { recursive: true });
    writeFileSync(join(dir, "articles", slugs.full, "article.md"), article);
    writeFileSync(join(dir, "articles", slugs.full, "annotations.yaml"), annotations);
    mkdirSync(join(dir, "articles", slugs.bare), { recursive: true });
    writeFileSync(join(dir, "articles", slugs.bare, "article.md"), bare);
    return loadCorpus({ contentDir: dir, root: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text files of a built EPUB, by path. */
export async function readBook(data: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) if (!name.endsWith(".png")) out.set(name, await entry.async("string"));
  return out;
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

if (import.meta.main) {
  const files = await makeArticleFiles(testCorpus(), () => {});
  const hashes = Object.fromEntries([...files].map(([path, f]) => [path, sha256(f.data)]));
  process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(2026, 0, 3).getTimezoneOffset(), hashes }));
}
