import { describe, expect, it } from 'vitest';
import { queryTitleKey, titleKeys } from './title-key.ts';

describe('title keys', () => {
  it('a title typed whole, however spaced and punctuated, has one of its keys', () => {
    const keys = titleKeys('United States v. Dann');
    for (const q of ['us v dann', 'U.S. v. Dann', 'usvdann', 'united states vs dann'])
      expect(keys, q).toContain(queryTitleKey(q));
  });

  it('the party names alone name a title followed by a law-report citation', () => {
    expect(titleKeys('R v Wei Tang 2009 23 VR 332')).toContain(queryTitleKey('r v wei tang'));
    expect(titleKeys('Case No. 37951')).toEqual(['caseno37951']);
  });
});
