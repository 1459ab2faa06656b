/**
 * The kernel's own catalogs: the page shell and other text no module owns (messages/), and the text of
 * the language machinery itself, switcher and API error messages (ui/messages/, kept apart so that its
 * six languages ship together with the code that uses them).
 */
import { loadCatalogs, type Catalog, type Catalogs } from './i18n.ts';

function merged(...parts: Catalogs[]): Catalogs {
  const out: Record<string, Catalog> = {};
  for (const part of parts) for (const [locale, c] of Object.entries(part)) out[locale] = { ...out[locale], ...c };
  return out;
}

export const KERNEL_MESSAGES = merged(
  loadCatalogs(new URL('./messages/', import.meta.url)),
  loadCatalogs(new URL('./ui/messages/', import.meta.url)),
);
