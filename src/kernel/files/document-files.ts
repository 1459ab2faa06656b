/** The port for document files, stored by content hash (a disk folder here; object storage could follow). */
import type { Readable } from 'node:stream';

export interface DocumentFiles {
  /** Stores the bytes under their hash (idempotent: an existing file is kept). */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  has(sha256: string): Promise<boolean>;
  open(sha256: string): Readable;
  remove(sha256: string): Promise<void>;
  /** Every stored hash, for sweeping files no case holds any more. */
  list(): AsyncIterable<string>;
}
