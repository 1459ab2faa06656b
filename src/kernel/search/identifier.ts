/** Folding of identifiers (docket numbers, citations, ECLI ...) for exact known-item lookups. */

const NUMBER_WORD = /^\s*(?:(?:criminal|crim|civil|case|docket)\.?\s+)*(?:no|nr|n°|nº|num|number)\b\.?\s*/i;

/**
 * Lower case, letters and digits only, without a leading "No." / "Case No.":
 * "Case No. 12-CR/345" and "12cr345" fold alike.
 */
export function foldIdentifier(value: string): string {
  const bare = value.replace(NUMBER_WORD, '');
  return bare
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
