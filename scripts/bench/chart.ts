/**
 * The scale chart as hand-written SVG (no dependencies): four panels over the number of
 * articles (log scale), each with medians joined by a line, min–max bars, and the target as
 * a dashed line.
 */
import type { Spread } from "./util.ts";

export interface Panel {
  title: string;
  unit: string;
  /** One point per corpus size; undefined where not measured. */
  points: { articles: number; value: Spread | undefined }[];
  target?: { value: number; label: string };
  digits?: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function panel(p: Panel, x0: number, y0: number, w: number, h: number): string {
  const left = 56;
  const right = 36;
  const top = 46;
  const bottom = 40;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const sizes = p.points.map((q) => q.articles);
  const lx = (n: number) => Math.log10(Math.max(n, 1));
  const [xmin, xmax] = [lx(Math.min(...sizes)), lx(Math.max(...sizes))];
  const X = (n: number) => x0 + left + (xmax === xmin ? pw / 2 : ((lx(n) - xmin) / (xmax - xmin)) * pw);
  const values = p.points.flatMap((q) => (q.value && q.value.n > 0 ? [q.value.max] : []));
  const step = niceStep((Math.max(...values, p.target?.value ?? 0, 1e-9) * 1.1) / 4);
  const ymax = step * 4;
  const Y = (v: number) => y0 + top + ph - (v / ymax) * ph;
  const digits = p.digits ?? 1;
  const parts: string[] = [];
  parts.push(`<text x="${x0 + left}" y="${y0 + 20}" font-size="14" font-weight="600">${esc(p.title)}</text>`);
  // Axes and grid.
  for (let i = 0; i <= 4; i++) {
    const v = (ymax / 4) * i;
    const y = Y(v);
    parts.push(`<line x1="${x0 + left}" x2="${x0 + left + pw}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x0 + left - 6}" y="${(y + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#555">${tickLabel(v, step)}</text>`);
  }
  for (const n of sizes) {
    parts.push(`<line x1="${X(n).toFixed(1)}" x2="${X(n).toFixed(1)}" y1="${y0 + top + ph}" y2="${y0 + top + ph + 4}" stroke="#333"/>`);
    parts.push(`<text x="${X(n).toFixed(1)}" y="${y0 + top + ph + 17}" font-size="11" text-anchor="middle" fill="#333">${n}</text>`);
  }
  parts.push(`<line x1="${x0 + left}" x2="${x0 + left + pw}" y1="${y0 + top + ph}" y2="${y0 + top + ph}" stroke="#333"/>`);
  parts.push(`<text x="${x0 + left + pw / 2}" y="${y0 + top + ph + 33}" font-size="11" text-anchor="middle" fill="#333">articles (log scale)</text>`);
  parts.push(`<text x="${x0 + 14}" y="${y0 + top + ph / 2}" font-size="11" text-anchor="middle" fill="#333" transform="rotate(-90 ${x0 + 14} ${y0 + top + ph / 2})">${esc(p.unit)}</text>`);
  if (p.target) {
    const y = Y(p.target.value).toFixed(1);
    parts.push(`<line x1="${x0 + left}" x2="${x0 + left + pw}" y1="${y}" y2="${y}" stroke="#b22" stroke-dasharray="6 4"/>`);
    parts.push(`<line x1="${x0 + left}" x2="${x0 + left + 18}" y1="${y0 + 32}" y2="${y0 + 32}" stroke="#b22" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${x0 + left + 24}" y="${y0 + 36}" font-size="11" fill="#b22">${esc(p.target.label)}</text>`);
  }
  // Data: min–max bars, the median line and points, and the median's value.
  const measured = p.points.filter((q) => q.value && q.value.n > 0) as { articles: number; value: Spread }[];
  if (measured.length > 1) parts.push(`<polyline fill="none" stroke="#1f4e79" stroke-width="2" points="${measured.map((q) => `${X(q.articles).toFixed(1)},${Y(q.value.median).toFixed(1)}`).join(" ")}"/>`);
  for (const [i, q] of measured.entries()) {
    const x = X(q.articles).toFixed(1);
    const anchor = measured.length === 1 ? "middle" : i === 0 ? "start" : i === measured.length - 1 ? "end" : "middle";
    if (q.value.max > q.value.min) parts.push(`<line x1="${x}" x2="${x}" y1="${Y(q.value.min).toFixed(1)}" y2="${Y(q.value.max).toFixed(1)}" stroke="#1f4e79" stroke-width="1.5"/>`);
    parts.push(`<circle cx="${x}" cy="${Y(q.value.median).toFixed(1)}" r="4" fill="#1f4e79"/>`);
    parts.push(`<text x="${x}" y="${(Y(q.value.max) - 8).toFixed(1)}" font-size="11" text-anchor="${anchor}" fill="#1f4e79">${q.value.median.toFixed(digits)}</text>`);
  }
  return parts.join("\n  ");
}

/** A round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * p >= raw) ?? 10) * p;
}

function tickLabel(v: number, step: number): string {
  for (let d = 0; d <= 3; d++) if (Math.abs(Number(step.toFixed(d)) - step) < step * 1e-6) return v.toFixed(d);
  return v.toFixed(3);
}

/** Panels laid out two per row. */
export function scaleChart(title: string, panels: Panel[]): string {
  const w = 460;
  const h = 260;
  const cols = 2;
  const rows = Math.ceil(panels.length / cols);
  const width = w * cols;
  const height = h * rows + 40;
  const body = panels.map((p, i) => panel(p, (i % cols) * w, 40 + Math.floor(i / cols) * h, w, h)).join("\n  ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" role="img" aria-labelledby="t d">
  <title id="t">${esc(title)}</title>
  <desc id="d">${esc(panels.map((p) => `${p.title}: ${p.points.map((q) => `${q.articles} articles ${q.value && q.value.n > 0 ? q.value.median.toFixed(p.digits ?? 1) : "not measured"}`).join(", ")}`).join(". "))}</desc>
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="12" y="26" font-size="16" font-weight="700">${esc(title)}</text>
  ${body}
</svg>
`;
}
