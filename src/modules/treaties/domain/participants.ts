/**
 * Participants: resolved to ISO 3166-1 alpha-3 codes through the kernel's country names, plus the
 * names the UN Treaty Collection used before a change (its "Historical information") and the one
 * regional economic integration organization of these treaties, the European Union (code EUU).
 */
import { editDistance } from '../../../kernel/search/vocabulary.ts';
import { COUNTRIES, foldName, resolveCountry, countryByCode } from '../../../kernel/geo/countries.ts';

export const EU_CODE = 'EUU';
export const REIO_CODES = new Set([EU_CODE]);

/** Former names; entries whose note starts with "as listed" are only spellings some source uses. */
export interface FormerName {
  code: string;
  name: string;
  validTo: string | null;
  note: string;
}

/** Names used before a change, with the date the change took effect where the UN states it. */
export const FORMER_NAMES: readonly FormerName[] = [
  {
    code: 'CPV',
    name: 'Cape Verde',
    validTo: '2013-10-24',
    note: 'Cabo Verde, formerly Cape Verde until 24 October 2013',
  },
  { code: 'TUR', name: 'Turkey', validTo: '2022-06-01', note: 'Türkiye, formerly Turkey' },
  { code: 'SWZ', name: 'Swaziland', validTo: null, note: 'Eswatini, formerly Swaziland (renamed in 2018)' },
  { code: 'SWZ', name: 'Eswatini (Swaziland)', validTo: null, note: 'as listed in a source naming both' },
  { code: 'MKD', name: 'The former Yugoslav Republic of Macedonia', validTo: '2019-02-14', note: 'North Macedonia' },
  { code: 'CZE', name: 'Czech Republic', validTo: null, note: 'Czechia' },
  {
    code: 'BOL',
    name: 'Bolivia',
    validTo: '2009-04-09',
    note: 'Bolivia (Plurinational State of) as from 9 April 2009',
  },
  { code: 'COG', name: 'Congo (Republic of the)', validTo: null, note: 'as listed in a source' },
  { code: EU_CODE, name: 'European Community', validTo: '2009-12-01', note: 'the European Union succeeded it' },
  { code: EU_CODE, name: 'European Community / European Union', validTo: null, note: 'as listed in a source' },
];

/**
 * States that no longer exist, by their ISO 3166-3 alpha-3 code: they can be named as the other end of
 * a predecessor/successor link (never as a participant of a status table).
 */
export const FORMER_STATES: readonly { code: string; name: string }[] = [
  { code: 'SCG', name: 'Serbia and Montenegro' },
  { code: 'YUG', name: 'Yugoslavia' },
  { code: 'CSK', name: 'Czechoslovakia' },
  { code: 'SUN', name: 'USSR' },
  { code: 'DDR', name: 'German Democratic Republic' },
  { code: 'ANT', name: 'Netherlands Antilles' },
];
const FORMER_STATE_NAMES = new Map(FORMER_STATES.map((f) => [f.code, f.name]));

export function participantName(code: string): string {
  if (code === EU_CODE) return 'European Union';
  return countryByCode(code)?.name ?? FORMER_STATE_NAMES.get(code) ?? code;
}

/** A participant, or a former State (by name or ISO 3166-3 code), for the other end of a link. */
export function resolveLinkParticipant(raw: string): string | undefined {
  const s = raw.trim();
  if (FORMER_STATE_NAMES.has(s.toUpperCase())) return s.toUpperCase();
  const former = FORMER_STATES.find((f) => foldName(f.name) === foldName(s));
  if (former) return former.code;
  if (/^[A-Z]{3}$/.test(s) && (s === EU_CODE || (s !== 'XIR' && countryByCode(s)))) return s;
  return resolveParticipant(s);
}

const FORMER = new Map(FORMER_NAMES.map((f) => [foldName(f.name), f.code]));

/** Strips the footnote marks a copied status table leaves after a name ("Belgium 3", "Denmark4,5"). */
export function cleanParticipantName(raw: string): string {
  return raw.replace(/[\s\d,*]+$/u, '').trim();
}

/** The participant's code, or undefined. */
export function resolveParticipant(raw: string): string | undefined {
  const name = cleanParticipantName(raw);
  const k = foldName(name);
  if (!k) return undefined;
  if (k === 'european union') return EU_CODE;
  const former = FORMER.get(k);
  if (former) return former;
  const code = resolveCountry(name);
  return code && code !== 'XIR' ? code : undefined;
}

/** Edit distance without a bound (the kernel's optimal string alignment distance). */
const distance = (a: string, b: string) => editDistance(a, b, Math.max(a.length, b.length));

/** The closest known names to one that could not be resolved (for the error message). */
export function closestParticipants(raw: string, n = 3): string[] {
  const k = foldName(cleanParticipantName(raw));
  const names = [
    ...COUNTRIES.filter((c) => c.code !== 'XIR').flatMap((c) => [c.name, ...c.aliases]),
    ...FORMER_NAMES.map((f) => f.name),
    'European Union',
  ];
  const scored = names.map((name) => {
    const f = foldName(name);
    const d = f.startsWith(k) || k.startsWith(f) ? Math.abs(f.length - k.length) / 4 : distance(k, f);
    return { name, d };
  });
  scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
  return [...new Set(scored.map((s) => s.name))].slice(0, n);
}
