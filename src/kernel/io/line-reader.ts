/**
 * Lines of a text file as an import reads them: UTF-8 only, checked line by line, streaming.
 * A UTF-16 byte-order mark, bytes that are not UTF-8 (a Latin-1 file, say), NUL bytes (a binary
 * file) and lines over the size limit each stop the import with an error naming the line.
 */
import { AppError } from '../errors.ts';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${bytes} bytes`);

function fail(line: number, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `line ${line}: ${message}; nothing was written`, [
    { line, path: '(line)', message },
  ]);
}

export async function* readLines(
  source: AsyncIterable<Buffer | string>,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  let first = true;
  const emit = (buf: Buffer): string => {
    if (buf.includes(0)) throw fail(line, 'holds NUL bytes: this looks like a binary file, not text');
    try {
      return decoder.decode(buf).replace(/\r$/, '');
    } catch {
      throw fail(
        line,
        'is not valid UTF-8 (the file may be Latin-1 or another legacy encoding): save it as UTF-8 and try again',
      );
    }
  };
  for await (const chunk of source) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (first) {
      first = false;
      if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
        throw fail(1, 'the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8 and try again');
      }
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const piece = buf.subarray(start, nl);
      if (pendingBytes + piece.length > maxLineBytes) throw fail(line, `is longer than ${size(maxLineBytes)}`);
      const whole = pending.length ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      pendingBytes = 0;
      yield emit(whole);
      line++;
      start = nl + 1;
    }
    const rest = buf.subarray(start);
    if (rest.length) {
      pendingBytes += rest.length;
      if (pendingBytes > maxLineBytes) throw fail(line, `is longer than ${size(maxLineBytes)}`);
      pending.push(Buffer.from(rest));
    }
  }
  if (pendingBytes) yield emit(Buffer.concat(pending));
}
