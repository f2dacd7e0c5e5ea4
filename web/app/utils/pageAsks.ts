import type { MonityClient } from '@monity/sdk';

type Asks = (api: MonityClient, id: string) => Promise<unknown>[];

/**
 * What a page asks for as it opens, by its list: each is asked for ahead, as the page's route
 * is known, so the answers come while the page's scripts load and the layout renders; the
 * page's own requests take them (utils/earlyAnswers.ts). A page left out, or an ask that
 * differs from the page's own request, costs nothing but the time this saves. The detail pages
 * are here: they ask for the most at once.
 */
const PAGE_ASKS: Record<string, Asks> = {
  processes: (api, id) => [
    api.processes.get(id),
    api.processes.overview(id),
    api.groups.list(),
    api.templates.list(),
    api.channelAccounts.list(),
    api.channels.list(),
  ],
  groups: (api, id) => [
    api.groups.get(id),
    api.groups.versions(id),
    api.groups.members(id, pageQuery({})),
    api.groups.fields(),
    api.aging.schemes.list(),
    api.processes.list(),
    api.categories.list(),
    api.attributes.list(),
  ],
  customers: (api, id) => [
    api.customers.get(id),
    api.invoices.list(pageQuery({ customerId: id, sort: 'dueDate' as const })),
    api.payments.list(pageQuery({ customerId: id, sort: '-date' as const })),
    api.collection.ofCustomer(id),
    api.customers.timeline(id, pageQuery({})),
    api.categories.list(),
    api.attributes.list(),
  ],
  templates: (api, id) => [
    api.templates.get(id),
    api.templates.versions(id),
    // The customers to preview the template for (TemplateCustomerPicker's first list).
    api.customers.list({ sort: '-open', limit: 20 }),
  ],
};

/** `/groups/<id>`, or `/en/groups/<id>` (Nuxt i18n's `prefix_except_default`). */
const DETAIL_PAGE = /^(?:\/en)?\/([a-z-]+)\/([^/]+)$/;

/** Asks ahead for what the page at `path` asks for as it opens, if it is one listed above. */
export function askAhead(api: MonityClient, path: string): void {
  const [, list, id] = DETAIL_PAGE.exec(path) ?? [];
  const asks = list === undefined ? undefined : PAGE_ASKS[list];
  if (!asks || id === undefined || id === 'new') return;
  for (const answer of asks(api, decodeURIComponent(id))) void answer.catch(() => undefined);
}
