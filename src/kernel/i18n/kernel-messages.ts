/** The kernel's own catalog: the page shell and other text no module owns. */
import { loadCatalogs } from './i18n.ts';

export const KERNEL_MESSAGES = loadCatalogs(new URL('./messages/', import.meta.url));
