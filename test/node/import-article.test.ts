/**
 * npm run new -- <URL>: test pages in different publishers' layouts served from 127.0.0.1, the
 * exact draft each makes, that the real loader (src/build/content-files.ts over src/content/load.ts) accepts it apart from the fields the page does
 * not give, and every failure's exact message with nothing written.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../../src/content/errors.ts";
import { loadContent } from "../../src/build/content-files.ts";
import { importArticle, type ImportInput } from "../../src/dev/import-article.ts";
import { annotationsYaml } from "../../src/dev/new-article.ts";
import { ImportError } from "../../src/import/errors.ts";
import { userAgent } from "../../src/import/fetch-page.ts";

const temp = mkdtempSync(join(tmpdir(), "folio-import-"));
const pages = "test/fixtures/import";
const png = readFileSync("test/fixtures/articles/fixture-figure-and-table/harbour-wall.png");
let jpg: Buffer;
let base: string;
const agents: (string | undefined)[] = [];
const hanging = new Set<ServerResponse>();

function route(req: IncomingMessage, res: ServerResponse): void {
  agents.push(req.headers["user-agent"]);
  const path = req.url ?? "/";
  const html = (file: string) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(readFileSync(join(pages, file)));
  };
  if (path === "/images/ferry.jpg") return void res.setHeader("content-type", "image/jpeg").end(jpg);
  if (path === "/images/gauge.png" || path === "/images/dry-ditch.png" || path === "/picture") return void res.setHeader("content-type", "image/png").end(png);
  if (path === "/missing") return void res.writeHead(404).end("not here");
  if (path === "/broken") return void res.writeHead(500).end("oops");
  if (path === "/hang") return void hanging.add(res); // never answers
  if (path === "/loop-a") return void res.writeHead(302, { location: "/loop-b" }).end();
  if (path === "/loop-b") return void res.writeHead(302, { location: `${base}/loop-a` }).end();
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) return void res.writeHead(301, { location: `/chain/${Number(chain[1]) + 1}` }).end();
  if (path === "/moved") return void res.writeHead(301, { location: "/json-ld" }).end();
  if (path === "/to-ftp") return void res.writeHead(302, { location: "ftp://files.example/story" }).end();
  if (path === "/huge") {
    // No Content-Length: the limit is counted as the bytes arrive.
    res.setHeader("content-type", "text/html");
    for (let i = 0; i < 20; i++) res.write(`<p>${"word ".repeat(20)}</p>\n`);
    return void res.end();
  }
  if (path === "/json-ld-corrected") {
    const page = readFileSync(join(pages, "json-ld.html"), "utf8").replace("<em>one very patient dog</em>", "<em>two very patient dogs</em>").replace("<p>The fares agreed at the meeting:</p>", "<p>The fares agreed at the meeting, and confirmed on Friday:</p>");
    return void res.setHeader("content-type", "text/html").end(page);
  }
  const page = /^\/([a-z-]+)$/.exec(path)?.[1];
  if (page && existsSync(join(pages, `${page}.html`))) return html(`${page}.html`);
  res.writeHead(404).end();
}

const server = createServer(route);
beforeAll(async () => {
  jpg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#4080c0" } }).jpeg().toBuffer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(temp, { recursive: true, force: true });
});

let folders = 0;
/** A content folder with the real site.yaml and no articles. */
function contentFolder(): string {
  const dir = join(temp, `c${++folders}`);
  mkdirSync(join(dir, "articles"), { recursive: true });
  copyFileSync("content/site.yaml", join(dir, "site.yaml"));
  return dir;
}

const today = "2026-12-05";
async function importInto(content: string, source: string, more: Partial<ImportInput> = {}) {
  return importArticle(join(content, "articles"), { source, siteLanguage: "en", today, ...more });
}

/** What the real loader says about the content folder: each problem as the build prints it. */
function problems(content: string): string[] {
  try {
    loadContent({ contentDir: content, root: content });
    return [];
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map(formatProblem);
    throw error;
  }
}

