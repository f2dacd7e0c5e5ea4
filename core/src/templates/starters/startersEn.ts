import type { TemplateDraft } from '../templateEvents.ts';
import { addressee, invoiceTable, paragraphs, signature } from './starterParts.ts';

const table = invoiceTable({
  number: 'Invoice',
  issued: 'Issue date',
  due: 'Due date',
  daysOverdue: 'Days overdue',
  amount: 'Gross amount',
  open: 'Outstanding',
  total: 'Total outstanding',
  dateFilter: 'date_en',
});

const ACCOUNT =
  '{% if creditor.bank_account != blank %}to our bank account ' +
  '<strong>{{ creditor.bank_account }}</strong>' +
  '{% if creditor.bank_name != blank %} ({{ creditor.bank_name }}){% endif %}' +
  '{% else %}to the bank account shown on the invoice{% endif %}';
const PLACE_AND_DATE =
  '<p style="text-align:right">{% if creditor.address.city != blank %}' +
  '{{ creditor.address.city }}, {% endif %}{{ today | date_en }}</p>';
const LATE_PAYMENT_ACT =
  'the Polish Act of 8 March 2013 on counteracting excessive delays in commercial transactions';
/** "invoice FV/1/2026" or "3 invoices". */
const FOR_INVOICES =
  '{% if totals.count == 1 %}invoice {{ invoices.first.number }}{% else %}{{ totals.count }} ' +
  'invoices{% endif %}';

const reminderEmail: TemplateDraft = {
  name: 'Payment reminder – e-mail',
  kind: 'reminder',
  medium: 'email',
  language: 'en',
  subject:
    'Payment reminder{% if totals.count == 1 %}: invoice {{ invoices.first.number }}' +
    '{% else %}: {{ totals.count }} unpaid invoices{% endif %} – {{ creditor.name }}',
  html: [
    '<p>Dear Sir or Madam,</p>',
    '<p>This is a friendly reminder that our records show the following ' +
      "{{ totals.count | plural: 'invoice', 'invoices' }} issued to {{ customer.name }} " +
      'as still unpaid:</p>',
    table,
    ...paragraphs(
      'Total outstanding: <strong>{{ totals.open | money }}</strong>' +
        '{% if totals.overdue != totals.open and totals.overdue_count > 0 %}, of which ' +
        '{{ totals.overdue | money }} is overdue{% endif %}.',
      `Please transfer the amount ${ACCOUNT}, quoting <strong>{{ transfer_title }}</strong> ` +
        'as the payment reference.',
      'If you have already paid, thank you, and please disregard this message. If you have ' +
        'any questions about the balance, simply reply to this e-mail.',
    ),
    signature('Kind regards,', 'Tax ID (NIP)'),
  ].join('\n'),
};

const reminderSms: TemplateDraft = {
  name: 'Payment reminder – SMS',
  kind: 'reminder',
  medium: 'sms',
  language: 'en',
  text:
    `{{ creditor.name }}: a reminder that {{ totals.open | money }} for ${FOR_INVOICES} ` +
    'is unpaid. If you have already paid, thank you.',
};

const reminderVoice: TemplateDraft = {
  name: 'Payment reminder – voice call',
  kind: 'reminder',
  medium: 'voice',
  language: 'en',
  text: [
    'Hello, this is a call on behalf of {{ creditor.name }} about a payment.',
    "We would like to remind you of {{ totals.count | plural: 'an unpaid invoice', " +
      "'unpaid invoices' }} totalling {{ totals.open | words }}.",
    'The payment {% if totals.count == 1 %}was{% else %}for the oldest of them was{% endif %} ' +
      'due on {{ invoices.first.due_date | date_words }}.',
    'Please pay by bank transfer to the account shown on the invoice.',
    'If you have already paid, thank you, and please disregard this call. Have a good day.',
  ].join('\n'),
};

