/** The platform's repositories on a module's connection or transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { PlatformDatabase } from './schema.ts';
import type { PlatformTx } from './platform-store.ts';
import { SqlAccountRepo } from './sql-account-repo.ts';
import { SqlAuditRepo } from './sql-audit-repo.ts';

/**
 * Any database that holds the platform's tables will do: a module's schema extends PlatformDatabase,
 * and Kysely's types are invariant in the schema, hence the one cast here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a schema that extends PlatformDatabase
export function platformRepos(db: Kysely<any> | Transaction<any>): PlatformTx {
  const own = db as Kysely<PlatformDatabase>;
  return { accounts: new SqlAccountRepo(own), audit: new SqlAuditRepo(own) };
}
