/**
 * The frame of every XHTML content document in the book. The parts before and after the body
 * are passed to epub-gen-memory's chapter template as they are; only the body goes through
 * its HTML clean-up (see book.ts).
 */
import { escape } from "../render/escape.ts";
import { direction } from "../render/lang.ts";
import { bookFiles } from "./files.ts";

export interface Frame {
  before: string;
  after: string;
}

export function xhtmlFrame(options: { lang: string; title: string; bodyType?: string }): Frame {
  const lang = escape(options.lang);
  const bodyType = options.bodyType ? ` epub:type="${escape(options.bodyType)}"` : "";
  return {
    before: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}" dir="${direction(options.lang)}">
<head>
<meta charset="UTF-8"/>
<title>${escape(options.title)}</title>
<link rel="stylesheet" type="text/css" href="${bookFiles.css}"/>
</head>
<body${bodyType}>
`,
    after: `
</body>
</html>
`,
  };
}
