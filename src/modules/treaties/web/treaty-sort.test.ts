import { describe, expect, it } from 'vitest';
import { sortParticipants } from './treaty-page.ts';
import type { ParticipantStatus } from '../services/status-model.ts';

const p = (code: string, name: string) => ({ code, name }) as unknown as ParticipantStatus;
const FR: Record<string, string> = { EGY: 'Égypte', ECU: 'Équateur', ETH: 'Éthiopie', ZMB: 'Zambie', DZA: 'Algérie' };

describe('sortParticipants', () => {
  it('sorts by the name the reader sees, collated in the reader’s language', () => {
    const ps = ['ZMB', 'ETH', 'ECU', 'EGY', 'DZA'].map((c) => p(c, c));
    const sorted = sortParticipants(ps, 'participant', false, (x) => FR[x.code]!, 'fr').map((x) => FR[x.code]);
    expect(sorted).toEqual(['Algérie', 'Égypte', 'Équateur', 'Éthiopie', 'Zambie']);
    const desc = sortParticipants(ps, 'participant', true, (x) => FR[x.code]!, 'fr').map((x) => FR[x.code]);
    expect(desc).toEqual(['Zambie', 'Éthiopie', 'Équateur', 'Égypte', 'Algérie']);
  });
});
