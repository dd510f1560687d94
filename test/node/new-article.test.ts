/** npm run new: the folder it makes, what it refuses, and that the build accepts it once filled in. */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dateFromUrl, slugFromUrl } from "../../src/dev/new-article.ts";

const temp = mkdtempSync(join(tmpdir(), "folio-new-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A content folder with the real site.yaml and no articles. */
function contentFolder(name: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, "articles"), { recursive: true });
  copyFileSync("content/site.yaml", join(dir, "site.yaml"));
  return dir;
}

function runNew(...args: string[]) {
  return spawnSync(process.execPath, ["scripts/new.ts", ...args], { encoding: "utf8", timeout: 30_000 });
}

const seedUrl = "https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/";

describe("the slug from the source URL", () => {
  it("is the last path segment, as the seed's is", () => {
    expect(slugFromUrl(seedUrl)).toBe(readdirSync("content/articles")[0]);
  });

  it("drops a page extension, an index page, accents and odd characters", () => {
    expect(slugFromUrl("https://example.com/news/Café_Society.html?x=1#top")).toBe("cafe-society");
    expect(slugFromUrl("https://example.com/2025/harbour-lights/index.html")).toBe("harbour-lights");
    expect(slugFromUrl("https://example.com/a/%C3%89t%C3%A9-2025")).toBe("ete-2025");
  });

  it("is refused, with what to do, when the URL has no usable segment", () => {
    expect(() => slugFromUrl("https://example.com/")).toThrow(/has no path segment .*--slug/);
    expect(() => slugFromUrl("https://example.com/news/12345")).toThrow(/"12345" makes no usable slug.*--slug news/);
    expect(() => slugFromUrl("https://example.com/---/")).toThrow(/makes no usable slug/);
    expect(() => slugFromUrl("example.com/story")).toThrow(/is not a URL/);
    expect(() => slugFromUrl("ftp://example.com/story")).toThrow(/not an http\(s\) URL/);
  });

  it("comes with the original's date when the path carries one", () => {
    expect(dateFromUrl(seedUrl)).toBe("2025-02");
    expect(dateFromUrl("https://example.com/2024/11/03/story")).toBe("2024-11-03");
    expect(dateFromUrl("https://example.com/story-2024")).toBeUndefined();
    expect(dateFromUrl("https://example.com/2024/13/story")).toBeUndefined();
  });
});

