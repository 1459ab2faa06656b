/**
 * Read-your-writes with streaming replicas. After each committed write, the router remembers the
 * primary's WAL position; a read goes to a replica only once that replica has replayed up to it
 * (checked with pg_last_wal_replay_lsn(), remembered per replica so that a caught-up replica is not
 * asked again), else to the primary. Replicas are used in turn.
 */
import type pg from 'pg';

export class ReplicaRouter {
  /** WAL position of this process's last commit, as a number; 0 before any write. */
  private mustSee = 0n;
  private readonly seen: bigint[];
  private next = 0;

  constructor(
    private readonly primary: pg.Pool,
    private readonly replicas: pg.Pool[],
  ) {
    this.seen = replicas.map(() => 0n);
  }

  get hasReplicas(): boolean {
    return this.replicas.length > 0;
  }

  /** Called after a commit on the primary. */
  async wrote(): Promise<void> {
    if (!this.replicas.length) return;
    // The insert position, not pg_current_wal_lsn() (the write position): with asynchronous commit
    // the commit record may still sit in WAL buffers, behind the write position, and a replica
    // that replayed "up to it" would not yet hold the write.
    const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    const lsn = parseLsn(rows[0]!.lsn);
    if (lsn > this.mustSee) this.mustSee = lsn;
  }

  /** The index of a replica that has every write of this process, or null for the primary. */
  async pick(): Promise<number | null> {
    const n = this.replicas.length;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      if (this.seen[i]! >= this.mustSee || (await this.catchUp(i))) {
        this.next = (i + 1) % n;
        return i;
      }
    }
    return null;
  }

  private async catchUp(i: number): Promise<boolean> {
    try {
      const { rows } = await this.replicas[i]!.query<{ lsn: string | null }>(
        'SELECT pg_last_wal_replay_lsn()::text AS lsn',
      );
      const lsn = rows[0]?.lsn ? parseLsn(rows[0].lsn) : 0n;
      if (lsn > this.seen[i]!) this.seen[i] = lsn;
      return this.seen[i]! >= this.mustSee;
    } catch {
      return false; // a replica that is down is skipped: the primary answers
    }
  }

  /** The pool a read should use now. */
  async readPool(): Promise<pg.Pool> {
    const i = await this.pick();
    return i === null ? this.primary : this.replicas[i]!;
  }
}

/** '16/B374D848' -> a number that orders like the WAL position. */
export function parseLsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}
