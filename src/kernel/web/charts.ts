/**
 * Charts as SVG rendered on the server (no script): horizontal bars, columns over years, and box
 * plots of prison terms. Each chart is an image with a text alternative; the figures themselves are
 * in the data table printed beside it (statTable), which is what screen readers and CSV users get.
 */
import type { Translator } from '../i18n/i18n.ts';
import { html, type SafeHtml } from './html.ts';
import type { Cell, StatTable } from './stat-table.ts';

const W = 640;
const LABEL_W = 230;
const ROW_H = 22;
export const CHART_ROWS = 20;

/** A figure in the reader's language and digits (`intl`: the Translator's Intl locale; English by default). */
const fmt = (n: number, intl = 'en') => n.toLocaleString(intl, Number.isInteger(n) ? {} : { maximumFractionDigits: 1 });
export const cellText = (c: Cell | undefined, intl?: string) =>
  c === null || c === undefined ? '–' : typeof c === 'number' ? fmt(c, intl) : c;
const short = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

type Coord = number | string;
const svgText = (cls: string, x: Coord, y: Coord, content: SafeHtml | string, anchor?: string) =>
  html`<text class="${cls}" x="${x}" y="${y}"${anchor ? html` text-anchor="${anchor}"` : ''}>${content}</text>`;
const svgRect = (cls: string, x: Coord, y: Coord, width: Coord, height: Coord) =>
  html`<rect class="${cls}" x="${x}" y="${y}" width="${width}" height="${height}"></rect>`;
const svgLine = (cls: string, x1: Coord, x2: Coord, y1: Coord, y2: Coord) =>
  html`<line class="${cls}" x1="${x1}" x2="${x2}" y1="${y1}" y2="${y2}"></line>`;

function frame(id: string, t: StatTable, height: number, alt: string, body: SafeHtml): SafeHtml {
  const size = html`viewBox="0 0 ${W} ${height}" width="${W}" height="${height}"`;
  const labels = html`aria-labelledby="${id}-t ${id}-d"`;
  return html`<svg class="chart" ${size} role="img" ${labels} preserveAspectRatio="xMinYMin meet">
<title id="${id}-t">${t.title}</title><desc id="${id}-d">${alt}</desc>${body}</svg>`;
}

/** Horizontal bars, largest first (the first CHART_ROWS rows; every row is in the table). */
export function barChart(tr: Translator, t: StatTable, id: string): SafeHtml {
  const rows = t.rows.slice(0, CHART_ROWS);
  const values = rows.map((r) => r[t.chart.value]).map((v) => (typeof v === 'number' ? v : 0));
  const max = Math.max(1, ...values);
  const scale = (W - LABEL_W - 70) / max;
  const bars = rows.map((r, i) => {
    const v = r[t.chart.value];
    const y = i * ROW_H + 4;
    const label = String(r[t.chart.label] ?? '');
    const w = typeof v === 'number' ? Math.max(v ? 1 : 0, v * scale) : 0;
    const title = tr.t('kernel.chart.point', { label, value: cellText(v, tr.intl) });
    const known = typeof v === 'number';
    const bar = svgRect(known ? 'bar' : 'bar small', LABEL_W, y + 2, known ? w.toFixed(1) : 6, ROW_H - 6);
    const value = svgText('val', (LABEL_W + (known ? w : 6) + 5).toFixed(1), y + 14, cellText(v, tr.intl));
    return html`<g><title>${title}</title>${svgText('lbl', LABEL_W - 6, y + 14, short(label), 'end')}
${bar}
${value}</g>`;
  });
  const more =
    t.rows.length > rows.length
      ? ` ${tr.t('kernel.chart.bars.more', { shown: rows.length, total: t.rows.length })}`
      : '';
  const measure = t.columns.find((c) => c.key === t.chart.value)?.label ?? '';
  return frame(id, t, rows.length * ROW_H + 8, `${tr.t('kernel.chart.bars.alt', { measure })}${more}`, html`${bars}`);
}

