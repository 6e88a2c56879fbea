// The placeholder values a call says differently from a text: money and dates in words (src/messaging/spoken.ts).
import type { Value } from './render-text.ts';
import { spokenDate, spokenMoney } from './spoken.ts';
import { spokenCount, spokenSchedule } from './spoken-schedule.ts';
import type { Language, MessageContext } from './types.ts';
import { totals, type Placeholder } from './values.ts';

const AND: Readonly<Record<Language, string>> = { en: 'and', es: 'y', 'pt-BR': 'e' };

/** The money and date values of a message, written for speech; the rest stay as buildValues made them. */
export function spokenValues(ctx: MessageContext, language: Language): Partial<Record<Placeholder, Value>> {
  const money = (m: Parameters<typeof spokenMoney>[0]) => spokenMoney(m, language);
  const day = (d: string) => spokenDate(d, language, ctx.today);
  const oldest = ctx.invoices.map((i) => i.dueDate).sort()[0];
  const plan = ctx.arrangement?.instalments ?? [];
  const first = plan[0];
  const last = plan[plan.length - 1];
  return {
    total_due: totals(ctx).map(money).join(` ${AND[language]} `),
    oldest_due_date: oldest ? day(oldest) : '',
    promise_amount: ctx.promise ? money(ctx.promise.amount) : '',
    promise_date: ctx.promise ? day(ctx.promise.date) : '',
    instalment_amount: ctx.instalment ? money(ctx.instalment.amount) : '',
    instalment_due_date: ctx.instalment ? day(ctx.instalment.dueDate) : '',
    late_fee: ctx.lateFee ? money(ctx.lateFee) : '',
    deadline: ctx.deadline ? day(ctx.deadline) : '',
    // payment by payment, a long plan's first five and then how many more and the last date
    plan_schedule: spokenSchedule(plan, language, ctx.today),
    plan_instalment_count: plan.length ? spokenCount(plan.length, language) : '',
    plan_total: first ? money({ amount: plan.reduce((s, i) => s + i.amount.amount, 0), currency: first.amount.currency }) : '',
    plan_first_date: first ? day(first.dueDate) : '',
    plan_last_date: last ? day(last.dueDate) : '',
  };
}