const read = (content: string, slug: string, file: string) => readFileSync(join(content, "articles", slug, file), "utf8");
const files = (content: string, slug: string) => readdirSync(join(content, "articles", slug)).sort();

describe("importing a page", () => {
  it("with JSON-LD: the front matter from JSON-LD over Open Graph, the text without the page's furniture, the figure with its caption and credit", async () => {
    const content = contentFolder();
    const report = await importInto(content, `${base}/json-ld`);
    const slug = "ferry-returns-to-the-island";
    expect(report.slug).toBe(slug);
    expect(files(content, slug)).toEqual(["annotations.yaml", "article.md", "ferry.jpg"]);
    expect(read(content, slug, "article.md")).toBe(`---
title: "Ferry Returns to the Island After Ten Years"
dek: "The crossing that closed in 2015 reopens with a smaller boat and a timetable set by the islanders."
language: "en-GB"
source:
  publisher: "Harbour Gazette"
  url: "https://harbour-gazette.example/2025/03/04/ferry-returns-to-the-island/"
  date: "2025-03-04"
author: "Mara Lind, Tomas Berg"
published: "2026-12-05"   # this edition's dates
updated: "2026-12-05"
tags: []
---

The first ferry in ten years left the mainland quay at seven on Monday morning, carrying forty-two passengers, a van of post and *one very patient dog*.

The crossing closed in 2015 when the old boat failed its inspection. Islanders have since relied on a **private water taxi** that ran only in fair weather, and on the goodwill of the fishing fleet.

![A small white ferry leaving a stone quay under a grey sky](ferry.jpg "The Island Star leaves the mainland quay on its first crossing.")
Credit: Photo: Ada Quist / Harbour Gazette

## A timetable set by the islanders

The new service runs three times a day. Its timetable was chosen at a meeting in the island hall, where residents voted for an early boat for school and a late one for the pub quiz, according to the [council's minutes](https://island-council.example/minutes/2025-02).

> We asked for a boat that comes when we need it, not when the mainland remembers us.

The fares agreed at the meeting:

- adults pay four euros each way;
- children and bicycles travel free.

The council will review the service after the summer, when it will know whether three crossings a day are enough for the visitors who once filled the island's two guest houses.
`);
    expect(read(content, slug, "annotations.yaml")).toBe(annotationsYaml);
    expect(readFileSync(join(content, "articles", slug, "ferry.jpg")).equals(jpg)).toBe(true);
    expect(report.found).toEqual([
      "title from JSON-LD headline",
      "dek from JSON-LD description",
      "author from JSON-LD author",
      "source.publisher from JSON-LD publisher",
      "source.url from JSON-LD url",
      "source.date from JSON-LD datePublished",
      "language from <html lang>",
    ]);
    expect(report.todo).toEqual([
      "Left out an embedded frame (https://video.example/embed/ferry-launch): Folio does not carry it; describe it in the text or a note if the article needs it.",
      "Left out a script (https://widgets.example/poll.js): Folio does not carry it; describe it in the text or a note if the article needs it.",
    ]);
    expect(problems(content)).toEqual([]);
    expect(agents.every((a) => a === userAgent)).toBe(true);
    expect(userAgent).toMatch(/^Folio\//);
  });

  it("with only Open Graph: an article:author that is a URL is not a name; a table with its alignment; a figure without a caption; an image without alt text kept, and named by the build", async () => {
    const content = contentFolder();
    const report = await importInto(content, `${base}/open-graph`);
    const slug = "river-levels-fall";
    expect(files(content, slug)).toEqual(["annotations.yaml", "article.md", "dry-ditch.png", "gauge.png"]);
    expect(read(content, slug, "article.md")).toBe(`---
title: "River Levels Fall After a Dry February"
dek: "Gauges along the Vell show the lowest readings for the month since records began in 1961."
language: "en-US"
source:
  publisher: "The Valley Courier"
  url: "https://valley-courier.example/news/river-levels-fall"
  date: "2025-03-01"
author: "Jo Reyes"
published: "2026-12-05"   # this edition's dates
updated: "2026-12-05"
tags: []
---

Gauges along the Vell recorded their lowest February readings since records began in 1961, the river authority said on Saturday, after a month with barely a third of the usual rain.

![A river gauge post standing in shallow water beside a stone bridge](gauge.png)

At the bridge in Oldmere the river stood at 0.42 metres, against an average of 0.91 metres for the month. Farmers downstream have been asked to keep to the limits in their abstraction licences & to report any dry ditches.

Readings at the end of February

| Gauge | Level (m) | Change |
|:--|--:|:-:|
| Oldmere bridge | 0.42 | falling |
| Mill weir | 0.67 | steady \\| low |
| *Vell mouth* | 1.10 | falling |

![](dry-ditch.png)

The authority expects levels to recover if March brings its usual rain, but warns that a dry spring would leave the upper river below its summer flow by May.
`);
    expect(readFileSync(join(content, "articles", slug, "gauge.png")).equals(png)).toBe(true);
    expect(read(content, slug, "annotations.yaml")).toBe(annotationsYaml);
    expect(report.found).toContain("author from <meta name=\"author\">");
    expect(report.found).toContain("language from og:locale");
    expect(report.todo).toEqual(["Write the alt text of dry-ditch.png (the page gives none): the build names it until you do."]);
    expect(problems(content)).toEqual([`articles/${slug}/article.md:29 body: image "dry-ditch.png" has no alt text: describe what it shows between the brackets, as in ![Boats moored at the harbour wall](dry-ditch.png)`]);
  });

  it("with a byline in the text only: the author from it, taken out of the text; a video and a form left out and listed; the date as precise as the page gives; missing fields empty, listed, and named by the build", async () => {
    const content = contentFolder();
    const report = await importInto(content, `${base}/byline-in-text`);
    const slug = "le-marche-couvert-rouvre";
    expect(files(content, slug)).toEqual(["annotations.yaml", "article.md"]);
    expect(read(content, slug, "article.md")).toBe(`---
title: "Le marché couvert rouvre ses portes"
dek: ""   # to fill in: the standfirst under the headline
language: "fr"
source:
  publisher: ""   # to fill in: who published the original
  url: "https://journal-du-port.example/ville/le-marche-couvert-rouvre"
  date: "2024-11"
author: "Amira Haddad"
published: "2026-12-05"   # this edition's dates
updated: "2026-12-05"
tags: []
---

Après dix-huit mois de travaux, le marché couvert de la place Saint-Nicolas a rouvert samedi matin. Les premiers clients attendaient devant les grilles dès sept heures, certains avec des paniers achetés pour l’occasion.

La charpente métallique, construite en 1889, a été entièrement repeinte. Les étals, eux, ont été redessinés pour laisser passer les fauteuils roulants, une demande ancienne de l’association des commerçants.

« Nous avons gardé l’horloge et les carreaux d’origine », explique l’architecte de la ville. Les loyers des commerçants resteront inchangés jusqu’à la fin de l’année prochaine.
`);
    expect(read(content, slug, "annotations.yaml")).toBe(annotationsYaml);
    expect(report.found).toEqual(["title from og:title", "author from the byline in the text", "source.url from the canonical link", "source.date from <time datetime>", "language from <html lang>"]);
    expect(report.todo).toEqual([
      "Fill in dek, source.publisher in the front matter: the page does not give them.",
      `Left out a video (${base}/media/marche.mp4): Folio does not carry it; describe it in the text or a note if the article needs it.`,
      'Left out a form ("Irez-vous au marché cette semaine ?"): Folio does not carry it; describe it in the text or a note if the article needs it.',
    ]);
    expect(problems(content)).toEqual([
      `articles/${slug}/article.md:3 dek: must not be empty (the standfirst under the headline)`,
      `articles/${slug}/article.md:6 source.publisher: must not be empty (who published the original)`,
    ]);
  });

  it("behind a paywall notice: the notice left out, and the editor told the text may be cut short", async () => {
    const content = contentFolder();
    const report = await importInto(content, `${base}/paywall`);
    const slug = "salt-marsh-plan";
    expect(read(content, slug, "article.md")).toBe(`---
title: "Salt Marsh Plan Divides the Coast"
dek: "A plan to let the sea back onto reclaimed fields has split two villages."
language: "en"
source:
  publisher: "Coastal Review"
  url: "https://coastal-review.example/2025/01/salt-marsh-plan"
  date: "2025-01-20"
author: "Priya Nair"
published: "2026-12-05"   # this edition's dates
updated: "2026-12-05"
tags: []
---

A plan to breach the sea wall at Hollow Point and let the tide back onto two hundred hectares of reclaimed grazing has divided the villages on either side of the estuary.

Supporters say the new marsh would shelter the coast from storms and bring back wading birds that left when the fields were drained in the 1950s. Farmers who rent the land say they were told of the plan only last month.
`);
    expect(files(content, slug)).toEqual(["annotations.yaml", "article.md"]);
    expect(read(content, slug, "annotations.yaml")).toBe(annotationsYaml);
    expect(report.todo).toEqual([
      'Left out a paywall notice ("This article is for subscribers. Subscribe to keep reading,…"): the text may stop where the notice stood; compare with the original.',
      "The page marks the article as not free to read (JSON-LD isAccessibleForFree: false): the text may be only its opening; if so, import the full text saved from a logged-in browser (npm run new -- page.html --url https://coastal-review.example/2025/01/salt-marsh-plan) or clipped (article.txt).",
    ]);
    expect(problems(content)).toEqual([]);
  });

  it("makes a draft the real build turns into the site as it stands, its figure's image included", async () => {
    const content = contentFolder();
    await importInto(content, `${base}/json-ld`);
    const out = join(temp, "json-ld-dist");
    const built = await run("scripts/build.ts", "--content", content, "--out", out, "--quiet");
    expect(built.status, built.stderr).toBe(0);
    const model = JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as { articles: { slug: string; blocks: { type: string; file?: string; variants?: unknown[] }[] }[] };
    const figure = model.articles[0]!.blocks.find((b) => b.type === "figure")!;
    expect(figure.file).toBe("ferry.jpg");
    expect(figure.variants!.length).toBeGreaterThan(0);
  });

  it("after a redirect: the page where it lands", async () => {
    const content = contentFolder();
    const report = await importInto(content, `${base}/moved`);
    expect(report.slug).toBe("ferry-returns-to-the-island");
  });

  it("never overwrites an article: a second import of the same original is refused, and the first is untouched", async () => {
    const content = contentFolder();
    await importInto(content, `${base}/byline-in-text`);
    const file = join(content, "articles", "le-marche-couvert-rouvre", "article.md");
    writeFileSync(file, "the editor's work");
    await expect(importInto(content, `${base}/byline-in-text`)).rejects.toThrow(`${join(content, "articles", "le-marche-couvert-rouvre")} already exists: edit that article, or choose another slug with --slug`);
    expect(readFileSync(file, "utf8")).toBe("the editor's work");
    const other = await importInto(content, `${base}/byline-in-text`, { slug: "marche-couvert" });
    expect(other.slug).toBe("marche-couvert");
  });
});

describe("importing a saved file", () => {
  it("a page saved from a browser, with --url: its image read from the folder saved beside it", async () => {
    const content = contentFolder();
    const report = await importInto(content, join(pages, "saved-page.html"), { url: "https://island-weekly.example/2025/05/quay-wall-repaired" });
    const slug = "quay-wall-repaired";
    expect(files(content, slug)).toEqual(["annotations.yaml", "article.md", "quay.png"]);
    expect(read(content, slug, "article.md")).toBe(`---
title: "Quay Wall Repaired Before the Summer"
dek: "Masons finished the last stretch of the old quay a week early."
language: "en"
source:
  publisher: "Island Weekly"
  url: "https://island-weekly.example/2025/05/quay-wall-repaired"
  date: "2025-05-12"
# author: Jane Doe   # the byline, when it is known
published: "2026-12-05"   # this edition's dates
updated: "2026-12-05"
tags: []
---

Masons finished repairing the old quay wall on Friday, a week ahead of the date the harbour board had set, after a winter in which storms twice stopped the work.

![The repaired quay wall at low tide, its new stones paler than the old](quay.png "The new stretch of wall, seen from the slipway.")

The board said the last of the scaffolding would be gone by the end of the month, in time for the first visiting yachts of the season and the ferry's summer timetable.
`);
    expect(readFileSync(join(content, "articles", slug, "quay.png")).equals(png)).toBe(true);
    expect(read(content, slug, "annotations.yaml")).toBe(annotationsYaml);
    expect(report.found).toContain("source.url from --url");
    expect(report.todo).toEqual(["No byline found: author is left out; add it if the original names one."]);
    expect(problems(content)).toEqual([]);
  });

  it("the seed's clipped text imports to the paragraphs of its article.md, its title and its dek", async () => {
    const content = contentFolder();
    const slug = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";
    const report = await importInto(content, "test/fixtures/seed/000_70805f0573b4dfd8.txt", { url: `https://thediplomat.com/2025/02/${slug}/` });
    expect(report.slug).toBe(slug);
    const made = read(content, slug, "article.md");
    const seed = readFileSync(`content/articles/${slug}/article.md`, "utf8");
    const body = (md: string) => md.slice(md.indexOf("\n---\n", 4) + 5);
    expect(body(made)).toBe(body(seed));
    const line = (md: string, key: string) => md.split("\n").find((l) => l.startsWith(key));
    for (const key of ["title:", "dek:", "  url:"]) expect(line(made, key)?.replace(/"/g, ""), key).toBe(line(seed, key)?.replace(/"/g, ""));
    expect(report.todo).toEqual([
      "Fill in source.publisher, source.date in the front matter: the text does not give them.",
      "The URL's path holds 2025-02: write it as source.date if it is the original's date (the text does not say).",
      "No byline found: author is left out; add it if the original names one.",
      'The text does not say its language: language is the site\'s, "en"; correct it if the article is in another.',
    ]);
    expect(line(made, "  date:")).toBe(`  date: ""   # to fill in: the original's date, as precisely as known: "2025", "2025-02" or "2025-02-24"`); // not guessed from the URL
    expect(problems(content)).toEqual([
      `articles/${slug}/article.md:6 source.publisher: must not be empty (who published the original)`,
      `articles/${slug}/article.md:8 source.date: "" is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (as precisely as known, no more)`,
    ]);
  });

  it("asks for --url when a file is given without it, and writes nothing", async () => {
    const content = contentFolder();
    await expect(importInto(content, join(pages, "saved-page.html"))).rejects.toThrow(`${join(pages, "saved-page.html")} is a saved file: give the original's address with --url, e.g. npm run new -- ${join(pages, "saved-page.html")} --url https://example.com/2025/02/some-story/`);
    expect(readdirSync(join(content, "articles"))).toEqual([]);
  });
});

describe("a failed import says what happened and what to try, in one line, and writes nothing", () => {
  const save = (url: string) => `save the page in a browser and import the file: npm run new -- page.html --url ${url}`;
  const cases: [string, () => string, Partial<ImportInput>?][] = [
    ["a 404", () => `${base}/missing answered 404 Not Found: check the address; if the page opens in a browser, ${save(`${base}/missing`)}`],
    ["a 500", () => `${base}/broken answered 500 Internal Server Error: the site has a problem; try again later, or ${save(`${base}/broken`)}`],
    ["a timeout", () => `${base}/hang did not answer within 0.3 s: try again later, or ${save(`${base}/hang`)}`, { limits: { timeoutMs: 300 } }],
    ["not HTML", () => `${base}/picture is not a web page (it is image/png): give the address of the article's page, or ${save(`${base}/picture`)}`],
    ["over the size limit", () => `${base}/huge is larger than the limit of 1,000 bytes: ${save(`${base}/huge`)}`, { limits: { maxBytes: 1000 } }],
    ["a redirect loop", () => `${base}/loop-a redirects in a loop (${base}/loop-a → ${base}/loop-b → ${base}/loop-a): open it in a browser, and if it loads there, ${save(`${base}/loop-a`)}`],
    ["too many redirects", () => `${base}/chain/1 redirected more than 5 times (to ${base}/chain/7): open it in a browser, and if it loads there, ${save(`${base}/chain/1`)}`],
    ["a redirect away from http", () => `${base}/to-ftp redirects to ftp://files.example/story, which is not an http(s) address: open it in a browser, and if it loads there, ${save(`${base}/to-ftp`)}`],
    [
      "no article",
      () =>
        `no article found in ${base}/no-article: Readability finds no body of text there (an index, a login page, a page drawn by scripts?): give the article's own address; or ${save(`${base}/no-article`)}, or paste its text in the seed's shape (title, link, standfirst, paragraphs) and import that: npm run new -- article.txt --url ${base}/no-article`,
    ],
  ];
  const path = (name: string) => ({ "a 404": "/missing", "a 500": "/broken", "a timeout": "/hang", "not HTML": "/picture", "over the size limit": "/huge", "a redirect loop": "/loop-a", "too many redirects": "/chain/1", "a redirect away from http": "/to-ftp", "no article": "/no-article" })[name]!;
  for (const [name, message, more] of cases) {
    it(name, async () => {
      const content = contentFolder();
      const failed = await importInto(content, `${base}${path(name)}`, more).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(ImportError);
      expect((failed as Error).message).toBe(message());
      expect((failed as Error).message).not.toContain("\n");
      expect(readdirSync(join(content, "articles"))).toEqual([]);
    });
  }

  it("only http and https", async () => {
    const content = contentFolder();
    await expect(importInto(content, "ftp://files.example/story")).rejects.toThrow("ftp://files.example/story is not an http(s) URL: give the original's web address");
    expect(readdirSync(join(content, "articles"))).toEqual([]);
  });
});

/** Runs a script as `npm run` would, without blocking this process's server. */
function run(script: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe("npm run new", () => {
  it("imports a URL, and prints what it made, where each field came from, and what is left", async () => {
    const content = contentFolder();
    const done = await run("scripts/new.ts", `${base}/json-ld`, "--content", content);
    expect(done.status, done.stderr).toBe(0);
    const dir = join(content, "articles", "ferry-returns-to-the-island");
    expect(done.stdout).toContain(`Made `);
    expect(done.stdout).toMatch(/^ {2}ferry\.jpg +figure, from http:\/\/127\.0\.0\.1:\d+\/images\/ferry\.jpg$/m);
    expect(done.stdout).toContain("Found: title from JSON-LD headline; dek from JSON-LD description;");
    expect(done.stdout).toContain("Left for you:\n  - Left out an embedded frame (https://video.example/embed/ferry-launch)");
    expect(readdirSync(dir).sort()).toEqual(["annotations.yaml", "article.md", "ferry.jpg"]);
  });

  it("fails in one line on stderr with a non-zero exit, writing nothing; --timeout sets the wait", async () => {
    const content = contentFolder();
    const done = await run("scripts/new.ts", `${base}/hang`, "--timeout", "0.2", "--content", content);
    expect(done.status).toBe(1);
    expect(done.stderr).toBe(`${base}/hang did not answer within 0.2 s: try again later, or save the page in a browser and import the file: npm run new -- page.html --url ${base}/hang\n`);
    expect(readdirSync(join(content, "articles"))).toEqual([]);
  });
});

describe("npm run check-source", () => {
  it("fetches the original again and shows where it differs and which notes would no longer anchor; changes nothing", async () => {
    const content = contentFolder();
    await importInto(content, `${base}/json-ld`);
    const dir = join(content, "articles", "ferry-returns-to-the-island");
    const file = join(dir, "article.md");
    writeFileSync(file, read(content, "ferry-returns-to-the-island", "article.md").replace(/^ {2}url: .*$/m, `  url: "${base}/json-ld-corrected"`));
    writeFileSync(
      join(dir, "annotations.yaml"),
      `- id: the-dog
  kind: context
  anchor:
    exact: "one very patient dog"
  body: A note.
  sources:
    - title: The minutes
      url: https://island-council.example/minutes/2025-02
- id: the-fares
  kind: context
  anchor:
    exact: "The fares agreed"
  body: Another.
  sources:
    - title: The minutes
      url: https://island-council.example/minutes/2025-02
`,
    );
    const before = readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))] as const);
    const done = await run("scripts/check-source.ts", "ferry-returns-to-the-island", "--content", content);
    expect(done.status, done.stderr).toBe(1);
    expect(done.stdout).toBe(`Compared ${relative(process.cwd(), file)} with ${base}/json-ld-corrected.
¶1 changed: … carrying forty-two passengers, a van of post and [-one-] {+two+} very patient [-dog.-] {+dogs.+}
¶6 changed: The fares agreed at the [-meeting:-] {+meeting, and confirmed on Friday:+}
Notes that would no longer anchor with the new wording (annotations.yaml):
  the-dog ("one very patient dog"): its phrase is nowhere in the new wording
Nothing was changed.
`);
    expect(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))] as const)).toEqual(before);
  });
});