const demandEmail: TemplateDraft = {
  name: 'Demand for payment – e-mail',
  kind: 'demand',
  medium: 'email',
  language: 'en',
  subject: 'Demand for payment – {{ creditor.name }}',
  html: [
    PLACE_AND_DATE,
    addressee('Tax ID'),
    '<h2 style="font-size:18px">Demand for payment</h2>',
    '<p>On behalf of {{ creditor.name }}' +
      '{% if creditor.tax_id != blank %} (tax ID {{ creditor.tax_id }}){% endif %}, we ' +
      'hereby demand payment of <strong>{{ totals.open | money }}</strong> (in words: ' +
      '{{ totals.open | words }}) outstanding under the following ' +
      "{{ totals.count | plural: 'invoice', 'invoices' }}:</p>",
    table,
    ...paragraphs(
      'Please pay this amount within 7 days of receiving this demand ' +
        `${ACCOUNT}, quoting <strong>{{ transfer_title }}</strong> as the payment reference.`,
      `Please note that under ${LATE_PAYMENT_ACT}, a creditor is entitled to statutory ` +
        'interest for late payment in commercial transactions and to compensation for the ' +
        'costs of recovering the debt. We reserve the right to claim them.',
      'If the amount has already been paid, please send us the transfer confirmation. Should ' +
        'you dispute the balance, please let us know before the deadline by replying to this ' +
        'e-mail.',
    ),
    signature('Yours faithfully,', 'Tax ID (NIP)'),
  ].join('\n'),
};

const demandSms: TemplateDraft = {
  name: 'Demand for payment – SMS',
  kind: 'demand',
  medium: 'sms',
  language: 'en',
  text:
    `{{ creditor.name }}: we demand payment of {{ totals.open | money }} for ${FOR_INVOICES} ` +
    'within 7 days. If already paid, please confirm.',
};

const demandVoice: TemplateDraft = {
  name: 'Demand for payment – voice call',
  kind: 'demand',
  medium: 'voice',
  language: 'en',
  text: [
    'Hello, this is a call on behalf of {{ creditor.name }} about overdue payments.',
    'The total amount outstanding is {{ totals.open | words }}.',
    'We ask you to pay it within seven days.',
    'Please note that for late payments between businesses, the law entitles the creditor ' +
      'to statutory interest for late payment in commercial transactions.',
    'If you have already paid, please send us the transfer confirmation. If you have any ' +
      'questions, please contact us. Thank you.',
  ].join('\n'),
};

const finalDemandEmail: TemplateDraft = {
  name: 'Final demand for payment before legal action – e-mail',
  kind: 'final_demand',
  medium: 'email',
  language: 'en',
  subject: 'Final demand for payment before legal action – {{ creditor.name }}',
  html: [
    PLACE_AND_DATE,
    addressee('Tax ID'),
    '<h2 style="font-size:18px">Final demand for payment before legal action</h2>',
    ...paragraphs(
      'Despite our earlier reminders and demand for payment, we have not yet received ' +
        "payment for the following {{ totals.count | plural: 'invoice', 'invoices' }}:",
    ),
    table,
    ...paragraphs(
      'The total amount outstanding is <strong>{{ totals.open | money }}</strong> (in words: ' +
        '{{ totals.open | words }}).',
      'We hereby make a final demand for payment of this amount within 7 days of receiving ' +
        `this letter ${ACCOUNT}, quoting <strong>{{ transfer_title }}</strong> as the payment ` +
        'reference.',
      'If payment is not made by then, the matter may be referred to court without further ' +
        'notice, which would involve additional legal costs. In addition, we are entitled to ' +
        'statutory interest for late payment in commercial transactions and to compensation ' +
        `for the costs of recovering the debt under ${LATE_PAYMENT_ACT}.`,
      'We would prefer to settle this matter amicably. If you need to pay in instalments or ' +
        'agree on a payment date, please contact us before the deadline. If you have already ' +
        'paid, please send us the transfer confirmation.',
    ),
    signature('Yours faithfully,', 'Tax ID (NIP)'),
  ].join('\n'),
};

const finalDemandSms: TemplateDraft = {
  name: 'Final demand for payment – SMS',
  kind: 'final_demand',
  medium: 'sms',
  language: 'en',
  text:
    '{{ creditor.name }}: final demand for payment of {{ totals.open | money }} within 7 days. ' +
    'Without payment the matter may go to court.',
};

const finalDemandVoice: TemplateDraft = {
  name: 'Final demand for payment – voice call',
  kind: 'final_demand',
  medium: 'voice',
  language: 'en',
  text: [
    'Hello, this is a call on behalf of {{ creditor.name }} with a final demand for payment ' +
      'before legal action.',
    'Despite our earlier demands, {{ totals.open | words }} remains unpaid.',
    'Please pay this amount within seven days.',
    'If payment is not made by then, the matter may be referred to court, which would ' +
      'involve additional costs.',
    'If you would like to agree on a payment date or instalments, please contact us ' +
      'urgently. Thank you.',
  ].join('\n'),
};

export const englishStarters: TemplateDraft[] = [
  reminderEmail,
  reminderSms,
  reminderVoice,
  demandEmail,
  demandSms,
  demandVoice,
  finalDemandEmail,
  finalDemandSms,
  finalDemandVoice,
];
