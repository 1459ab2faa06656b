import { describe, expect, it } from 'vitest';
import { typedAt } from './columns.ts';

describe('typedAt', () => {
  const bytes = Buffer.from(new Uint32Array([7, 8, 9, 10]).buffer);

  it('is a view on the buffer when the offset is aligned, so the buffer is the memory', () => {
    const v = typedAt(Uint32Array, bytes, 4, 2);
    expect([...v]).toEqual([8, 9]);
    expect(v.buffer).toBe(bytes.buffer);
    bytes.writeUInt32LE(42, 4);
    expect(v[0]).toBe(42);
    bytes.writeUInt32LE(8, 4);
  });

  it('copies when the offset is not aligned or the buffer too short for the minimum', () => {
    const shifted = Buffer.concat([Buffer.alloc(1), bytes]);
    const odd = shifted.subarray(1);
    const v = typedAt(Uint32Array, odd, 4, 2);
    expect([...v]).toEqual([8, 9]);
    expect(v.buffer).not.toBe(odd.buffer);
    const padded = typedAt(Uint32Array, bytes, 12, 1, 3);
    expect([...padded]).toEqual([10, 0, 0]);
    expect(padded.buffer).not.toBe(bytes.buffer);
  });
});
