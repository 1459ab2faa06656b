import { describe, it, expect } from 'vitest';
import { readStatusRows, type Row } from './status-file.ts';
import { INSTRUMENTS } from './instruments.ts';
import { closestParticipants, resolveParticipant } from './participants.ts';
import { parseTableDate } from './dates.ts';

const articles = INSTRUMENTS.find((i) => i.id === 'XVIII-12-a')!.articles;
const UNTC = ['Participant', 'Signature', 'Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)'];
const rows = (header: string[], data: string[][]): Row[] =>
  data.map((d, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, d[j] ?? ''])) }));

describe('dates as status tables write them', () => {
  it('reads UN, ISO and day-first forms and refuses dates that do not exist', () => {
    expect(parseTableDate('21 Aug 2002')).toBe('2002-08-21');
    expect(parseTableDate('9 March 2004')).toBe('2004-03-09');
    expect(parseTableDate('2004-03-09')).toBe('2004-03-09');
    expect(parseTableDate('30 Feb 2003')).toBe('invalid');
    expect(parseTableDate('2003-02-29')).toBe('invalid');
    expect(parseTableDate('')).toBeNull();
  });
});

describe('participants', () => {
  it('resolves current and former names and the EU', () => {
    expect(resolveParticipant('Cape Verde')).toBe('CPV');
    expect(resolveParticipant('Turkey')).toBe('TUR');
    expect(resolveParticipant('Türkiye')).toBe('TUR');
    expect(resolveParticipant('Swaziland')).toBe('SWZ');
    expect(resolveParticipant('Bolivia (Plurinational State of)')).toBe('BOL');
    expect(resolveParticipant('Belgium 3')).toBe('BEL');
    expect(resolveParticipant('European Union')).toBe('EUU');
    expect(resolveParticipant('Atlantis')).toBeUndefined();
  });
  it('names the closest matches of an unknown name', () => {
    expect(closestParticipants('Albanja')).toContain('Albania');
  });
});

describe('the UNTC status table', () => {
  it('reads dates with their letters', () => {
    const p = readStatusRows(
      UNTC,
      rows(UNTC, [
        ['Albania', '12 Dec 2000', '21 Aug 2002'],
        ['Bahrain', '', '7 Jun 2004 a'],
      ]),
      articles,
    );
    expect(p.errors).toEqual([]);
    expect(p.format).toBe('untc');
    expect(p.entries[0]).toMatchObject({
      code: 'ALB',
      signature: '2000-12-12',
      consent: { date: '2002-08-21', action: 'ratification', letter: null },
    });
    expect(p.entries[1]).toMatchObject({ code: 'BHR', signature: null, consent: { action: 'accession', letter: 'a' } });
  });

  it('reports each bad row by line and field', () => {
    const p = readStatusRows(
      UNTC,
      rows(UNTC, [
        ['Albania', '30 Feb 2001', ''],
        ['Atlantis', '12 Dec 2000', ''],
        ['Algeria', '6 Jun 2001', '9 Mar 2004 x'],
        ['Argentina', '12 Dec 2000', '19 Nov 2002'],
        ['Argentina', '', '1 Jan 2003 a'],
      ]),
      articles,
    );
    const at = (line: number) => p.errors.filter((e) => e.line === line).map((e) => `${e.path}: ${e.message}`);
    expect(at(2)).toEqual([expect.stringMatching(/^Signature: '30 Feb 2001' is not a date that exists/)]);
    expect(at(3)[0]).toMatch(/^Participant: participant 'Atlantis' is not known; closest: /);
    expect(at(4)).toEqual([expect.stringMatching(/unknown action letter 'x'/)]);
    expect(at(6)).toEqual([
      expect.stringMatching(/^consent: a second consent to be bound for ARG \(first on line 5\)/),
    ]);
  });

  it('warns of a ratification dated before the signature', () => {
    const p = readStatusRows(UNTC, rows(UNTC, [['Albania', '12 Dec 2002', '21 Aug 2002']]), articles);
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual([
      expect.objectContaining({ line: 2, path: 'consent', message: expect.stringMatching(/before the signature/) }),
    ]);
  });
});

describe('statements', () => {
  const H = ['participant', 'label', 'classification', 'article', 'paragraph'];
  it('refuses a reservation to an article or paragraph the Protocol lacks', () => {
    const p = readStatusRows(
      H,
      rows(H, [
        ['Algeria', 'reservation', '', '15', '2'],
        ['Bahrain', 'reservation', '', '21', ''],
        ['Chile', 'reservation', '', '15', '7'],
      ]),
      articles,
    );
    expect(p.errors).toEqual([
      expect.objectContaining({ line: 3, path: 'article', message: 'the instrument has no article 21' }),
      expect.objectContaining({ line: 4, path: 'paragraph', message: 'article 15 has no paragraph 7' }),
    ]);
    expect(p.statements[0]).toMatchObject({ code: 'DZA', article: 15, paragraph: '2' });
  });
});
