/**
 * Treaty actions in the shape of the UN Treaty Collection's status tables: the letter after a date
 * in the consent column says which instrument was deposited (no letter: ratification).
 */
export const ACTIONS = [
  'signature',
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'formal_confirmation',
  'definitive_signature',
  'consent', // an instrument of consent whose kind the source does not say
  'withdrawal',
  'denunciation',
] as const;
export type TreatyAction = (typeof ACTIONS)[number];

/** The MTDSG letter codes, as deposited, and the action each stands for. */
export const LETTERS: Readonly<Record<string, TreatyAction>> = {
  A: 'acceptance',
  AA: 'approval',
  a: 'accession',
  d: 'succession',
  c: 'formal_confirmation',
  s: 'definitive_signature',
};
export const LETTER_OF: Partial<Record<TreatyAction, string>> = Object.fromEntries(
  Object.entries(LETTERS).map(([l, a]) => [a, l]),
);

/** The actions by which a participant consents to be bound (becomes a party). */
export const CONSENT_ACTIONS: readonly TreatyAction[] = [
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'formal_confirmation',
  'definitive_signature',
  'consent',
];

/** The slots of a participant's row in a status table. */
export type Slot = 'signature' | 'consent' | 'withdrawal';
