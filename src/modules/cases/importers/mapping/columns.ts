/**
 * A spreadsheet column matched to a case field: by its name (English, Spanish, French; exact, then
 * as words inside the name), then by its content (dates, URLs, countries and nationalities,
 * taxonomy labels, counts, long text). Each match says how it was made and how sure it is.
 */
import { foldName } from '../../../../kernel/geo/countries.ts';
import type { CsvTarget } from '../csv-mapping.ts';
import { isDemonym, readCountries } from './countries.ts';
import { matchTerm } from './terms.ts';

const NAMES: Partial<Record<CsvTarget, string[]>> = {
  id: ['id', 'identifier', 'identificador', 'identifiant'],
  title: [
    'title',
    'case',
    'case title',
    'case name',
    'name of the case',
    'titulo',
    'nombre del caso',
    'caso',
    'titre',
    'intitule',
  ],
  databaseNumber: [
    'database number',
    'unodc no',
    'unodc number',
    'sherloc no',
    'case no',
    'case number',
    'numero unodc',
    'numero de caso',
    'n unodc',
    'numero de base de datos',
    'numero',
    'no',
  ],
  jurisdiction: ['jurisdiction', 'country', 'state', 'jurisdiccion', 'pais', 'estado', 'juridiction', 'pays', 'etat'],
  identifiers: [
    'identifiers',
    'docket',
    'docket number',
    'ecli',
    'expediente',
    'numero de expediente',
    'rol',
    'numero de dossier',
    'dossier',
    'reference',
  ],
  court: ['court', 'tribunal', 'juzgado', 'corte', 'cour', 'juridiction saisie'],
  courtLevel: ['court level', 'instance', 'level', 'instancia', 'nivel', 'niveau', 'degre de juridiction'],
  legalSystem: ['legal system', 'sistema juridico', 'systeme juridique'],
  decisionDate: [
    'decision date',
    'date',
    'year',
    'date of decision',
    'judgment date',
    'fecha',
    'fecha de la decision',
    'fecha de sentencia',
    'ano',
    'annee',
    'date de la decision',
    'date du jugement',
  ],
  acts: ['acts', 'act', 'actos', 'acto', 'conductas', 'actes', 'acte'],
  means: ['means', 'medios', 'medio', 'moyens', 'moyen'],
  purposes: [
    'purposes',
    'purpose',
    'exploitation',
    'form of exploitation',
    'fines',
    'fin',
    'finalidad',
    'explotacion',
    'tipo de explotacion',
    'fins',
    'finalite',
    'forme d exploitation',
  ],
  tags: [
    'article 3',
    'art 3',
    'article3',
    'elements',
    'articulo 3',
    'art 3 elementos',
    'elementos',
    'elements de l article 3',
  ],
  forms: ['form', 'forms', 'type', 'forma', 'formas', 'tipo', 'formes'],
  sectors: ['sector', 'sectors', 'industry', 'sectores', 'rubro', 'secteur', 'secteurs'],
  offences: ['offence', 'offences', 'offense', 'charges', 'delito', 'delitos', 'infraction', 'infractions'],
  facts: [
    'facts',
    'summary',
    'summary of facts',
    'description',
    'hechos',
    'resumen',
    'resumen de los hechos',
    'faits',
    'resume',
    'resume des faits',
  ],
  reasoning: ['reasoning', 'legal reasoning', 'razonamiento', 'fundamentos', 'motivacion', 'motivation', 'motifs'],
  commentary: ['commentary', 'notes', 'comment', 'comentario', 'comentarios', 'notas', 'commentaire', 'remarques'],
  language: ['language', 'idioma', 'lengua', 'langue'],
  victimGenders: [
    'victim gender',
    'victim genders',
    'victims gender',
    'gender of victims',
    'sex of victims',
    'genero de las victimas',
    'sexo de las victimas',
    'sexe des victimes',
    'genre des victimes',
  ],
  victimAges: ['victim age', 'victim ages', 'age of victims', 'edad de las victimas', 'edad', 'age des victimes'],
  victimNationalities: [
    'victim nationality',
    'victim nationalities',
    'victims nationality',
    'nationality of victims',
    'nationality',
    'nacionalidad de las victimas',
    'nacionalidad',
    'nationalite des victimes',
    'nationalite',
  ],
  defendantGenders: [
    'defendant gender',
    'defendant genders',
    'gender of defendants',
    'sex of defendants',
    'genero de los acusados',
    'sexo de los acusados',
    'sexe des accuses',
    'genre des accuses',
  ],
  defendantNationalities: [
    'defendant nationality',
    'defendant nationalities',
    'nationality of defendants',
    'nacionalidad de los acusados',
    'nacionalidad del acusado',
    'nationalite des accuses',
    'nationalite des prevenus',
  ],
  verdicts: ['verdict', 'verdicts', 'outcome', 'result', 'veredicto', 'fallo', 'resultado', 'decision', 'issue'],
  prisonMonths: [
    'prison months',
    'sentence months',
    'max prison months',
    'meses de prision',
    'pena en meses',
    'mois de prison',
  ],
  sourceUrls: [
    'url',
    'urls',
    'link',
    'source',
    'source url',
    'source urls',
    'enlace',
    'fuente',
    'vinculo',
    'lien',
    'source',
  ],
  victimCount: [
    'victims',
    'number of victims',
    'victim count',
    'victimas',
    'numero de victimas',
    'victimes',
    'nombre de victimes',
  ],
  childVictims: ['child victims', 'children', 'minors', 'victimas menores', 'menores', 'victimes mineures', 'mineurs'],
  defendantCount: [
    'defendants',
    'number of defendants',
    'acusados',
    'numero de acusados',
    'imputados',
    'accuses',
    'prevenus',
    'nombre d accuses',
  ],
};

