/**
 * The book's stylesheet. Small on purpose: readers apply their own fonts, sizes and margins,
 * so it sets only relative sizes and spacing, and never colours.
 */
export const bookStyle = `body { margin: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; line-height: 1.2; margin: 1em 0 0.4em; }
h2 { font-size: 1.25em; margin: 1.5em 0 0.5em; }
h3, h4 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
p { margin: 0 0 0.8em; }
.dek { font-style: italic; font-size: 1.1em; }
.byline, .attribution, .edition, .rights { font-size: 0.9em; }
.attribution a, .rights a { overflow-wrap: break-word; word-wrap: break-word; }
header { margin-bottom: 2em; }
footer { margin-top: 2em; border-top: 1px solid; padding-top: 0.8em; }
blockquote { margin: 0 0 0.8em 1.5em; }
ol.numbered { list-style: none; }
table { border-collapse: collapse; margin: 0 0 0.8em; }
th, td { padding: 0.2em 0.5em; border-bottom: 1px solid; vertical-align: top; }
figure { margin: 1em 0; }
figure img { max-width: 100%; }
figcaption { font-size: 0.9em; margin-top: 0.3em; }
.credit { font-size: 0.85em; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
sup { line-height: 0; font-size: 0.75em; }
a[role="doc-noteref"] { text-decoration: none; padding: 0 0.1em; }
#endnotes ol { list-style: none; margin: 0; padding: 0; }
#endnotes li { margin: 0 0 1.2em; }
#endnotes li p { margin: 0 0 0.4em; }
a[role="doc-backlink"] { font-weight: bold; text-decoration: none; }
.kind { font-weight: bold; }
.original-label { font-size: 0.9em; margin-bottom: 0.2em; }
.sources { font-size: 0.9em; overflow-wrap: break-word; word-wrap: break-word; }
section.cover { text-align: center; margin: 0; padding: 0; }
section.cover img { max-width: 100%; max-height: 100vh; }
`;