/** Columns over an ordered axis (years); labels every few columns. */
export function columnChart(tr: Translator, t: StatTable, id: string): SafeHtml {
  const rows = t.rows;
  const H = 220;
  const plotH = H - 40;
  const values = rows.map((r) => r[t.chart.value]);
  const max = Math.max(1, ...values.map((v) => (typeof v === 'number' ? v : 0)));
  const step = (W - 50) / Math.max(1, rows.length);
  const every = Math.max(1, Math.ceil(rows.length / 12));
  const cols = rows.map((r, i) => {
    const v = values[i];
    const x = 40 + i * step;
    const h = typeof v === 'number' ? (v / max) * plotH : 4;
    const label = String(r[t.chart.label] ?? '');
    const title = tr.t('kernel.chart.point', { label, value: cellText(v, tr.intl) });
    const cls = typeof v === 'number' ? 'bar' : 'bar small';
    const column = svgRect(
      cls,
      x.toFixed(1),
      (10 + plotH - h).toFixed(1),
      Math.max(1, step - 2).toFixed(1),
      h.toFixed(1),
    );
    const tick = i % every === 0 ? svgText('lbl', (x + step / 2).toFixed(1), H - 12, short(label, 8), 'middle') : '';
    return html`<g><title>${title}</title>${column}
${tick}</g>`;
  });
  const line = html`<line class="axis" x1="38" y1="${10 + plotH}" x2="${W - 8}" y2="${10 + plotH}"></line>`;
  const zero = svgText('lbl', 34, 10 + plotH, fmt(0, tr.intl), 'end');
  const axis = html`${line}${svgText('lbl', 34, 16, fmt(max, tr.intl), 'end')}${zero}`;
  return frame(id, t, H, tr.t('kernel.chart.columns.alt'), html`${axis}${cols}`);
}

/** One box plot per row: whiskers min to max, box lower to upper quartile, a line at the median. */
export function boxChart(tr: Translator, t: StatTable, id: string): SafeHtml {
  const rows = t.rows.slice(0, CHART_ROWS);
  const max = Math.max(1, ...rows.map((r) => (typeof r.max === 'number' ? r.max : 0)));
  const scale = (W - LABEL_W - 20) / max;
  const x = (v: Cell | undefined) => (LABEL_W + (typeof v === 'number' ? v : 0) * scale).toFixed(1);
  const boxes = rows.map((r, i) => {
    const y = i * ROW_H + 4;
    const label = String(r[t.chart.label] ?? '');
    const hidden = typeof r.median !== 'number';
    // A hidden row rests on fewer than minCell cases: its figures are not numbers to put in words.
    const hiddenText = tr.t('kernel.chart.boxes.hidden', { n: t.minCell });
    const width = Math.max(1, (Number(r.q3) - Number(r.q1)) * scale).toFixed(1);
    const body = hidden
      ? svgText('val', LABEL_W, y + 14, hiddenText)
      : html`${svgLine('whisker', x(r.min), x(r.max), y + 10, y + 10)}
${svgRect('bar', x(r.q1), y + 3, width, ROW_H - 8)}
${svgLine('median', x(r.median), x(r.median), y + 1, y + ROW_H - 3)}`;
    const title = hidden
      ? tr.t('kernel.chart.point', { label, value: hiddenText })
      : tr.t('kernel.chart.boxes.point', { label, median: r.median, min: Number(r.min), max: Number(r.max) });
    return html`<g><title>${title}</title>${svgText('lbl', LABEL_W - 6, y + 14, short(label), 'end')}${body}</g>`;
  });
  const axisY = rows.length * ROW_H + 8;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) =>
    svgText('lbl', (LABEL_W + f * max * scale).toFixed(1), axisY + 14, fmt(Math.round(f * max), tr.intl), 'middle'),
  );
  return frame(id, t, axisY + 22, tr.t('kernel.chart.boxes.alt'), html`${boxes}${ticks}`);
}

export function chartOf(tr: Translator, t: StatTable, id: string): SafeHtml {
  if (!t.rows.length) return html`<p class="muted">${tr.t('kernel.chart.empty')}</p>`;
  if (t.chart.kind === 'columns') return columnChart(tr, t, id);
  return t.chart.kind === 'boxes' ? boxChart(tr, t, id) : barChart(tr, t, id);
}

/** The data table of a statistic (every row), codes left out when a name column says the same. */
export function statTable(
  t: StatTable,
  opts: { hideKeys?: string[]; link?: (row: Record<string, Cell>) => string | null; intl?: string } = {},
): SafeHtml {
  const cols = t.columns.filter((c) => !(opts.hideKeys ?? ['value']).includes(c.key) && !c.key.endsWith('Url'));
  const num = (c: StatTable['columns'][number]) => (c.type !== 'text' ? html` class="num"` : '');
  return html`<div class="table-wrap"><table class="data"><caption>${t.title}</caption>
<thead><tr>${cols.map((c) => html`<th scope="col"${num(c)}>${c.label}</th>`)}</tr></thead>
<tbody>${t.rows.map(
    (r) =>
      html`<tr>${cols.map((c, i) => {
        const text = cellText(r[c.key], opts.intl);
        const href = i === 0 && opts.link ? opts.link(r) : null;
        return i === 0
          ? html`<th scope="row">${href ? html`<a href="${href}">${text}</a>` : text}</th>`
          : html`<td${c.type !== 'text' ? html` class="num"` : ''}>${text}</td>`;
      })}</tr>`,
  )}</tbody></table></div>`;
}