describe("npm run new", () => {
  it("makes article.md and annotations.yaml from what was given, and says what to do next", () => {
    const content = contentFolder("made");
    const run = runNew(seedUrl, "--blank", "--title", 'Putin, Xi: "Cannot Be Moved Apart"', "--publisher", "The Diplomat", "--content", content);
    expect(run.status, run.stderr).toBe(0);
    const slug = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";
    expect(readdirSync(join(content, "articles", slug)).sort()).toEqual(["annotations.yaml", "article.md"]);
    const article = readFileSync(join(content, "articles", slug, "article.md"), "utf8");
    expect(article).toContain('title: "Putin, Xi: \\"Cannot Be Moved Apart\\""');
    expect(article).toContain('publisher: "The Diplomat"');
    expect(article).toContain(`url: "${seedUrl}"`);
    expect(article).toContain('date: "2025-02"'); // from the URL, and said so
    const today = new Date().toISOString().slice(0, 10);
    expect(article).toContain(`published: "${today}"`);
    expect(article).toContain(`updated: "${today}"`);
    expect(article).not.toMatch(/^author:/m); // not known, not invented
    expect(run.stdout).toContain(`Next:`);
    expect(run.stdout).toContain("Fill in dek in the front matter; source.date 2025-02 was read from the URL: check it");
    expect(run.stdout).toContain(`http://127.0.0.1:8787/articles/${slug}`);
    const notes = readFileSync(join(content, "articles", slug, "annotations.yaml"), "utf8");
    expect(notes.match(/^# - id: /gm)).toHaveLength(1); // one commented example
  });

  it("invents no source date: without one in the URL or --date, it is left for the editor", () => {
    const content = contentFolder("no-date");
    const run = runNew("https://example.com/features/harbour-lights", "--blank", "--content", content);
    expect(run.status, run.stderr).toBe(0);
    const article = readFileSync(join(content, "articles", "harbour-lights", "article.md"), "utf8");
    expect(article).toMatch(/^ {2}date: ""/m);
    expect(article).toMatch(/^title: ""/m);
    expect(run.stdout).toContain("Fill in title, dek, source.publisher, source.date in the front matter.");
  });

  it("refuses to overwrite an existing article", () => {
    const content = contentFolder("exists");
    expect(runNew("https://example.com/a/some-story", "--blank", "--content", content).status).toBe(0);
    const file = join(content, "articles", "some-story", "article.md");
    writeFileSync(file, "the editor's work");
    const again = runNew("https://example.com/b/some-story", "--blank", "--title", "Other", "--content", content);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/some-story already exists: edit that article, or choose another slug with --slug/);
    expect(readFileSync(file, "utf8")).toBe("the editor's work");
  });

  it("gives a clear error for a URL with no usable segment, and makes nothing", () => {
    const content = contentFolder("bad-url");
    const run = runNew("https://example.com/", "--blank", "--content", content);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("https://example.com/ has no path segment to name the article after");
    expect(readdirSync(join(content, "articles"))).toEqual([]);
    const noUrl = runNew("--content", content);
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain("Usage: npm run new -- <source URL>");
  });

  it("makes an article the build accepts once the editor fills in the body and the dek", () => {
    const content = contentFolder("builds");
    const run = runNew("https://example.com/2025/03/harbour-lights-return/", "--blank", "--title", "Harbour Lights Return", "--publisher", "Example News", "--content", content);
    expect(run.status, run.stderr).toBe(0);
    const dir = join(content, "articles", "harbour-lights-return");
    const out = join(temp, "builds-dist");
    const build = () => spawnSync(process.execPath, ["scripts/build.ts", "--content", content, "--out", out, "--quiet"], { encoding: "utf8", timeout: 60_000 });

    // As made, the build names what is still to do, and writes nothing.
    const before = build();
    expect(before.status).toBe(1);
    expect(before.stderr).toMatch(/article\.md:\d+ dek: must not be empty/);
    expect(before.stderr).toMatch(/article\.md:\d+ body: is empty/);
    expect(existsSync(out)).toBe(false);

    const file = join(dir, "article.md");
    const filled = readFileSync(file, "utf8").replace(/^dek: .*$/m, 'dek: "The lights are back."') + "\nThe harbour lights came back on last night.\n";
    writeFileSync(file, filled);
    const after = build();
    expect(after.status, after.stderr).toBe(0);
    const model = JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as { articles: { slug: string; source: { date: string }; annotations: unknown[] }[] };
    expect(model.articles.map((a) => a.slug)).toEqual(["harbour-lights-return"]);
    expect(model.articles[0]!.source.date).toBe("2025-03");
    expect(model.articles[0]!.annotations).toEqual([]);

    // The commented example, uncommented as the file says, is a note the build accepts.
    const notes = join(dir, "annotations.yaml");
    const uncommented = readFileSync(notes, "utf8")
      .split("\n")
      .filter((line) => line !== "[]")
      .map((line) => (line.startsWith("# ") && /^# (-| {2})/.test(line) ? line.slice(2) : line))
      .join("\n")
      .replace(`"a phrase of the article"`, `"harbour lights came back"`)
      .replace(/^ {4}prefix: .*\n/m, "");
    writeFileSync(notes, uncommented);
    const withNote = build();
    expect(withNote.status, withNote.stderr).toBe(0);
    const noted = JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as { articles: { annotations: { id: string }[] }[] };
    expect(noted.articles[0]!.annotations.map((a) => a.id)).toEqual(["example-note"]);
  });
});
