/** The platform's services: accounts (users, sessions, tokens) and the audit log. */
import type { PlatformStore } from '../store/platform-store.ts';
import { AccountService, type AccountOptions } from './account-service.ts';
import { AuditService } from './audit-service.ts';

export interface PlatformServices {
  accounts: AccountService;
  audit: AuditService;
}

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = { maxFailures: 5, lockMinutes: 15, sessionHours: 12 };

export function createPlatformServices(store: PlatformStore, accounts?: Partial<AccountOptions>): PlatformServices {
  return {
    accounts: new AccountService(store, { ...DEFAULT_ACCOUNT_OPTIONS, ...accounts }),
    audit: new AuditService(store),
  };
}
