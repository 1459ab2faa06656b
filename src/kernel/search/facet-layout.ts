/** How the facet columns pack a value: 16 bits, the field's number in the high FIELD_BITS, the value's below. */
export const FIELD_BITS = 5;
export const VALUE_BITS = 16 - FIELD_BITS;
export const MAX_VALUES = 1 << VALUE_BITS; // 2048 distinct values per field
