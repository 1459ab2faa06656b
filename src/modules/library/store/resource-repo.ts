/** Reads and writes of the library's tables, on the connection or inside a write transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { LibraryDb, LibraryFilesTable, LibraryResourcesTable } from './schema.ts';
import type { Resource, ResourceFile } from '../domain/resource.ts';
import type { RecordStatus } from '../../platform/index.ts';

export type Conn = Kysely<LibraryDb> | Transaction<LibraryDb>;

type StoredDoc = Omit<Resource, 'files' | 'status' | 'version' | 'datestamp'>;

export interface ResourceRow {
  resource: Resource;
  ownerId: string | null;
}

const fileOf = (r: Pick<LibraryFilesTable, Exclude<keyof LibraryFilesTable, 'id'>>): ResourceFile => ({
  sha256: r.sha256,
  language: r.language,
  filename: r.filename,
  mediaType: r.media_type,
  size: Number(r.size),
  pages: r.pages === null ? null : Number(r.pages),
  textLength: Number(r.text_length),
  addedAt: r.added_at,
  replacedAt: r.replaced_at,
});

function resourceOf(row: LibraryResourcesTable, files: ResourceFile[]): Resource {
  const doc = JSON.parse(row.doc) as StoredDoc;
  return {
    ...doc,
    status: row.status as RecordStatus,
    version: Number(row.version),
    datestamp: row.datestamp,
    files,
  };
}

/** Files of these resources, current ones only unless `all`, oldest first. */
export async function filesOf(conn: Conn, ids: readonly string[], all = false): Promise<Map<string, ResourceFile[]>> {
  const out = new Map<string, ResourceFile[]>();
  if (!ids.length) return out;
  let q = conn
    .selectFrom('library_files')
    .select([
      'resource_id',
      'language',
      'sha256',
      'filename',
      'media_type',
      'size',
      'pages',
      'text_length',
      'added_at',
      'replaced_at',
    ])
    .where('resource_id', 'in', [...ids]);
  if (!all) q = q.where('replaced_at', 'is', null);
  for (const r of await q.orderBy('id').execute()) {
    const list = out.get(r.resource_id) ?? [];
    list.push(fileOf({ ...r, page_texts: '' }));
    out.set(r.resource_id, list);
  }
  return out;
}

export async function getResources(conn: Conn, ids: readonly string[]): Promise<Map<string, ResourceRow>> {
  const out = new Map<string, ResourceRow>();
  if (!ids.length) return out;
  const rows = await conn
    .selectFrom('library_resources')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const files = await filesOf(conn, ids);
  for (const r of rows) out.set(r.id, { resource: resourceOf(r, files.get(r.id) ?? []), ownerId: r.owner_id });
  return out;
}

/** Every resource in one status, newest change first (the editors' lists of unpublished resources). */
export async function resourcesInStatus(conn: Conn, status: RecordStatus): Promise<ResourceRow[]> {
  const ids = await conn
    .selectFrom('library_resources')
    .select('id')
    .where('status', '=', status)
    .orderBy('id')
    .execute();
  const rows = await getResources(
    conn,
    ids.map((r) => r.id),
  );
  return ids.map((r) => rows.get(r.id)!).filter(Boolean);
}

export async function getResource(conn: Conn, id: string): Promise<ResourceRow | undefined> {
  return (await getResources(conn, [id])).get(id);
}

function rowOf(r: Resource, ownerId: string | null): LibraryResourcesTable {
  const { files: _f, status, version, datestamp, ...doc } = r;
  return {
    id: r.id,
    status,
    owner_id: ownerId,
    version,
    doc: JSON.stringify(doc),
    type: r.type,
    year: r.date.slice(0, 4),
    datestamp,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

export async function insertResource(tx: Transaction<LibraryDb>, r: Resource, ownerId: string | null): Promise<void> {
  await tx.insertInto('library_resources').values(rowOf(r, ownerId)).execute();
}

export async function updateResource(tx: Transaction<LibraryDb>, r: Resource, ownerId: string | null): Promise<void> {
  const { id: _id, ...values } = rowOf(r, ownerId);
  await tx.updateTable('library_resources').set(values).where('id', '=', r.id).execute();
}

/**
 * The extracted text of the current files of these resources, for the search index: pages are
 * separated by form feeds (\f) and files by record separators (\u001e), in file order, so a snippet
 * can name its file and page.
 */
export async function fulltextOf(conn: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const rows = await conn
    .selectFrom('library_files')
    .select(['resource_id', 'page_texts'])
    .where('resource_id', 'in', [...ids])
    .where('replaced_at', 'is', null)
    .orderBy('id')
    .execute();
  const parts = new Map<string, string[]>();
  for (const r of rows) {
    const list = parts.get(r.resource_id) ?? [];
    list.push((JSON.parse(r.page_texts) as string[]).join('\f'));
    parts.set(r.resource_id, list);
  }
  for (const [id, list] of parts) out.set(id, list.join('\u001e'));
  return out;
}

export async function* scanResources(conn: Conn): AsyncIterable<Resource> {
  let after = '';
  for (;;) {
    const rows = await conn
      .selectFrom('library_resources')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(200)
      .execute();
    if (!rows.length) return;
    const files = await filesOf(
      conn,
      rows.map((r) => r.id),
    );
    for (const r of rows) yield resourceOf(r, files.get(r.id) ?? []);
    after = rows[rows.length - 1]!.id;
  }
}

/** Rows by OAI datestamp order, after a (datestamp, id) position, within bounds. */
export async function resourcesByDatestamp(
  conn: Conn,
  opts: { from?: string; until?: string; after?: [string, string]; limit: number },
): Promise<Resource[]> {
  let q = conn.selectFrom('library_resources').selectAll();
  if (opts.from) q = q.where('datestamp', '>=', opts.from);
  if (opts.until) q = q.where('datestamp', '<=', opts.until);
  if (opts.after) {
    const [d, id] = opts.after;
    q = q.where((eb) => eb.or([eb('datestamp', '>', d), eb.and([eb('datestamp', '=', d), eb('id', '>', id)])]));
  }
  const rows = await q.orderBy('datestamp').orderBy('id').limit(opts.limit).execute();
  const files = await filesOf(
    conn,
    rows.map((r) => r.id),
  );
  return rows.map((r) => resourceOf(r, files.get(r.id) ?? []));
}

export async function earliestDatestamp(conn: Conn): Promise<string | null> {
  const r = await conn
    .selectFrom('library_resources')
    .select((eb) => eb.fn.min('datestamp').as('d'))
    .executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}
