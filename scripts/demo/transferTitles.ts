import type { PaymentPlan } from './accountPlan.ts';
import { Weighted, type Random } from './prng.ts';

/**
 * Transfer titles as customers write them: the invoice number bare or in a sentence, sometimes
 * with its slashes gone; instalments say so; a collective transfer lists its invoices; money that
 * matches nothing says nothing useful. Cut to 140 characters, the length of a Polish transfer
 * title (four lines of 35).
 */

type Title = (number: string) => string;

const SINGLE = new Weighted<Title>([
  [(n) => n, 30],
  [(n) => `Zapłata za ${n}`, 20],
  [(n) => `Faktura ${n}`, 10],
  [(n) => `Płatność za fakturę nr ${n}`, 10],
  [(n) => `zapłata ${n}`, 7],
  [(n) => `Faktura VAT ${n}`, 5],
  [(n) => `Opłata ${n}`, 5],
  [(n) => n.replace(/\//g, ' '), 5],
  [(n) => n.replace('/', ' '), 8],
]);

const PART: readonly ((number: string, instalment: number) => string)[] = [
  (n, i) => `Rata ${i} ${n}`,
  (n, i) => `${i} rata za ${n}`,
  (n) => `Częściowa zapłata ${n}`,
  (n) => `Wpłata częściowa ${n}`,
  (n, i) => `${n} cz. ${i}`,
];

const ON_ACCOUNT = ['Wpłata na poczet należności', 'Zaliczka', 'Przedpłata', 'Wpłata na konto'];
const UNIDENTIFIED = ['Przelew', 'PRZELEW ŚRODKÓW', 'Wpłata', 'płatność', 'faktura', 'zapłata'];

const TITLE_LENGTH = 140;

export function transferTitle(random: Random, payment: PaymentPlan): string {
  const numbers = payment.allocations.map((allocation) => allocation.invoice.id);
  let title: string;
  switch (payment.kind) {
    case 'full':
      title = SINGLE.pick(random)(numbers[0] as string);
      break;
    case 'instalment':
    case 'partial':
      title = random.pick(PART)(numbers[0] as string, payment.instalment ?? 1);
      break;
    case 'batch':
      title = random.chance(0.6)
        ? `Zapłata za faktury ${numbers.join(', ')}`
        : numbers.join(random.chance(0.5) ? ' ' : '; ');
      break;
    case 'duplicate':
      title = payment.repeats ? SINGLE.pick(random)(payment.repeats.id) : random.pick(UNIDENTIFIED);
      break;
    case 'onAccount':
      title = random.pick(ON_ACCOUNT);
      break;
    case 'unidentified':
      title = random.pick(UNIDENTIFIED);
      break;
  }
  return title.length > TITLE_LENGTH ? title.slice(0, TITLE_LENGTH) : title;
}
