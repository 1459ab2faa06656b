import { describe, it, expect } from 'vitest';
import { readLines } from './line-reader.ts';
import { AppError } from '../errors.ts';

async function all(chunks: (Buffer | string)[], max?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(
    (async function* () {
      yield* chunks;
    })(),
    max,
  ))
    out.push(l);
  return out;
}
async function error(chunks: (Buffer | string)[], max?: number): Promise<AppError> {
  try {
    await all(chunks, max);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('readLines', () => {
  it('splits lines across chunks, drops a UTF-8 BOM and CRLF, keeps characters split between chunks', async () => {
    const text = Buffer.from('\ufeffa,é\r\nsecond line 贩卖\nlast', 'utf8');
    const cut = text.indexOf(Buffer.from('贩')) + 1; // inside a multi-byte character
    expect(await all([text.subarray(0, 5), text.subarray(5, cut), text.subarray(cut)])).toEqual([
      'a,é',
      'second line 贩卖',
      'last',
    ]);
  });

  it('refuses UTF-16, Latin-1 and binary data, naming the line', async () => {
    expect((await error([Buffer.from([0xff, 0xfe, 0x41, 0x00])])).message).toMatch(/line 1: the file is UTF-16/);
    const latin1 = Buffer.concat([Buffer.from('ok\n'), Buffer.from('Bogot\xe1\n', 'latin1')]);
    const e = await error([latin1]);
    expect(e.message).toMatch(/line 2: is not valid UTF-8/);
    expect(e.details).toEqual([{ line: 2, path: '(line)', message: expect.stringMatching(/Latin-1/) }]);
    expect((await error([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')])).message).toMatch(
      /line 1: holds NUL bytes/,
    );
  });

  it('refuses a line over the limit without holding it', async () => {
    const big = Buffer.alloc(1024, 0x61);
    const e = await error(['{"ok":1}\n', big, big, big], 2048);
    expect(e.message).toMatch(/line 2: is longer than/);
  });
});
