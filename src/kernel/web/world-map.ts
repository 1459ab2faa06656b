/**
 * A world choropleth of case counts, as SVG made on the server. Geometry: Natural Earth 1:110m
 * countries from `world-atlas` (keyed by ISO 3166 numeric = UN M49 codes), decoded with
 * `topojson-client` and projected (Equal Earth) by `d3-geo`. The country paths are computed once
 * per process; a request only assigns colours. Jurisdictions too small for this scale and the
 * international bodies (XIR) cannot be drawn: the caller lists them beside the map.
 */
import { createRequire } from 'node:module';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { COUNTRIES } from '../geo/countries.ts';
import { html, type SafeHtml } from './html.ts';
import type { Translator } from '../i18n/i18n.ts';

const W = 960;
/** The map's height, from the projected bounds (set with the shapes). */
let H = 470;

interface Shape {
  m49: string;
  name: string;
  d: string;
}

let shapes: Shape[] | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the geometry libraries and projects the country paths, once per process (about a quarter
 * of a second). Imported lazily so that commands other than the Statistics page never load them.
 */
export function loadWorldMap(): Promise<void> {
  loading ??= (async () => {
    const [{ feature }, { geoEqualEarth, geoPath }] = await Promise.all([import('topojson-client'), import('d3-geo')]);
    shapes = project(feature, geoEqualEarth, geoPath);
  })();
  return loading;
}

function countryShapes(): Shape[] {
  if (!shapes) throw new Error('loadWorldMap() must complete before the map is drawn');
  return shapes;
}

function project(
  feature: typeof import('topojson-client').feature,
  geoEqualEarth: typeof import('d3-geo').geoEqualEarth,
  geoPath: typeof import('d3-geo').geoPath,
): Shape[] {
  const require = createRequire(import.meta.url);
  const topo = require('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const all = feature(topo, topo.objects.countries);
  // Antarctica (M49 010) holds no jurisdiction and would take a fifth of the height.
  const geo = { ...all, features: all.features.filter((f) => String(f.id) !== '010') };
  const projection = geoEqualEarth().fitWidth(W, geo);
  const path = geoPath(projection).digits(1);
  H = Math.ceil(path.bounds(geo)[1][1]);
  return geo.features
    .map((f) => ({ m49: String(f.id ?? ''), name: f.properties?.name ?? '', d: path(f) ?? '' }))
    .filter((s) => s.d);
}

const ALPHA3_OF_M49 = new Map(COUNTRIES.filter((c) => c.m49).map((c) => [c.m49!, c.code]));
const DRAWN = () =>
  new Set(
    countryShapes()
      .map((s) => ALPHA3_OF_M49.get(s.m49))
      .filter(Boolean) as string[],
  );

export interface MapDatum {
  code: string;
  name: string;
  /** The count, or "fewer than N". */
  cases: number | string;
}

/** Thresholds for up to five classes above the small-cell class, rounded to readable numbers. */
export function classBreaks(max: number, minCell: number): number[] {
  const lo = Math.max(1, minCell);
  if (max <= lo) return [lo];
  const nice = (n: number) => {
    const p = 10 ** Math.floor(Math.log10(n));
    return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= n)!;
  };
  const out = [lo];
  for (let i = 1; i < 5; i++) {
    const v = nice(lo * (max / lo) ** (i / 5));
    if (v > out[out.length - 1]! && v <= max) out.push(v);
  }
  return out;
}

/** The map's own words when it counts something other than cases (title, description, a country's tooltip, none). */
export interface MapText {
  title: string;
  desc: string;
  point: (name: string, count: number) => string;
  none: string;
}

