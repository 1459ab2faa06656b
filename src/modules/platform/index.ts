/**
 * The platform module's public face: accounts, roles and permissions, sessions and API tokens, the
 * audit log and the editor shell. Other modules import from here only.
 */
export * from './domain/accounts.ts';
export * from './domain/permissions.ts';
export * from './store/platform-store.ts';
export type { PlatformDatabase, UsersTable, SessionsTable, ApiTokensTable, AuditLogTable } from './store/schema.ts';
export { platformRepos } from './store/platform-repos.ts';
export {
  recordVersions,
  type RecordVersion,
  type RecordVersionSummary,
  type RecordVersionsTable,
} from './store/record-versions.ts';
export {
  AccountService,
  TOKEN_PREFIX,
  publicUser,
  publicToken,
  type AccountOptions,
  type SessionInfo,
} from './services/account-service.ts';
export { AuditService, audit, auditEntry, AUDIT_CSV_COLUMNS } from './services/audit-service.ts';
export { recordChange, requireMove, type RecordChange } from './services/record-workflow.ts';
export {
  createPlatformServices,
  DEFAULT_ACCOUNT_OPTIONS,
  type PlatformServices,
} from './services/platform-services.ts';
export {
  SESSION_COOKIE,
  registerAuth,
  signedIn,
  secureCookie,
  setSessionCookie,
  type AuthConfig,
} from './http/auth.ts';
export { editorKit, noticeText, pageOf, safeNext, withNotice, type PageKit } from './web/editor-kit.ts';
export { editorPage, type EditorPageMeta } from './web/editor-layout.ts';
export { platformModule } from './module.ts';
