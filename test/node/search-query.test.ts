/**
 * Search over a hand-made corpus: queries parsed safely, ranking by field, prefix and fuzzy
 * matching, AND then OR, paging, and a battery of hostile queries that must never throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "../../src/search/index-build.ts";
import { maxQueryLength, maxQueryTerms, maxSearchPage, parsePage, parseQuery, search } from "../../src/search/query.ts";
import { bestPostings, eachPosting, encodePostings, scorePostings, topPostings } from "../../src/search/postings.ts";
import { lineOf, openSearchIndex, parseBucket, parseManifest, parseRow, type SearchIndex } from "../../src/search/store.ts";
import { article, memoryFiles } from "./search-articles.ts";

const articles = [
  article("harbour-title", { title: "The harbour reopens", dek: "Boats return.", published: "2026-03-01T00:00:00.000Z", paragraphs: ["The quay was quiet for a year."] }),
  article("harbour-body", { title: "A council meeting", dek: "Minutes of the evening.", published: "2026-02-01T00:00:00.000Z", paragraphs: ["Someone mentioned the harbour once, near the end of a long evening."] }),
  article("harbour-note", { title: "Budget lines", dek: "Figures.", published: "2026-01-15T00:00:00.000Z", paragraphs: ["Spending rose."], notes: ["The harbour fund is counted separately."] }),
  article("tagged", { title: "Rail news", dek: "Trains.", tags: ["Harbour"], published: "2026-01-10T00:00:00.000Z", paragraphs: ["Trains ran late."] }),
  article("krakow", { title: "Letters from Kraków", dek: "A city in winter.", published: "2026-01-05T00:00:00.000Z", paragraphs: ["Snow on the Rynek; the government building closed early."] }),
  article("hebrew", { title: "שלום עולם", dek: "Greetings in Hebrew.", language: "he", published: "2026-01-04T00:00:00.000Z", paragraphs: ["The words שלום עולם open the letter."] }),
  article("annotations", { title: "On annotation", dek: "Notes about notes.", published: "2026-01-03T00:00:00.000Z", paragraphs: ["Annotations explain a text without changing it."] }),
];

const built = buildSearchIndex(articles);
const index: SearchIndex = openSearchIndex(built.manifest, memoryFiles(built));
const slugs = async (q: string, page = 1, size?: number) => (await search(index, parseQuery(q), page, size)).hits.map((h) => h.slug);
const marks = (m: { text: string; marks: { start: number; end: number }[] }) => m.marks.map((r) => m.text.slice(r.start, r.end));

describe("parseQuery", () => {
  it("is empty for anything that is not a string, and for blank strings", () => {
    for (const raw of [undefined, null, 42, {}, [], "", "   ", "\u0000\u0001\t\n"]) expect(parseQuery(raw)).toEqual({ text: "", terms: [], phrases: [] });
  });

  it("takes the first of a repeated parameter", () => {
    expect(parseQuery(["harbour", "quay"]).text).toBe("harbour");
  });

  it("drops control and bidi-override characters, collapses whitespace, keeps the words", () => {
    expect(parseQuery("  harbour\u0000\tquay\u202E\u2066x\u2069  ")).toEqual({ text: "harbour quay x", terms: ["harbour", "quay", "x"], phrases: [] });
  });

  it("folds words as the index does: case and Latin diacritics", () => {
    expect(parseQuery("KRAKÓW Ｆｕｌｌ").terms).toEqual(["krakow", "full"]);
  });

  it("cuts a long query to the bound, in code points, without splitting a surrogate pair", () => {
    const q = parseQuery("🦊".repeat(maxQueryLength + 50));
    expect(Array.from(q.text)).toHaveLength(maxQueryLength);
    expect(q.text).toBe("🦊".repeat(maxQueryLength));
  });

  it("keeps at most the bounded number of distinct words", () => {
    const q = parseQuery(Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ") + " word0 word1");
    expect(q.terms).toHaveLength(maxQueryTerms);
    expect(q.terms[0]).toBe("word0");
  });

  it("treats HTML and regular-expression characters as separators, never as syntax", () => {
    expect(parseQuery(`<b>harbour</b> .* (a|b)+ [^x] \\d{3} $1`).terms).toEqual(["b", "harbour", "a", "x", "d", "3", "1"]);
  });
});

describe("parsePage", () => {
  it("accepts plain positive integers and caps them; anything else is page 1", () => {
    expect(parsePage("3")).toBe(3);
    expect(parsePage(["2", "5"])).toBe(2);
    expect(parsePage(String(maxSearchPage + 5))).toBe(maxSearchPage);
    for (const raw of [undefined, "", "0", "-1", "01", "1.5", "1e3", "abc", " 2", "99999999999"]) expect(parsePage(raw)).toBe(1);
  });
});

describe("search", () => {
  it("ranks a title match above a tag match above a body or note match", async () => {
    const order = await slugs("harbour");
    expect(order[0]).toBe("harbour-title");
    expect(order[1]).toBe("tagged");
    expect(order.slice(2).sort()).toEqual(["harbour-body", "harbour-note"]);
  });

  it("finds words in the dek, the body and the notes", async () => {
    expect(await slugs("minutes")).toEqual(["harbour-body"]);
    expect(await slugs("quay")).toEqual(["harbour-title"]);
    expect(await slugs("separately")).toEqual(["harbour-note"]);
  });

  it("matches prefixes from three letters, and one typo in a word of five or more", async () => {
    expect(await slugs("annot")).toEqual(["annotations"]);
    expect(await slugs("goverment")).toEqual(["krakow"]);
    expect(await slugs("ha")).toEqual([]);
  });

  it("matches folded words: case and diacritics do not matter", async () => {
    expect(await slugs("krakow")).toEqual(["krakow"]);
    expect(await slugs("KRAKÓW")).toEqual(["krakow"]);
  });

  it("finds right-to-left words", async () => {
    expect(await slugs("שלום")).toEqual(["hebrew"]);
  });

  it("needs every word when some article has them all, and falls back to any word otherwise", async () => {
    expect(await slugs("harbour quay")).toEqual(["harbour-title"]);
    expect((await slugs("quay snow")).sort()).toEqual(["harbour-title", "krakow"]);
  });

  it("pages the results, with prev and next, and an empty page past the end", async () => {
    const all = await slugs("harbour");
    expect(all).toHaveLength(4);
    const p1 = await search(index, parseQuery("harbour"), 1, 3);
    expect(p1).toMatchObject({ total: 4, pages: 2, page: 1, next: 2 });
    expect(p1.prev).toBeUndefined();
    const p2 = await search(index, parseQuery("harbour"), 2, 3);
    expect(p2).toMatchObject({ page: 2, prev: 1 });
    expect(p2.next).toBeUndefined();
    expect([...p1.hits, ...p2.hits].map((h) => h.slug)).toEqual(all);
    const p9 = await search(index, parseQuery("harbour"), 9, 3);
    expect(p9.hits).toEqual([]);
    expect(p9.prev).toBe(2);
  });

  it("gives each result its title, dek, date and language", async () => {
    const [hit] = (await search(index, parseQuery("quay"), 1)).hits;
    expect(hit).toMatchObject({ slug: "harbour-title", date: "2026-03-01T00:00:00.000Z", language: "en" });
    expect(hit!.title.text).toBe("The harbour reopens");
    expect(hit!.dek.text).toBe("Boats return.");
  });

  it("ranks equal scores newest first, then in corpus order, the same on every run", async () => {
    const twins = [
      article("c-twin", { title: "Twin", published: "2026-02-01T00:00:00.000Z" }),
      article("a-twin", { title: "Twin", published: "2026-01-01T00:00:00.000Z" }),
      article("b-twin", { title: "Twin", published: "2026-01-01T00:00:00.000Z" }),
    ];
    const t = buildSearchIndex(twins);
    const idx = openSearchIndex(t.manifest, memoryFiles(t));
    expect((await search(idx, parseQuery("twin"))).hits.map((h) => h.slug)).toEqual(["c-twin", "a-twin", "b-twin"]);
  });

  it("builds the same files from the same articles", () => {
    expect(buildSearchIndex(articles)).toEqual(built);
  });
});

describe("results", () => {
  it("marks the matched words in the title, the dek and a snippet of the text", async () => {
    const [first] = (await search(index, parseQuery("harbour"), 1)).hits;
    expect(first!.title.text).toBe("The harbour reopens");
    expect(first!.title.marks).toEqual([{ start: 4, end: 11 }]);
    const body = (await search(index, parseQuery("mentioned harbour"), 1)).hits[0]!;
    expect(marks(body.snippet)).toEqual(["mentioned", "harbour"]);
  });

  it("marks the whole word a prefix or a typo matched", async () => {
    const hit = (await search(index, parseQuery("annot"), 1)).hits[0]!;
    expect(marks(hit.title)).toEqual(["annotation"]);
    expect(marks(hit.snippet)).toEqual(["Annotations"]);
    const typo = (await search(index, parseQuery("goverment"), 1)).hits[0]!;
    expect(marks(typo.snippet)).toEqual(["government"]);
  });

  it("marks words written with diacritics that the query wrote without", async () => {
    const hit = (await search(index, parseQuery("krakow"), 1)).hits[0]!;
    expect(marks(hit.title)).toEqual(["Kraków"]);
  });

  it("cuts snippets from the notes too", async () => {
    const hit = (await search(index, parseQuery("separately"), 1)).hits[0]!;
    expect(hit.snippet.text).toContain("counted separately");
  });

  it("reads one bucket per query word and only the shards of the results shown", async () => {
    const small = buildSearchIndex(articles, { shardBytes: 120, bucketBytes: 50 });
    expect(small.shards.length).toBeGreaterThan(3);
    expect(small.buckets.length).toBeGreaterThan(3);
    // Each shard stays within the bound unless it holds one row bigger than the bound.
    for (const s of small.shards) if (s.includes("\n")) expect(new TextEncoder().encode(s).length).toBeLessThanOrEqual(120);
    // One JSON row per line.
    for (const s of small.shards) for (const line of s.split("\n")) expect(JSON.parse(line)).toHaveLength(6);
    const files = memoryFiles(small);
    const idx = openSearchIndex(small.manifest, files);
    const found = await search(idx, parseQuery("harbour"), 1, 2);
    expect(found.hits).toHaveLength(2);
    expect(files.reads.filter((r) => r.startsWith("b"))).toHaveLength(1);
    expect(files.reads.filter((r) => r.startsWith("s")).length).toBeLessThanOrEqual(2);
    // Read once per isolate: the same search again reads nothing.
    const before = files.reads.length;
    await search(idx, parseQuery("harbour"), 1, 2);
    expect(files.reads.length).toBe(before);
  });
});

describe("shards as the worker reads them", () => {
  it("finds a row by counting newlines in the bytes, and decodes only that row", () => {
    const rows = [["a", "Kraków ☕", "", "2026-01-01T00:00:00Z", "pl", "line\nbreak \u2028 and 🦊"], ["b", "B", "d", "2026-01-02T00:00:00Z", "en", "t"]];
    const text = rows.map((r) => JSON.stringify(r)).join("\n");
    const bytes = new TextEncoder().encode(text);
    for (const data of [text, bytes]) {
      expect(parseRow(data, 0)).toEqual({ slug: "a", title: "Kraków ☕", dek: "", published: "2026-01-01T00:00:00Z", language: "pl", text: "line\nbreak \u2028 and 🦊" });
      expect(parseRow(data, 1)?.slug).toBe("b");
      expect(parseRow(data, 2)).toBeUndefined();
      expect(lineOf(data, 1)).toBe(JSON.stringify(rows[1]));
    }
    expect(parseRow(new TextEncoder().encode('["a"]\n{'), 0)).toBeUndefined();
    expect(parseRow(new TextEncoder().encode('["a"]\n{'), 1)).toBeUndefined();
  });

  it("searches the same over bytes as over text", async () => {
    const enc = new TextEncoder();
    const small = buildSearchIndex(articles, { shardBytes: 120, bucketBytes: 50 });
    const asBytes = openSearchIndex(enc.encode(small.manifest), { bucket: async (n) => enc.encode(small.buckets[n]!), shard: async (n) => enc.encode(small.shards[n]!) });
    const asText = openSearchIndex(small.manifest, memoryFiles(small));
    for (const q of ["harbour", "krakow", "separately", "annot"]) expect(await search(asBytes, parseQuery(q))).toEqual(await search(asText, parseQuery(q)));
  });
});

describe("missing or broken files", () => {
  it("an unreadable manifest is an empty index", async () => {
    for (const raw of ["", "{", "[]", "null", '{"version":2}', '{"version":1,"documents":-1,"buckets":1,"shardStarts":[]}']) {
      expect(parseManifest(raw).documents).toBe(0);
      const idx = openSearchIndex(raw, memoryFiles(built));
      expect((await search(idx, parseQuery("harbour"))).hits).toEqual([]);
    }
  });

  it("a missing bucket finds nothing; a missing shard leaves its results out", async () => {
    const noBuckets = openSearchIndex(built.manifest, { bucket: async () => undefined, shard: async (n) => built.shards[n] });
    expect((await search(noBuckets, parseQuery("harbour"))).total).toBe(0);
    const failing = openSearchIndex(built.manifest, { bucket: async (n) => built.buckets[n], shard: () => Promise.reject(new Error("asset fetch failed")) });
    const page = await search(failing, parseQuery("harbour"));
    expect(page.total).toBe(4);
    expect(page.hits).toEqual([]);
  });

  it("a malformed bucket is read as far as it makes sense", () => {
    for (const raw of ["", "{", "{}", "[1,2]", '[["a",[1]]]', '[[1,"05"]]', '[["a","05"]]', '[["a",-1,"51"]]', '[["a",1,5]]']) expect(parseBucket(raw).terms).toEqual([]);
    expect(parseBucket('[["a",1,"510"],"junk",["b","1","510"]]')).toEqual({ terms: ["a"], counts: [1], postings: ["510"], merged: [undefined] });
    // The results made in advance are optional, and dropped when malformed.
    expect(parseBucket('[["a",1,"510",2,"512"],["b",1,"510",-1,"512"],["c",1,"510",2]]').merged).toEqual([{ count: 2, postings: "512" }, undefined, undefined]);
  });

  it("damaged postings end the list instead of throwing", () => {
    const seen: number[] = [];
    eachPosting(`${encodePostings([0, 5, 3, 9])}"\\${encodePostings([1, 1])}`, (doc, score) => seen.push(doc, score));
    expect(seen).toEqual([3, 9, 0, 5]);
    // An empty group, a step to a score below 0, a step of 0 between documents: the list ends there.
    for (const bad of ["50", "519", "5112", "51230"]) {
      const got: number[] = [];
      eachPosting(bad, (doc, score) => got.push(doc, score));
      const [counts, bestCounts] = [new Uint8Array(10), new Uint8Array(10)];
      scorePostings(bad, 1, new Float64Array(10), counts);
      bestPostings(bad, 1, new Float64Array(10), bestCounts, new Float64Array(10));
      expect(got.length / 2, bad).toBe(counts.filter((x) => x > 0).length);
      expect(bestCounts, bad).toEqual(counts);
      expect(got.length, bad).toBeLessThanOrEqual(4);
    }
  });
});

describe("postings", () => {
  const impactOrder = (pairs: number[]) => {
    const order = Array.from({ length: pairs.length / 2 }, (_, i) => [pairs[2 * i]!, pairs[2 * i + 1]!] as const);
    return order.sort(([d1, s1], [d2, s2]) => s2 - s1 || d1 - d2).flat();
  };

  it("round-trip any (document, score) pairs in impact order, in JSON-safe characters", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(1_000_000)), fc.array(fc.nat(10_000_000)), (docs, scores) => {
        const pairs = docs.flatMap((d, i) => [d, scores[i] ?? 1]);
        const encoded = encodePostings(pairs);
        expect(JSON.stringify(encoded)).toBe(`"${encoded}"`);
        const back: number[] = [];
        eachPosting(encoded, (d, s) => back.push(d, s));
        expect(back).toEqual(impactOrder(pairs));
      }),
    );
  });

  it("give the head of the list without decoding the rest, and the best score per document", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(300)), fc.array(fc.integer({ min: 1, max: 5000 })), fc.nat(40), (docs, scores, k) => {
        const pairs = docs.flatMap((d, i) => [d, scores[i] ?? 1]);
        const encoded = encodePostings(pairs);
        const all = impactOrder(pairs);
        const top = topPostings(encoded, k);
        expect(top.docs).toEqual(all.filter((_, i) => i % 2 === 0).slice(0, k));
        expect(top.scores).toEqual(all.filter((_, i) => i % 2 === 1).slice(0, k));
        let calls = 0;
        eachPosting(encoded, () => ++calls < 3);
        expect(calls).toBe(Math.min(3, docs.length));
        // scorePostings adds weight × score for documents below the bound, and counts them;
        // bestPostings, over several lists, once per document, with its best.
        const [total, counts] = [new Float64Array(200), new Uint8Array(200)];
        scorePostings(encoded, 3, total, counts);
        const [bestTotal, bestCounts, best] = [new Float64Array(200), new Uint8Array(200), new Float64Array(200)];
        bestPostings(encoded, 3, bestTotal, bestCounts, best);
        bestPostings(encoded, 5, bestTotal, bestCounts, best);
        bestPostings(encoded, 1, bestTotal, bestCounts, best);
        for (let d = 0; d < 200; d++) {
          const i = docs.indexOf(d);
          const score = scores[i] ?? 1;
          expect([total[d], counts[d]]).toEqual(i === -1 ? [0, 0] : [3 * score, 1]);
          expect([bestTotal[d], bestCounts[d], best[d]]).toEqual(i === -1 ? [0, 0, 0] : [5 * score, 1, 5 * score]);
        }
      }),
    );
  });

  it("take about one character per posting of a common word", () => {
    // 1000 (= 31·32 + 8), one article (1), article 40 (= 1·32 + 8); 969 lower (= 30·32 + 9), one, 5; 30 lower, one, 0.
    expect(encodePostings([0, 1, 5, 31, 40, 1000])).toBe("|81^8{915N10");
    const common = Array.from({ length: 1000 }, (_, d) => [d, 7 + (d % 3)]).flat();
    expect(encodePostings(common).length).toBeLessThanOrEqual(1000 + 10);
  });

  it("refuse what they cannot hold", () => {
    expect(() => encodePostings([1, 5, 1, 6])).toThrow(RangeError);
    expect(() => encodePostings([1, -1])).toThrow(RangeError);
    expect(() => encodePostings([1.5, 1])).toThrow(RangeError);
  });
});

describe("hostile queries", () => {
  const hostile = [
    "",
    " ",
    "a".repeat(100_000),
    "harbour ".repeat(5_000),
    "\u0000\u0001\u0002\u001F\u007F\u0085",
    "<script>alert(1)</script>",
    `"><img src=x onerror=alert(1)>`,
    ".*+?^${}()|[]\\/",
    "(((((((((((a)))))))))))*",
    "\uD800 lone \uDFFF surrogates",
    "\u202Eharbour\u202C \u2067שלום\u2069",
    "مرحبا بالعالم",
    "🦊🦊🦊 👩‍👩‍👧",
    "%00%3Cscript%3E",
    "constructor __proto__ prototype toString hasOwnProperty",
    "AND OR NOT * ~ ^2",
    "ǅ ﬁ ß İ ς",
  ];

  it.each(hostile.map((q) => [JSON.stringify(q).slice(0, 40), q]))("%s gives a page, never an exception", async (_label, q) => {
    const query = parseQuery(q);
    expect(Array.from(query.text).length).toBeLessThanOrEqual(maxQueryLength);
    expect(query.text).not.toMatch(/[\u0000-\u001F\u202A-\u202E\u2066-\u2069]/);
    const page = await search(index, query, 1);
    expect(page.query).toBe(query.text);
    for (const h of page.hits) for (const m of [...h.title.marks, ...h.snippet.marks]) expect(m.end).toBeGreaterThan(m.start);
  });

  it("never throws on any string, and marks only inside the text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), fc.integer({ min: -5, max: 5 }), async (raw, page) => {
        const query = parseQuery(raw);
        const result = await search(index, query, parsePage(String(page)));
        for (const h of result.hits)
          for (const part of [h.title, h.dek, h.snippet]) for (const m of part.marks) expect(m.start >= 0 && m.end <= part.text.length && m.start < m.end).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
