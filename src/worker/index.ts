/**
 * Folio's edge worker. Every route answers GET and HEAD (other methods: 405 with Allow),
 * sends a strong ETag and the Last-Modified the build recorded, and answers the
 * preconditions of RFC 9110 §13 (304, 412, byte ranges on built files).
 *
 *   /                                      index of articles, newest first (HTML), a page at a time
 *   /page/<n>, /tags, /tags/<slug>, …      later pages, tags and their feeds: list-resources.ts
 *   /articles/<slug>                       the article page; a client preferring JSON gets the JSON
 *   /articles/<slug>.json                  the article as JSON
 *   /articles/<slug>.epub                  the EPUB (attachment, byte ranges)
 *   /articles/<slug>/annotations.jsonld    W3C Web Annotation collection
 *   /articles/<slug>/cover.png, og.png     cover and Open Graph images
 *   /articles.json                         the index as JSON
 *   /feed.xml  /atom.xml  /feed.json       RSS 2.0, Atom 1.0, JSON Feed 1.1
 *   /opds.xml                              OPDS 1.2 acquisition feed
 *   /schema/article.json                   JSON Schema of the article JSON
 *   /search?q=…&page=N                     search results (HTML; JSON to a client preferring it)
 *   /search.json?q=…&page=N                search results as JSON (for OpenSearch clients)
 *   /search.opds?q=…&page=N                search results as an OPDS acquisition feed (e-readers)
 *   /opensearch.xml  /schema/search.json   OpenSearch description; JSON Schema of the results JSON
 *   /sitemap.xml  /robots.txt              for crawlers
 *   /favicon.svg                           the site icon
 *
 * This is the production entry (wrangler.toml `main`): the data the build wrote is bundled
 * (data.ts) and opened once, at start-up. The handling itself is app.ts. The dev server runs
 * dev.ts instead, which reads the same data from the dev server after every build.
 */
import { folioWorker } from "./app.ts";
import { data } from "./data.ts";

export default folioWorker(data) satisfies ExportedHandler<Env>;
