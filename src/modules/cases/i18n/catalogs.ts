/** The cases module's message catalogs, read once (the module declares them; english.ts reads labels from them). */
import { loadCatalogs } from '../../../kernel/i18n/i18n.ts';

export const CASES_MESSAGES = loadCatalogs(new URL('../messages/', import.meta.url));
