/**
 * The one stylesheet, inlined in every page and allowed by a CSP hash. Readable on a phone and
 * a desktop, dark mode by prefers-color-scheme, notes as popovers on screen and endnotes in print.
 */
export const stylesheet = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fdfcf9;--muted:#5c5c66;--accent:#8a3b12;--mark:#f6e7c8;--line:#d9d4ca;--pop:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e8e6e3;--bg:#151515;--muted:#a9a9b3;--accent:#f0a472;--mark:#4a3a1d;--line:#3a3a3a;--pop:#222}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.wrap{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between;border-bottom:1px solid var(--line);padding-bottom:.5rem;font-family:system-ui,sans-serif;font-size:.9rem}
.site a{text-decoration:none}.site .name{font-weight:700;font-size:1.1rem;color:var(--fg)}
.site nav{display:flex;gap:.75rem;flex-wrap:wrap}
h1{font-size:clamp(1.6rem,4vw + .8rem,2.4rem);line-height:1.15;margin:1.5rem 0 .5rem}
h2,h3,h4{line-height:1.25;margin:2rem 0 .5rem}
.dek{font-size:1.2rem;color:var(--muted);margin:.5rem 0 1rem}
.meta{font:.9rem/1.5 system-ui,sans-serif;color:var(--muted);border-top:1px solid var(--line);border-bottom:1px solid var(--line);padding:.6rem 0;margin:1rem 0 1.5rem}
.meta p{margin:.2rem 0}.meta a{overflow-wrap:anywhere}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line)}
.table-box{overflow-x:auto;margin:1rem 0;max-width:100%}
.table-box:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;font:.95rem/1.45 system-ui,sans-serif}
th,td{padding:.35rem .75rem;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
thead th{border-bottom-width:2px}
.align-left{text-align:left}.align-center{text-align:center}.align-right{text-align:right}
figure{margin:1.5rem 0}figure img{display:block;max-width:100%;height:auto}
figcaption{font:.9rem/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.4rem}
.credit{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:2px}
.noteref{font:700 .75em/1 system-ui,sans-serif;color:var(--accent);background:none;border:1px solid currentColor;border-radius:.7em;padding:.05em .35em;margin-left:.1em;cursor:pointer;vertical-align:super}
.pop{max-width:min(30rem,92vw);border:1px solid var(--line);border-radius:8px;padding:1rem 1.1rem;background:var(--pop);color:var(--fg);font:.95rem/1.5 system-ui,sans-serif;box-shadow:0 8px 30px rgb(0 0 0/.25)}
.pop::backdrop{background:rgb(0 0 0/.15)}
.pop p,.notes li p{margin:.4rem 0}
.kind{display:inline-block;font:700 .7rem/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .35em}
.orig{margin:.4rem 0;padding-left:.75rem;border-left:3px solid var(--line)}
.orig-label{font-size:.85rem;color:var(--muted)}
.sources{font-size:.85rem;color:var(--muted)}
.notes{margin-top:3rem;border-top:1px solid var(--line);font:.95rem/1.5 system-ui,sans-serif}
.notes ol{padding-left:1.5rem}.notes li{margin:0 0 1.25rem}
.notes li:target{background:var(--mark);outline:6px solid var(--mark)}
.notes .sources a{overflow-wrap:anywhere}
.formats{font:.9rem/1.5 system-ui,sans-serif}
.list{list-style:none;padding:0}.list li{margin:1.5rem 0;padding-bottom:1.25rem;border-bottom:1px solid var(--line)}
.list h2{margin:0 0 .25rem;font-size:1.35rem}.list p{margin:.25rem 0}
.small{font:.85rem/1.5 system-ui,sans-serif;color:var(--muted)}
@media print{.site nav,.pop,.formats{display:none}.noteref{border:0;color:#000;padding:0}body{background:#fff;color:#000;font-size:11pt}a{color:#000}mark{background:none;text-decoration:underline dotted}.notes li{break-inside:avoid}}
`.trim();
