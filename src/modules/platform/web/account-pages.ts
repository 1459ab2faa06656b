/**
 * The platform's editorial pages: sign-in and sign-out, the user's account, and the administrators'
 * users, API tokens and audit log. Server-rendered forms; every POST carries a CSRF token; the
 * services decide rights. Each feature is its own file; this wires them to one page kit.
 */
import type { FastifyInstance } from 'fastify';
import type { PlatformServices } from '../services/platform-services.ts';
import { editorKit } from './editor-kit.ts';
import { signInPages, type SignInConfig } from './sign-in-pages.ts';
import { accountPage } from './account-page.ts';
import { userPages } from './user-pages.ts';
import { tokenPages } from './token-pages.ts';
import { auditPage } from './audit-page.ts';

export function accountPages(app: FastifyInstance, deps: { services: PlatformServices; config: SignInConfig }): void {
  const { accounts, audit } = deps.services;
  const kit = editorKit(app, { notices: 'platform.notice' });
  signInPages(app, { accounts, config: deps.config, kit });
  accountPage(app, { accounts, kit });
  userPages(app, { accounts, kit });
  tokenPages(app, { accounts, kit });
  auditPage(app, { audit, kit });
}
