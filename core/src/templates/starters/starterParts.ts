/**
 * Pieces the starter e-mails share, put together in code so each starter stays one
 * self-contained template (templates include no others) that its user edits as a whole.
 */

interface TableLabels {
  number: string;
  issued: string;
  due: string;
  daysOverdue: string;
  amount: string;
  open: string;
  total: string;
  dateFilter: 'date_pl' | 'date_en';
}

const CELL = 'padding:6px 8px;border-bottom:1px solid #d0d5dd;vertical-align:top';
const DETAIL = 'font-size:12px;color:#475467';

const cell = (align: 'left' | 'right', content: string, tag = 'td') =>
  `<${tag} align="${align}" style="${CELL}">${content}</${tag}>`;

/**
 * The table of the message's invoices with their days overdue and what is left to pay. Two
 * columns, the dates and the gross amount as small lines under the number and the amount
 * left, so that it fits a phone's screen (about 300 px) without scrolling sideways: six
 * columns of dates and amounts, which do not break, were twice as wide.
 */
export function invoiceTable(labels: TableLabels): string {
  const date = (field: string) => `{{ invoice.${field} | ${labels.dateFilter}: 'numeric' }}`;
  const detail = (label: string, value: string) =>
    `<br><span style="${DETAIL}">${label}: ${value}</span>`;
  const invoice = [
    '<strong>{{ invoice.number }}</strong>',
    detail(labels.issued, date('issue_date')),
    detail(labels.due, date('due_date')),
    `{% if invoice.overdue %}${detail(labels.daysOverdue, '{{ invoice.days_overdue }}')}` +
      '{% endif %}',
  ].join('');
  const left = [
    '<strong>{{ invoice.open_amount | money }}</strong>',
    detail(labels.amount, '{{ invoice.amount | money }}'),
  ].join('');
  return [
    '<table role="presentation" cellspacing="0" cellpadding="0" ' +
      'style="border-collapse:collapse;font-size:14px;margin:12px 0;max-width:100%">',
    `<thead><tr>${cell('left', labels.number, 'th')}${cell('right', labels.open, 'th')}</tr></thead>`,
    '<tbody>',
    '{% for invoice in invoices %}',
    `<tr>${cell('left', invoice)}${cell('right', left)}</tr>`,
    '{% endfor %}',
    '</tbody>',
    `<tfoot><tr><th align="left" style="padding:6px 8px">${labels.total}</th>` +
      '<th align="right" style="padding:6px 8px">{{ totals.open | money }}</th></tr></tfoot>',
    '</table>',
  ].join('\n');
}

/** The creditor's name, address and tax id under a letter. */
export function signature(closing: string, taxIdLabel: string): string {
  return [
    `<p>${closing}<br>`,
    '<strong>{{ creditor.name }}</strong>',
    '{% if creditor.address.line != blank %}<br>{{ creditor.address.line }}{% endif %}',
    `{% if creditor.tax_id != blank %}<br>${taxIdLabel} {{ creditor.tax_id }}{% endif %}</p>`,
  ].join('\n');
}

/** The letter's addressee: the customer's name, address and tax id. */
export function addressee(taxIdLabel: string): string {
  return [
    '<p>{{ customer.name }}',
    '{% if customer.address.line != blank %}<br>{{ customer.address.line }}{% endif %}',
    `{% if customer.tax_id != blank %}<br>${taxIdLabel} {{ customer.tax_id }}{% endif %}</p>`,
  ].join('\n');
}

export const paragraphs = (...lines: string[]) => lines.map((line) => `<p>${line}</p>`);