describe("check-source against a saved file", () => {
  const slug = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";
  const seed = readFileSync("test/fixtures/seed/000_70805f0573b4dfd8.txt", "utf8");

  it("the seed's own text: the same, paragraph by paragraph (exit 0)", async () => {
    const done = await run("scripts/check-source.ts", slug, "--file", "test/fixtures/seed/000_70805f0573b4dfd8.txt");
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toBe(`Compared content/articles/${slug}/article.md with test/fixtures/seed/000_70805f0573b4dfd8.txt.
The original's text is the same as article.md's, paragraph by paragraph.
Nothing was changed.
`);
  });

  it("a corrected original: each changed, removed and new paragraph, and the notes a new wording would lose (nowhere, or in two places)", async () => {
    const corrected = join(temp, "corrected.txt");
    writeFileSync(
      corrected,
      seed
        .replace("Putin agreed. A statement", "Putin agreed at once. A statement")
        .replace('spoke of "incredible opportunities"', 'spoke of "remarkable opportunities"')
        .replace(/\n\(However, China may be trying[^\n]*\n/, "\n")
        .replace('Xi said.', 'Xi said.\n\nCorrection: an earlier version of this article misdescribed the "reverse Kissinger" idea.'),
    );
    const done = await run("scripts/check-source.ts", slug, "--file", corrected);
    expect(done.status, done.stderr).toBe(1);
    expect(done.stdout).toBe(`Compared content/articles/${slug}/article.md with ${corrected}.
¶3 changed: Putin [-agreed.-] {+agreed at once.+} A statement from the Kremlin quoted him as …
¶5 changed: … Russia in Riyadh earlier this month, spoke of [-"incredible-] {+"remarkable+} opportunities" to partner with Russia, which he said …
¶7 is no longer in the original: "(However, China may be trying to obscure the strength of this message to foreign audiences. Notably, in the Foreign Ministry's official English translation of…"
new in the original, after ¶12: "Correction: an earlier version of this article misdescribed the "reverse Kissinger" idea."
Notes that would no longer anchor with the new wording (annotations.yaml):
  rubio-incredible-opportunities ("incredible opportunities"): its phrase is nowhere in the new wording
  reverse-kissinger ("reverse Kissinger"): its phrase would match 2 places
  english-translation-dropped-line ("the line that China and Russia "cannot be moved apart" was removed"): its phrase is nowhere in the new wording
Nothing was changed.
`);
  });
});
