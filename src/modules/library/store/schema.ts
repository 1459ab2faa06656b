/** The library's tables, as Kysely sees them. */
import type { Generated } from 'kysely';

export interface LibraryResourcesTable {
  id: string;
  status: string;
  owner_id: string | null;
  version: number;
  /** The resource without its files, as canonical JSON. */
  doc: string;
  type: string;
  year: string;
  /** OAI datestamp (ISO instant, to the second). */
  datestamp: string;
  created_at: string;
  updated_at: string;
}

export interface LibraryFilesTable {
  id: Generated<number>;
  resource_id: string;
  language: string;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  pages: number | null;
  text_length: number;
  /** The extracted text, page by page, as a JSON array of strings. */
  page_texts: string;
  added_at: string;
  replaced_at: string | null;
}

export interface LibraryDownloadsTable {
  id: Generated<number>;
  resource_id: string;
  language: string;
  sha256: string;
  /** ISO instant. */
  at: string;
  month: string;
  day: string;
  /** HMAC of the server-issued download session (never the cookie, never an address). */
  session_key: string;
}

export interface LibraryMetaTable {
  key: string;
  value: string;
}

export interface LibraryDb {
  library_resources: LibraryResourcesTable;
  library_files: LibraryFilesTable;
  library_downloads: LibraryDownloadsTable;
  library_meta: LibraryMetaTable;
}
