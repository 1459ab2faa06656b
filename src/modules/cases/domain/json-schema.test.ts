import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { caseJsonSchema } from './json-schema.ts';

describe('docs/case.schema.json', () => {
  it('is the schema the code validates with (regenerate: npx palermo schema > docs/case.schema.json)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../../docs/case.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(caseJsonSchema());
    expect(committed.properties.jurisdiction.type).toBe('string');
  });
});
