/**
 * Opaque pagination cursors: the sort key of the last row, signed with a per-database secret so a
 * cursor that was altered is rejected (400 INVALID_CURSOR) instead of silently paging elsewhere.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';
import type { CaseStore, CursorKey } from '../store/case-store.ts';

export class CursorCodec {
  constructor(private readonly secret: string) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }

  encode(scope: string, key: CursorKey): string {
    const payload = Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string): CursorKey {
    const bad = (why: string) =>
      new AppError('INVALID_CURSOR', `cursor is not valid: ${why}; start again without a cursor`, { field: 'cursor' });
    const [payload, sig, extra] = cursor.split('.');
    if (!payload || !sig || extra !== undefined) throw bad('malformed');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad('signature does not match');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw bad('malformed');
    }
    const p = parsed as { s?: unknown; k?: unknown };
    if (p.s !== scope) throw bad('it belongs to a different query or sort order');
    if (!Array.isArray(p.k) || !p.k.every((x) => typeof x === 'string' || typeof x === 'number'))
      throw bad('malformed');
    return p.k as CursorKey;
  }
}

/** The codec of a store, made on first use from the secret written at migration. */
export function cursorCodecOf(store: CaseStore): () => Promise<CursorCodec> {
  let codec: CursorCodec | undefined;
  return async () => {
    if (!codec) {
      const secret = await store.getMeta('cursor_secret');
      if (!secret) throw new AppError('INTERNAL', 'database is not migrated (no cursor secret)');
      codec = new CursorCodec(secret);
    }
    return codec;
  };
}