export function worldMap(
  t: Translator,
  data: MapDatum[],
  minCell: number,
  text?: MapText,
): { svg: SafeHtml; notDrawn: MapDatum[] } {
  const shapes = countryShapes();
  const byCode = new Map(data.map((d) => [d.code, d]));
  const numbers = data.map((d) => (typeof d.cases === 'number' ? d.cases : 0));
  const breaks = classBreaks(Math.max(0, ...numbers), minCell);
  const classOf = (c: number | string) => (typeof c === 'string' ? 'c0' : `c${breaks.filter((b) => c >= b).length}`);
  const paths = shapes.map((s) => {
    const d = byCode.get(ALPHA3_OF_M49.get(s.m49) ?? '');
    if (!d) return html`<path class="none" d="${s.d}"></path>`;
    // A hidden small count ("fewer than N") is a string: it reads "fewer than <minCell> cases".
    const title =
      typeof d.cases !== 'number'
        ? t.t('kernel.map.pointFew', { name: d.name, n: minCell })
        : text
          ? text.point(d.name, d.cases)
          : t.t('kernel.map.point', { name: d.name, cases: d.cases });
    return html`<path class="${classOf(d.cases)}" d="${s.d}"><title>${title}</title></path>`;
  });
  const legendItems = [
    { cls: 'none', text: text?.none ?? t.t('kernel.map.legend.none') },
    { cls: 'c0', text: t.t('kernel.map.legend.fewerThan', { n: minCell }) },
    ...breaks.map((b, i) => ({
      cls: `c${i + 1}`,
      text:
        i + 1 < breaks.length
          ? t.t('kernel.map.legend.range', { from: b, to: breaks[i + 1]! - 1 })
          : t.t('kernel.map.legend.atLeast', { from: b }),
    })),
  ];
  const legend = legendItems.map((l, i) => {
    const swatch = html`<rect class="${l.cls}" width="16" height="12"></rect>`;
    const text = html`<text class="lbl" x="21" y="11">${l.text}</text>`;
    return html`<g transform="translate(${12 + i * 118},${H + 10})">${swatch}${text}</g>`;
  });
  const drawn = DRAWN();
  const svg = html`<svg class="world-map" viewBox="0 0 ${W} ${H + 30}" role="img" aria-labelledby="map-t map-d">
<title id="map-t">${text?.title ?? t.t('kernel.map.title')}</title>
<desc id="map-d">${text?.desc ?? t.t('kernel.map.desc')}</desc>
<g class="countries">${paths}</g><g class="legend">${legend}</g></svg>`;
  return { svg, notDrawn: data.filter((d) => !drawn.has(d.code)) };
}

export interface MapCategory {
  /** A colour class of the map's stylesheet: c0 ... c5 (or none). */
  cls: string;
  label: string;
}

/**
 * A map of categories rather than counts (e.g. party / signatory only / not recorded): each drawn
 * country takes its category's class, countries without an entry the `none` class, whose legend
 * text the caller gives.
 */
export function categoryMap(
  entries: readonly { code: string; name: string; category: number }[],
  categories: readonly MapCategory[],
  opts: { title: string; desc: string; noneLabel: string; point: (name: string, label: string) => string },
): { svg: SafeHtml; notDrawn: string[] } {
  const shapes = countryShapes();
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const paths = shapes.map((s) => {
    const code = ALPHA3_OF_M49.get(s.m49) ?? '';
    const e = byCode.get(code);
    const cat = e ? categories[e.category] : undefined;
    // The country's name as the UN writes it (the geometry's own names are abbreviated: "W. Sahara").
    const name = e?.name ?? COUNTRIES.find((c) => c.code === code)?.name;
    if (!e || !cat) {
      const title = name ? opts.point(name, opts.noneLabel) : opts.noneLabel;
      return html`<path class="none" d="${s.d}"><title>${title}</title></path>`;
    }
    return html`<path class="${cat.cls}" d="${s.d}"><title>${opts.point(e.name, cat.label)}</title></path>`;
  });
  const legend = [...categories, { cls: 'none', label: opts.noneLabel }].map((l, i) => {
    const swatch = html`<rect class="${l.cls}" width="16" height="12"></rect>`;
    return html`<g transform="translate(${12 + i * 230},${H + 10})">${swatch}<text class="lbl" x="21" y="11">${
      l.label
    }</text></g>`;
  });
  const drawn = DRAWN();
  const svg = html`<svg class="world-map" viewBox="0 0 ${W} ${H + 30}" role="img" aria-labelledby="cmap-t cmap-d">
<title id="cmap-t">${opts.title}</title>
<desc id="cmap-d">${opts.desc}</desc>
<g class="countries">${paths}</g><g class="legend">${legend}</g></svg>`;
  return { svg, notDrawn: entries.filter((e) => !drawn.has(e.code)).map((e) => e.name) };
}
