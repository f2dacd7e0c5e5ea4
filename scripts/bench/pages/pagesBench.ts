import type { APIRequestContext, Browser, BrowserContextOptions } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { Logger } from 'pino';
import { signInAsDemoOwner } from '../../support/demoSignIn.ts';
import { describeMachine } from '../support/machine.ts';
import { median } from '../support/measure.ts';
import type { Bench, BenchResult, Target } from '../support/report.ts';
import { startDemoServer, waitForBackfill, type DemoServer } from './demoServer.ts';
import { measureLoad, PHONE, type PageLoad } from './pageLoad.ts';
import { NEEDS_TOKEN, pageRoutes, type PageRoute } from './pageRoutes.ts';

/** Loads of each page; BENCH_PAGE_RUNS=1 for a quick look. */
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const TARGET_MS = 1_000;
/** Only some pages, for a quick look: BENCH_PAGES='/groups/[id],/dashboard'. */
const ONLY = process.env.BENCH_PAGES?.split(',').map((route) => route.trim());
const ROUTES = pageRoutes().filter((page) => !ONLY || ONLY.includes(page.route));

type Session = BrowserContextOptions['storageState'];

/** Signs the demo owner in as a user does; the session, for new contexts to start from. */
async function signIn(browser: Browser, demo: DemoServer): Promise<Session> {
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(60_000);
  try {
    const page = await context.newPage();
    await signInAsDemoOwner(page, demo);
    // The demo ledger is loaded once the dashboard shows what it is owed.
    await page.goto(`${demo.url}/dashboard`);
    await page
      .getByRole('region', { name: 'Należności ogółem' })
      .getByText(/\d\szł/)
      .first()
      .waitFor();
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * The demo has sent nothing, so `/messages/[id]` would have no message to show: a test e-mail
 * through the sandbox account, as an owner sends one from the channels page.
 */
async function sendTestMessage(request: APIRequestContext, url: string): Promise<string> {
  const session = await request.get(`${url}/api/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const sent = await request.post(`${url}/api/messages/test`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { medium: 'email', to: 'bench@example.com' },
  });
  if (!sent.ok()) throw new Error(`POST /api/messages/test: ${sent.status()}`);
  const { messageId } = (await sent.json()) as { messageId: string };
  // The message log shows it a moment after the send.
  for (let waited = 0; waited < 15_000; waited += 250) {
    const shown = await request.get(`${url}/api/messages/${encodeURIComponent(messageId)}`);
    if (shown.ok()) return messageId;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET /api/messages/${messageId}: not in the message log after 15 s`);
}

/** An id for each `[id]` page: the customer owing most, the first of the other lists. */
async function pageIds(browser: Browser, url: string, session: Session) {
  const context = await browser.newContext({ storageState: session });
  try {
    const first = async (path: string) => {
      const response = await context.request.get(`${url}${path}`);
      if (!response.ok()) throw new Error(`GET ${path}: ${response.status()}`);
      const { items } = (await response.json()) as { items: { id: string }[] };
      return items[0]?.id;
    };
    return {
      customers: await first('/api/customers?sort=-open&limit=1'),
      invoices: await first('/api/invoices?limit=1'),
      groups: await first('/api/groups'),
      templates: await first('/api/templates'),
      processes: await first('/api/processes'),
      messages: await sendTestMessage(context.request, url),
    } as Record<string, string | undefined>;
  } finally {
    await context.close();
  }
}

interface Measured {
  page: PageRoute;
  url: string;
  loads: PageLoad[];
}

/** Each page in turn, `runs` rounds over all of them, so noise spreads over every page. */
async function measureAll(
  browser: Browser,
  pages: Omit<Measured, 'loads'>[],
  session: Session,
  logger: Logger,
): Promise<Measured[]> {
  const measured = pages.map((page) => ({ ...page, loads: [] as PageLoad[] }));
  // One load of each first, not counted: the server's caches and its JIT warm up, not the
  // browser's, which every measured load starts without.
  for (const { page, url } of measured) await measureLoad(browser, url, state(page, session));
  for (let run = 1; run <= RUNS; run++) {
    for (const entry of measured) {
      entry.loads.push(await measureLoad(browser, entry.url, state(entry.page, session)));
    }
    logger.info({ run, of: RUNS }, 'pages loaded');
  }
  return measured;
}

const state = (page: PageRoute, session: Session) => (page.signedIn ? session : undefined);
const kB = (bytes: number) => Math.round(bytes / 100) / 10;

function results({ page, loads }: Measured): BenchResult[] {
  const ms = loads.map((load) => load.ms);
  const js = median(loads.map((load) => load.jsBytes));
  const total = median(loads.map((load) => load.totalBytes));
  const slowest = loads.reduce((a, b) => (b.ms > a.ms ? b : a));
  const failed = [...new Set(loads.flatMap((load) => load.failed))];
  const api = slowest.slowestApi;
  const charts = loads.flatMap((load) => (load.chartMs === undefined ? [] : [load.chartMs]));
  const note = [
    `worst ${Math.max(...ms)} ms of ${loads.length}`,
    ...(charts.length ? [`first chart drawn at ${median(charts)} ms (median)`] : []),
    `${kB(total)} kB in all`,
    ...(api ? [`slowest API call in the worst load ${api.path} ${api.ms} ms`] : []),
    ...(page.signedIn ? [] : ['signed out']),
    ...(failed.length ? [`FAILED: ${failed.join(', ')}`] : []),
  ].join('; ');
  return [
    { name: page.route, value: median(ms), unit: 'ms', note },
    { name: `${page.route} js`, value: kB(js), unit: 'kB' },
  ];
}

/**
 * `npm run bench -- pages`: the first load of every page of the web app on a phone (390 × 844,
 * touch), in Chromium with an empty cache, against `npm start`'s server and its demo company:
 * navigation start until the page's heading is visible with nothing loading, and the bytes
 * the load transferred, JavaScript apart. Median of five loads per page; the worst in a note.
 */
export const pagesBench: Bench = {
  targets: {
    ...Object.fromEntries(
      ROUTES.map((page): [string, Target] => [
        page.route,
        { of: 'value', atLeast: TARGET_MS, below: true },
      ]),
    ),
    'pages-over-1s': { of: 'value', atLeast: 1, below: true, label: 'none' },
  },
  run: async ({ logger }) => {
    const demo = await startDemoServer(logger);
    let browser: Browser | undefined;
    try {
      const machine = await describeMachine(demo.databaseUrl);
      browser = await launchChromium();
      const session = await signIn(browser, demo);
      await waitForBackfill(demo.databaseUrl, logger);
      const ids = await pageIds(browser, demo.url, session);
      const skipped: string[] = [...NEEDS_TOKEN].map((route) => `${route} (needs a token)`);
      const pages = ROUTES.flatMap((page) => {
        const [, list] = /^\/([^/]+)\/\[id\]$/.exec(page.route) ?? [];
        if (list === undefined) return [{ page, url: `${demo.url}${page.route}` }];
        const id = ids[list];
        if (id) return [{ page, url: `${demo.url}/${list}/${encodeURIComponent(id)}` }];
        skipped.push(`${page.route} (the demo has none)`);
        return [];
      });
      logger.info({ pages: pages.length, runs: RUNS }, 'measuring');
      const measured = await measureAll(browser, pages, session, logger);
      const over = measured.filter(({ loads }) => median(loads.map((l) => l.ms)) >= TARGET_MS);
      return {
        bench: 'pages',
        machine,
        results: [
          ...measured.flatMap(results),
          {
            name: 'pages-over-1s',
            value: over.length,
            unit: 'pages',
            note:
              `${measured.length} pages, ${RUNS} loads each at 390 × 844` +
              (over.length ? `; over: ${over.map((m) => m.page.route).join(', ')}` : '') +
              (skipped.length ? `; not measured: ${skipped.join(', ')}` : ''),
          },
        ],
      };
    } finally {
      await browser?.close();
      await demo.stop();
    }
  },
};
