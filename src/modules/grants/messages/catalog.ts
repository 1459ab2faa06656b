import { loadCatalogs } from '../../../kernel/i18n/i18n.ts';

export const GRANTS_MESSAGES = loadCatalogs(new URL('./', import.meta.url));
