/** Hand-made articles for the search tests: fixed dates, a few words each, notes with text. */
import type { Annotation, Article, Site, TextRun } from "../../src/model/document.ts";
import type { SearchBuild } from "../../src/search/index-build.ts";
import type { SearchFiles } from "../../src/search/store.ts";

export const site: Site = {
  title: "Folio Test Site",
  description: "Annotated articles for the search tests.",
  url: "https://folio.test",
  language: "en",
  publisher: { name: "Folio" },
  feedItems: 2,
  rights: "Test text.",
};

const run = (text: string, offset = 0): TextRun => ({ text, offset, marks: [], notes: [] });

export function article(slug: string, over: { title?: string; dek?: string; tags?: string[]; paragraphs?: string[]; notes?: string[]; published?: string; language?: string } = {}): Article {
  const paragraphs = over.paragraphs ?? ["Nothing much happens here."];
  let offset = 0;
  const blocks = paragraphs.map((p) => {
    const block = { type: "paragraph" as const, content: run(p, offset) };
    offset += p.length + 2;
    return block;
  });
  const annotations: Annotation[] = (over.notes ?? []).map((text, i) => ({
    id: `n${i + 1}`,
    number: i + 1,
    kind: "context",
    anchor: { exact: "x" },
    position: { start: 0, end: 1 },
    markdown: text,
    body: [run(text)],
    sources: [{ title: "A source", url: "https://example.org/source" }],
  }));
  const published = over.published ?? "2026-01-01T00:00:00.000Z";
  return {
    slug,
    title: over.title ?? `Article ${slug}`,
    dek: over.dek ?? "A short summary.",
    language: over.language ?? "en",
    source: { publisher: "Test Press", url: "https://example.org/a", date: "2026" },
    published,
    updated: published,
    tags: over.tags ?? [],
    wordCount: 10,
    noteCount: annotations.length,
    blocks,
    annotations,
  };
}

/** The build's files served from memory, counting what is read (as the worker would from assets). */
export function memoryFiles(built: SearchBuild): SearchFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    bucket: async (n) => (reads.push(`b${n}`), built.buckets[n]),
    shard: async (n) => (reads.push(`s${n}`), built.shards[n]),
  };
}
