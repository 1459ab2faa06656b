/** An edit of a published case through the editor form passes the pseudonymisation check too. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { AUTH, makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { WebClient } from '../helpers/web-client.ts';
import { caseInput } from '../factories/case-factory.ts';

describe('editing a published case in the editor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => t.close());

  it(
    'refuses to save a narrative naming a party until the editor acknowledges it; the public page changes only ' +
      'then',
    async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: AUTH,
        payload: caseInput({
          id: 'pub-edit',
          status: 'published',
          victims: [{ kind: 'person', label: 'Maria Santos' }],
          narratives: {
            en: { facts: 'The victim was recruited online.', reasoning: null, commentary: null, crossCutting: null },
          },
        }),
      });
      expect(created.statusCode).toBe(201);
      const editor = await createUser(t.services, 'editor');
      const e = await WebClient.signIn(t.app, editor.email);
      const page = await e.get('/editor/cases/pub-edit');
      const form = page.form('/editor/cases/pub-edit').fill('f-narratives-en-facts', 'Santos was recruited online.');
      const refused = await e.submit(form, 'Save');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatch(/pseudonymisation check/);
      expect((await t.app.inject({ url: '/cases/pub-edit' })).body).not.toContain('Santos was recruited');
      const again = refused.form('/editor/cases/pub-edit').check('_acknowledge');
      expect(again.value('f-narratives-en-facts')).toBe('Santos was recruited online.'); // the typing is kept
      expect((await e.submit(again, 'Save')).status).toBe(303);
      expect((await t.app.inject({ url: '/cases/pub-edit' })).body).toContain('Santos was recruited online.');
    },
  );
});
