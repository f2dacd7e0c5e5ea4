import type { TemplateContent } from '@monity/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectionScheduler } from '../src/collection/collectionScheduler.ts';
import { renderBatch, type RenderJob } from '../src/collection/renderBatch.ts';
import { RenderPool } from '../src/collection/renderPool.ts';
import type { UnpaidInvoice } from '../src/index.ts';
import { messageContext } from './support/messageContext.ts';

const invoice = (number: string, currency: string, openMinor: number): UnpaidInvoice => ({
  id: `id-${number}`,
  number,
  issueDate: '2026-10-01',
  dueDate: '2026-11-03',
  currency,
  amountMinor: openMinor,
  openMinor,
});

const context = (name: string, invoices: UnpaidInvoice[]) =>
  messageContext(invoices, { id: `c-${name}`, erpId: `K/${name}`, name });

const reminder: TemplateContent = {
  medium: 'email',
  language: 'pl',
  subject: 'Przypomnienie: {{ transfer_title }}',
  html:
    '<p>Szanowni Państwo, {{ customer.name }},</p><script>alert(1)</script><table>' +
    '{% for i in invoices %}<tr><td>{{ i.number }}</td><td>{{ i.open_amount | money }}</td></tr>' +
    '{% endfor %}</table><p>Razem: {{ totals.open | money }}</p>',
};

const jobs: RenderJob[] = [
  { template: reminder, context: context('Müller GmbH', [invoice('FV/1', 'PLN', 10_000)]) },
  {
    template: reminder,
    context: context('Kowalski & <Syn>', [
      invoice('FV/2', 'EUR', 2_550),
      invoice('FV/3', 'EUR', 99),
    ]),
  },
  // A filter that does not exist: this message fails, the others do not.
  {
    template: { ...reminder, html: '{{ totals.open | mony }}' },
    context: context('Nowak', [invoice('FV/4', 'PLN', 500)]),
  },
  // Nothing unpaid: no message.
  { template: reminder, context: context('Zapłacone', []) },
];

const pool = new RenderPool(1);
afterAll(() => pool.close());

describe('rendering a collection run in a worker thread', () => {
  it("gives each message as rendering it in the server's thread does", async () => {
    const rendered = await pool.render(jobs);
    expect(rendered).toEqual(renderBatch(jobs));
    expect(rendered[0]).toMatchObject({ currency: 'PLN', invoiceIds: ['id-FV/1'] });
    expect(rendered[1]).toMatchObject({
      currency: 'EUR',
      subject: 'Przypomnienie: FV/2, FV/3',
      html: expect.stringContaining('Kowalski &amp; &lt;Syn&gt;'),
      text: expect.stringContaining('FV/3'),
    });
    expect((rendered[1] as { html: string }).html).not.toContain('script');
  });

  it('reports a message that fails by itself, and renders the rest', async () => {
    const rendered = await pool.render(jobs);
    expect(rendered[2]).toEqual({
      failed: 'The template could not be rendered; /html line 1, column 1: undefined filter: mony',
    });
    expect(rendered[3]).toEqual({ failed: 'Nothing is left unpaid of the step’s invoices' });
    expect(rendered[0]).toHaveProperty('html');
  });

  it('ends its threads when the collection scheduler stops with the server', async () => {
    const own = new RenderPool(1);
    const scheduler = new CollectionScheduler({
      renderPool: own,
      tickSeconds: 60,
    } as ConstructorParameters<typeof CollectionScheduler>[0]);
    await own.render(jobs.slice(0, 1));
    const [thread] = own.threads;
    expect(thread).toBeDefined();
    const exited = new Promise((resolve) => thread!.once('exit', resolve));

    await scheduler.stop();

    await exited;
    expect(own.threads).toHaveLength(0);
  });
});
