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

const cell = (align: 'left' | 'right', content: string, tag = 'td') =>
  `<${tag} align="${align}" style="padding:6px 10px;border-bottom:1px solid #d0d5dd">` +
  `${content}</${tag}>`;

/** The table of the message's invoices with their days overdue and what is left to pay. */
export function invoiceTable(labels: TableLabels): string {
  const date = (field: string) => `{{ invoice.${field} | ${labels.dateFilter}: 'numeric' }}`;
  const head = [
    cell('left', labels.number, 'th'),
    cell('left', labels.issued, 'th'),
    cell('left', labels.due, 'th'),
    cell('right', labels.daysOverdue, 'th'),
    cell('right', labels.amount, 'th'),
    cell('right', labels.open, 'th'),
  ].join('');
  const row = [
    cell('left', '{{ invoice.number }}'),
    cell('left', date('issue_date')),
    cell('left', date('due_date')),
    cell('right', '{% if invoice.overdue %}{{ invoice.days_overdue }}{% else %}–{% endif %}'),
    cell('right', '{{ invoice.amount | money }}'),
    cell('right', '{{ invoice.open_amount | money }}'),
  ].join('');
  return [
    '<table role="presentation" cellspacing="0" cellpadding="0" ' +
      'style="border-collapse:collapse;font-size:14px;margin:12px 0">',
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    '{% for invoice in invoices %}',
    `<tr>${row}</tr>`,
    '{% endfor %}',
    '</tbody>',
    `<tfoot><tr><th colspan="5" align="right" style="padding:6px 10px">${labels.total}</th>` +
      '<th align="right" style="padding:6px 10px">{{ totals.open | money }}</th></tr></tfoot>',
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
