// Brazil pack: contact hours per state (no federal rule), closed on Sundays and national and state holidays.
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack, Rule } from '../rules/context.ts';
import { week, windowsByZone, type WeeklyHours } from '../rules/window.ts';

/** State laws from COMPLIANCE.md BR-1 (to verify before launch). */
export const BR_STATE_HOURS: Readonly<Record<string, { law: string; hours: WeeklyHours }>> = {
  SP: { law: 'Lei 15.426/14 (SP)', hours: week({ monFri: ['08:00', '20:00'], sat: ['08:00', '14:00'] }) },
  RJ: { law: 'Lei 7.868/18 (RJ)', hours: week({ monFri: ['09:00', '19:00'] }) },
  ES: { law: 'Lei 10.626/17 (ES)', hours: week({ monFri: ['08:00', '19:00'] }) },
  CE: { law: 'Lei 16.836/19 (CE)', hours: week({ monFri: ['08:00', '18:00'] }) },
};

/** For states without a row: only the hours every listed state allows. */
export const BR_STRICTEST_HOURS = week({ monFri: ['09:00', '18:00'] });

export function brazilHasState(region: string | undefined): boolean {
  return region !== undefined && Object.prototype.hasOwnProperty.call(BR_STATE_HOURS, region);
}

/** The windows of each state (its law, hours and holidays), per zone. */
const stateWindows = new Map<string, (timeZone: string) => Rule>();

function windowOf(region: string | undefined, timeZone: string): Rule {
  let inZone = stateWindows.get(region ?? '');
  if (!inZone) {
    const state = brazilHasState(region) ? BR_STATE_HOURS[region!] : undefined;
    inZone = windowsByZone({
      rule: 'BR-1',
      source: state?.law ?? `the strictest Brazilian state rule (no row for ${region ?? 'the state'})`,
      hours: state?.hours ?? BR_STRICTEST_HOURS,
      isHoliday: holidayPredicate('BR', region),
    });
    if (stateWindows.size > 1_000) stateWindows.clear();
    stateWindows.set(region ?? '', inZone);
  }
  return inZone(timeZone);
}

export const BR_PACK: Pack = {
  id: 'BR',
  rules: ({ debtor, region }, out) => {
    out.push(windowOf(region, debtor.timeZone));
  },
};
