/** The merge of URL selections with query filters, over the case facets (kernel/search/selection.ts). */
import { mergeSelection as mergeWith } from '../../../kernel/search/selection.ts';
import type { Filters } from '../../../kernel/search/query-ast.ts';
import type { FacetSelection } from './facet-index.ts';
import { CASE_FACETS } from './facet-fields.ts';

/** Values of one kind are a union; kinds intersect; year bounds narrow to the tighter one. */
export function mergeSelection(selection: FacetSelection, filters: Filters): FacetSelection {
  return mergeWith(selection, filters, CASE_FACETS);
}
