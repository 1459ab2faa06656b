/**
 * Demo content: the first call of the Small Grants Facility of the UN Voluntary Trust Fund for
 * Victims of Trafficking in Persons, as the source report (¶37) gives it: opened 8 March 2011,
 * closed 30 April 2011, NGOs or consortia led by one, up to USD 25,000 a year for up to 3 years,
 * two criteria. Closed, and with no applications: none are invented. The hours of the open and
 * close instants are not given; the whole days are taken, in UTC.
 */
import { SYSTEM } from '../../platform/index.ts';
import type { CallService } from './call-service.ts';

export const CALL_2011 = {
  title: 'Small Grants Facility: first call for proposals (2011)',
  description:
    'The first call of the Small Grants Facility of the United Nations Voluntary Trust Fund for Victims of ' +
    'Trafficking in Persons, Especially Women and Children. Non-governmental organizations, or a consortium or ' +
    'coalition led by an eligible non-governmental organization, could apply for small grants. The Facility ' +
    'received more than 250 applications and, at the time of the report, had funded 11 organizations giving ' +
    'direct assistance to victims.',
  opensAt: '2011-03-08T00:00:00Z',
  closesAt: '2011-04-30T23:59:59Z',
  currency: 'USD',
  capPerYear: 25_000,
  maxYears: 3,
  questions: [
    { id: 'interregional', text: 'How does the proposal support victims across regions or across borders?' },
    { id: 'remedies', text: 'How does the proposal give victims of trafficking in persons effective remedies?' },
  ],
  sourceUrl: 'https://www.unodc.org/unodc/en/human-trafficking-fund/human-trafficking-fund_call-for-proposals.html',
};

export async function seedGrants(calls: CallService): Promise<string | null> {
  if ((await calls.countCalls()) > 0) return null;
  await calls.createCall(CALL_2011, SYSTEM, 'sgf-2011');
  return 'grants: seeded the 2011 call of the Small Grants Facility (closed, no applications)';
}