export interface ColumnMatch {
  target: CsvTarget | null;
  how: 'name' | 'content' | 'reused' | 'none';
  confidence: number;
  note: string;
}

const BY_NAME = new Map<string, CsvTarget>();
for (const [target, names] of Object.entries(NAMES))
  for (const n of names) if (!BY_NAME.has(foldName(n))) BY_NAME.set(foldName(n), target as CsvTarget);

function byName(header: string): ColumnMatch | null {
  const k = foldName(header);
  const exact = BY_NAME.get(k);
  if (exact) return { target: exact, how: 'name', confidence: 1, note: 'by name' };
  // The longest known name found as whole words inside the header ("País de la sentencia").
  let best: [string, CsvTarget] | null = null;
  for (const [name, target] of BY_NAME)
    if (name.length > 3 && ` ${k} `.includes(` ${name} `) && (!best || name.length > best[0].length))
      best = [name, target];
  return best ? { target: best[1], how: 'name', confidence: 0.8, note: `by name ('${best[0]}')` } : null;
}

const share = (values: string[], test: (v: string) => boolean) =>
  values.length ? values.filter(test).length / values.length : 0;

function byContent(values: string[]): ColumnMatch | null {
  const v = values.filter((x) => x.trim()).slice(0, 200);
  if (!v.length) return null;
  const m = (target: CsvTarget, s: number, what: string): ColumnMatch => ({
    target,
    how: 'content',
    confidence: Math.round(s * 80) / 100,
    note: `by content: ${what}`,
  });
  let s: number;
  if ((s = share(v, (x) => /^https?:\/\//i.test(x.trim()))) >= 0.8) return m('sourceUrls', s, 'URLs');
  if ((s = share(v, (x) => /^(\d{4}(-\d{2}(-\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{4})$/.test(x.trim()))) >= 0.8)
    return m('decisionDate', s, 'dates');
  const items = v.flatMap((x) =>
    x
      .split(/[;|]/)
      .map((p) => p.trim())
      .filter(Boolean),
  );
  if ((s = share(items, (x) => matchTerm(x, 'article3').confidence >= 0.8)) >= 0.6)
    return m('tags', s, 'article 3 labels');
  if ((s = share(v, (x) => isDemonym(x))) >= 0.6) return m('victimNationalities', s, 'nationalities');
  if ((s = share(v, (x) => readCountries(x, true).codes.length > 0)) >= 0.8) return m('jurisdiction', s, 'countries');
  if ((s = share(v, (x) => /\d/.test(x) && x.length < 120)) >= 0.8 && share(v, (x) => /^\d+$/.test(x)) >= 0.3)
    return m('victimCount', s * 0.6, 'counts');
  const avg = v.reduce((n, x) => n + x.length, 0) / v.length;
  if (avg > 200) return m('facts', 0.6, 'long text');
  return null;
}

/** Matches every column; a field is taken by at most one column (the surest). */
export function matchColumns(header: string[], columnValues: (i: number) => string[]): ColumnMatch[] {
  const out = header.map((h, i) => byName(h) ?? byContent(columnValues(i)) ?? none());
  const taken = new Map<CsvTarget, number>();
  out.forEach((c, i) => {
    if (!c.target) return;
    const prior = taken.get(c.target);
    if (prior === undefined) return void taken.set(c.target, i);
    const [winner, loser] = out[prior]!.confidence >= c.confidence ? [prior, i] : [i, prior];
    out[loser] = { ...none(), note: `also looks like ${c.target}, which column '${header[winner]}' has` };
    taken.set(c.target, winner);
  });
  return out;
}

function none(): ColumnMatch {
  return {
    target: null,
    how: 'none',
    confidence: 0,
    note: 'not recognised: map it to a field, or leave null to ignore it',
  };
}
