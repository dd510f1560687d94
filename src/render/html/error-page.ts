/** The error pages (404, 405 and 500): short, with a way back. */
import type { Site } from "../../model/document.ts";
import { escape } from "../escape.ts";
import { renderPage } from "./layout.ts";

export function renderErrorPage(site: Site, status: number, message: string): string {
  const title = status === 404 ? "Page not found" : status === 405 ? "Method not allowed" : "Something went wrong";
  return renderPage({
    site,
    title: `${title} · ${site.title}`,
    description: message,
    language: site.language,
    body: `<h1>${title}</h1>\n<p>${escape(message)}</p>\n<p><a href="/">See every article</a></p>`,
  });
}
