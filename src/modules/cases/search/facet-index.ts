/** The shared facet columns live in the kernel (kernel/search/facet-index.ts); the case search's selection type. */
import type { FacetField } from './facet-fields.ts';

export { FacetIndex, type FacetCount, type FacetDoc, type SlotColumns } from '../../../kernel/search/facet-index.ts';

export type FacetSelection = Partial<Record<FacetField | 'kind', readonly string[]>> & {
  yearFrom?: number;
  yearTo?: number;
};
