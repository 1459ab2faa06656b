/**
 * Spanish demonyms (world-countries has English and French only), masculine and feminine, for the
 * nationalities most frequent in trafficking cases, and English forms world-countries lacks.
 * Ambiguous forms list every country they may mean and are sent to a person.
 */
export const SPANISH_DEMONYMS: Record<string, string[]> = {
  'argentino argentina': ['ARG'],
  'boliviano boliviana': ['BOL'],
  'brasileño brasileña brasilero brasilera': ['BRA'],
  'chileno chilena': ['CHL'],
  'chino china': ['CHN'],
  'colombiano colombiana': ['COL'],
  costarricense: ['CRI'],
  'cubano cubana': ['CUB'],
  'dominicano dominicana': ['DOM', 'DMA'],
  'ecuatoriano ecuatoriana': ['ECU'],
  'salvadoreño salvadoreña': ['SLV'],
  'español española': ['ESP'],
  estadounidense: ['USA'],
  'filipino filipina': ['PHL'],
  'francés francesa': ['FRA'],
  'guatemalteco guatemalteca': ['GTM'],
  'haitiano haitiana': ['HTI'],
  'hondureño hondureña': ['HND'],
  'indio india hindú': ['IND'],
  'mexicano mexicana': ['MEX'],
  nicaragüense: ['NIC'],
  'nigeriano nigeriana': ['NGA'],
  'panameño panameña': ['PAN'],
  'paraguayo paraguaya': ['PRY'],
  'peruano peruana': ['PER'],
  'rumano rumana': ['ROU'],
  'ruso rusa': ['RUS'],
  'tailandés tailandesa': ['THA'],
  'ucraniano ucraniana': ['UKR'],
  'uruguayo uruguaya': ['URY'],
  'venezolano venezolana': ['VEN'],
  vietnamita: ['VNM'],
  'búlgaro búlgara': ['BGR'],
  marroquí: ['MAR'],
  'congoleño congoleña': ['COG', 'COD'],
};

/** Set as given (they replace what world-countries says): "Samoan" means Samoa, not American Samoa. */
export const EXTRA_NAMES: Record<string, string[]> = {
  Samoan: ['WSM'],
  American: ['USA', 'ASM'],
  Filipina: ['PHL'],
  Kyrgyz: ['KGZ'],
  Congolese: ['COG', 'COD'],
  Dominican: ['DOM', 'DMA'],
  Guinean: ['GIN', 'GNB', 'GNQ'],
};
