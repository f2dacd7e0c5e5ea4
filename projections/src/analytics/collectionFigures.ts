import { formatAmount, type TenantTransaction } from '@monity/core';
import { MESSAGE_DAYS } from '../messages/messageProjection.ts';
import { REMINDER_DAYS, REMINDER_PAID } from './reminderProjection.ts';

/** One channel's messages of the period, by their current status. */
interface ChannelMessages {
  medium: string;
  channel: string;
  total: number;
  statuses: Record<string, number>;
}

/**
 * The messages queued during the `periodDays` days up to today (channel tests left out), by
 * medium, channel and the status each is in now. Reads a row per day, channel and status
 * (`rm_message_days`), not the messages.
 */
export async function messageFigures(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  periodDays: number,
) {
  const { rows } = await tx.query<{
    medium: string;
    channel: string;
    status: string;
    messages: string;
  }>(
    `SELECT medium, channel, status, sum(messages)::text AS messages FROM ${MESSAGE_DAYS}
     WHERE tenant_id = $1 AND day > $2::date - $3::int AND day <= $2::date
     GROUP BY medium, channel, status HAVING sum(messages) > 0
     ORDER BY medium, channel, status`,
    [tenantId, today, periodDays],
  );
  const channels = new Map<string, ChannelMessages>();
  const statuses: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    const key = `${row.medium}/${row.channel}`;
    const channel = channels.get(key) ?? {
      medium: row.medium,
      channel: row.channel,
      total: 0,
      statuses: {},
    };
    const count = Number(row.messages);
    channel.statuses[row.status] = count;
    channel.total += count;
    statuses[row.status] = (statuses[row.status] ?? 0) + count;
    total += count;
    channels.set(key, channel);
  }
  return { total, statuses, channels: [...channels.values()] };
}

/** One currency's reminders of the period, in minor units. */
interface ReminderCurrency {
  currency: string;
  reminders: number;
  /** Of them, sent fewer than N days before today: their window is not over yet. */
  windowOpen: number;
  reminded: number;
  paid: number;
}

/**
 * Reminders sent during the `periodDays` days up to today, the amount they reminded of and
 * what of it was paid within `within` days of each (docs/analytics.md), per currency. Reads
 * the day rows of `rm_reminder_days` and `rm_reminder_paid`, not the reminders.
 */
async function reminderCurrencies(
  tx: TenantTransaction,
  tenantId: string,
  today: string,
  periodDays: number,
  within: number,
): Promise<ReminderCurrency[]> {
  const { rows } = await tx.query<Record<keyof ReminderCurrency, string>>(
    `WITH sent AS (
       SELECT currency, sum(reminders) AS reminders, sum(reminded) AS reminded,
         coalesce(sum(reminders) FILTER (WHERE sent_day >= $2::date - $4::int), 0) AS window_open
       FROM ${REMINDER_DAYS}
       WHERE tenant_id = $1 AND sent_day > $2::date - $3::int AND sent_day <= $2::date
       GROUP BY currency),
     paid AS (
       SELECT currency, sum(paid) AS paid FROM ${REMINDER_PAID}
       WHERE tenant_id = $1 AND sent_day > $2::date - $3::int AND sent_day <= $2::date
         AND days_after <= $4::int
       GROUP BY currency)
     SELECT sent.currency, sent.reminders::text, sent.window_open::text AS "windowOpen",
       sent.reminded::text, coalesce(paid.paid, 0)::text AS paid
     FROM sent LEFT JOIN paid USING (currency)
     ORDER BY sent.currency`,
    [tenantId, today, periodDays, within],
  );
  return rows.map((row) => ({
    currency: row.currency,
    reminders: Number(row.reminders),
    windowOpen: Number(row.windowOpen),
    reminded: Number(row.reminded),
    paid: Number(row.paid),
  }));
}

const share = (paid: number, reminded: number) =>
  reminded > 0 ? Number((paid / reminded).toFixed(4)) : null;

/**
 * "Paid within N days after a reminder": per currency, and as a headline in `headCurrency` —
 * one currency unconverted, or all of them in PLN through `convert` (a currency without a rate
 * left out of the amounts and named; its reminders still counted).
 */
export async function reminderFigures(
  tx: TenantTransaction,
  tenantId: string,
  options: {
    today: string;
    periodDays: number;
    within: number;
    currency?: string;
    headCurrency: string;
    convert: (minor: number, currency: string) => number | undefined;
  },
) {
  const { today, periodDays, within, currency, headCurrency, convert } = options;
  const all = await reminderCurrencies(tx, tenantId, today, periodDays, within);
  const currencies = currency ? all.filter((c) => c.currency === currency) : all;
  const total = { reminders: 0, windowOpen: 0, reminded: 0, paid: 0 };
  const missingRates: string[] = [];
  for (const c of currencies) {
    total.reminders += c.reminders;
    total.windowOpen += c.windowOpen;
    const reminded = currency ? c.reminded : convert(c.reminded, c.currency);
    const paid = currency ? c.paid : convert(c.paid, c.currency);
    if (reminded === undefined || paid === undefined) {
      missingRates.push(c.currency);
      continue;
    }
    total.reminded += reminded;
    total.paid += paid;
  }
  const figures = (f: Omit<ReminderCurrency, 'currency'>, money: string) => ({
    reminders: f.reminders,
    windowOpen: f.windowOpen,
    reminded: formatAmount(f.reminded, money),
    paid: formatAmount(f.paid, money),
    paidShare: share(f.paid, f.reminded),
  });
  return {
    paidWithinDays: within,
    headline: { ...figures(total, headCurrency), missingRates },
    currencies: currencies.map((c) => ({ currency: c.currency, ...figures(c, c.currency) })),
  };
}
