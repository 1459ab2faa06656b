/** GET /api/v1/countries/{code}/profile: every module's public section for one country, in order. */
import type { FastifyInstance } from 'fastify';
import type { CountrySection } from '../../../kernel/module.ts';
import { errorResponses } from '../../../kernel/http/openapi.ts';
import { loadProfile, profileJson } from '../services/profile.ts';
import { ref } from './openapi.ts';

export function profileRoutes(app: FastifyInstance, sections: () => readonly CountrySection[]): void {
  app.get<{ Params: { code: string } }>(
    '/api/v1/countries/:code/profile',
    {
      schema: {
        tags: ['treaties'],
        summary: 'The country profile: treaty status, case-law summary and the sections other registers add',
        params: { type: 'object', properties: { code: { type: 'string', examples: ['ALB'] } }, required: ['code'] },
        response: { 200: ref('CountryProfile'), ...errorResponses(404) },
      },
    },
    async (req) => profileJson(await loadProfile(req.params.code, sections())),
  );
}
