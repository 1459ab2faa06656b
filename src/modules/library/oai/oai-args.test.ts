import { describe, it, expect } from 'vitest';
import { decodeToken, encodeToken, harvestBounds, OaiError, parseRequest } from './oai-args.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as OaiError).code;
  }
  return 'none';
};

describe('OAI-PMH arguments', () => {
  it('accepts each verb with its arguments, and resumptionToken alone', () => {
    expect(
      parseRequest([
        ['verb', 'GetRecord'],
        ['identifier', 'x'],
        ['metadataPrefix', 'oai_dc'],
      ]).args,
    ).toEqual({
      identifier: 'x',
      metadataPrefix: 'oai_dc',
    });
    expect(
      parseRequest([
        ['verb', 'ListRecords'],
        ['resumptionToken', 'abc'],
      ]).args,
    ).toEqual({ resumptionToken: 'abc' });
  });

  it('answers badVerb and badArgument as the specification says', () => {
    expect(code(() => parseRequest([]))).toBe('badVerb');
    expect(code(() => parseRequest([['verb', 'listrecords']]))).toBe('badVerb');
    expect(
      code(() =>
        parseRequest([
          ['verb', 'Identify'],
          ['from', '2020-01-01'],
        ]),
      ),
    ).toBe('badArgument');
    expect(
      code(() =>
        parseRequest([
          ['verb', 'ListSets'],
          ['resumptionToken', 'a'],
          ['resumptionToken', 'b'],
        ]),
      ),
    ).toBe('badArgument');
  });

  it('reads datestamps at day and second granularity; a day of until ends at its last second', () => {
    expect(harvestBounds('2024-01-01', '2024-01-31')).toEqual({
      from: '2024-01-01T00:00:00Z',
      until: '2024-01-31T23:59:59Z',
    });
    expect(code(() => harvestBounds('2024-01-01T10:00:00+02:00'))).toBe('badArgument');
  });

  it('resumption tokens round-trip for their verb only', () => {
    const tok = encodeToken({
      verb: 'ListRecords',
      prefix: 'oai_dc',
      after: ['2024-01-01T00:00:00Z', 'a'],
      cursor: 50,
    });
    expect(decodeToken(tok, 'ListRecords').cursor).toBe(50);
    expect(code(() => decodeToken(tok, 'ListIdentifiers'))).toBe('badResumptionToken');
  });
});
