/** The service layer as one value, built from the store port. */
import type { CaseStore } from '../store/case-store.ts';
import { CaseService } from './case-service.ts';
import { JsonlTransfer } from './jsonl-transfer.ts';

export interface Services {
  store: CaseStore;
  cases: CaseService;
  jsonl: JsonlTransfer;
}

export function createServices(store: CaseStore): Services {
  const cases = new CaseService(store);
  return { store, cases, jsonl: new JsonlTransfer(store, cases) };
}
