/** An instrument's facts as its table row. */
import type { InstrumentFacts } from '../domain/instruments.ts';
import type { InstrumentRow } from './tables.ts';

export const instrumentRow = (f: InstrumentFacts): InstrumentRow => ({
  id: f.id,
  title: f.title,
  short_title: f.shortTitle,
  adopted_place: f.adoptedPlace,
  adopted_on: f.adoptedOn,
  adopted_by: f.adoptedBy,
  signature_opened: f.signatureOpened,
  entry_into_force: f.entryIntoForce,
  parent_id: f.parentId,
  eif_rule: JSON.stringify(f.eifRule),
  articles: JSON.stringify(f.articles),
  un_url: f.unUrl,
  status_as_at: null,
  status_source: null,
});
