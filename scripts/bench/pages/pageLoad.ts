import type { Browser, BrowserContextOptions, Request } from 'playwright-core';

/** A phone: 390 × 844 CSS pixels at three device pixels each, with touch. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'pl-PL',
};

/** Where a page's main content is: its title, which every page's navbar or card shows. */
const MAIN_HEADING = 'h1';
/** A drawn chart: the dashboard's and aging's load their library after the figures show. */
const CHART = '.apexcharts-svg';

/**
 * Watches the page from its first script on, every frame: `window.__monityReadyAt` is the time
 * since navigation start at which the heading last became visible with nothing loading (no
 * skeleton, no region marked `aria-busy`), or null while that is not so. The latest moment
 * counts, so a page that shows its heading and then starts loading again is not done early.
 * `window.__monityChartAt` is when a chart was first drawn, if one was.
 * Runs in the page, which has the DOM this package's types leave out.
 */
const WATCH = `(() => {
  const ready = () => {
    const heading = document.querySelector(${JSON.stringify(MAIN_HEADING)});
    return !!heading && heading.checkVisibility() && !!heading.textContent.trim() &&
      !document.querySelector('[aria-busy="true"]');
  };
  window.__monityReadyAt = null;
  window.__monityChartAt = null;
  const frame = () => {
    if (!ready()) window.__monityReadyAt = null;
    else if (window.__monityReadyAt === null) window.__monityReadyAt = performance.now();
    if (window.__monityChartAt === null && document.querySelector(${JSON.stringify(CHART)})) {
      window.__monityChartAt = performance.now();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

export interface PageLoad {
  /** Navigation start to main content visible. */
  ms: number;
  /** Navigation start to the first chart drawn, on pages with charts. */
  chartMs: number | undefined;
  /** Bytes on the wire (encoded bodies) of the scripts the load fetched. */
  jsBytes: number;
  /** Bytes on the wire of every response, headers included. */
  totalBytes: number;
  /** API calls the load made that failed, `GET /api/x 500`. */
  failed: string[];
  /** The slowest API call, for telling a slow page's cause. */
  slowestApi: { path: string; ms: number } | undefined;
}

/**
 * The first load of `url` in a new browser context (so an empty cache), signed in when
 * `storageState` holds a session. Waits until the network has been quiet for half a second
 * (or ten seconds have passed) so every script the page loads is counted.
 */
export async function measureLoad(
  browser: Browser,
  url: string,
  storageState: BrowserContextOptions['storageState'],
): Promise<PageLoad> {
  const context = await browser.newContext({ ...PHONE, storageState });
  context.setDefaultTimeout(30_000);
  const sizes: Promise<{ script: boolean; body: number; headers: number }>[] = [];
  const failed: string[] = [];
  const api: { path: string; ms: number }[] = [];
  const finished = (request: Request) => {
    sizes.push(
      request.sizes().then((size) => ({
        script: request.resourceType() === 'script',
        body: size.responseBodySize,
        headers: size.responseHeadersSize,
      })),
    );
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) {
      const timing = request.timing();
      api.push({ path, ms: Math.round(timing.responseEnd) });
    }
  };
  context.on('requestfinished', finished);
  context.on('requestfailed', (request) => {
    // A live stream the page closed once it had what it needed (the shell's first look at
    // where the read models stand) is not a failure.
    const closed = request.failure()?.errorText === 'net::ERR_ABORTED';
    if (closed && new URL(request.url()).pathname === '/api/live') return;
    failed.push(`${request.method()} ${request.url()}`);
  });
  context.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    // Signed out, the app asks for the session and the shell for the live stream, and is
    // told there is none: not a failure.
    const signedOutAsks = path === '/api/session' || path === '/api/live';
    const noSession = signedOutAsks && response.status() === 401 && !storageState;
    if (path.startsWith('/api/') && response.status() >= 400 && !noSession) {
      failed.push(`${response.request().method()} ${path} ${response.status()}`);
    }
  });
  try {
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const readyAt = '(window.__monityReadyAt ?? null)';
    await page.waitForFunction(`${readyAt} !== null`);
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    await page.waitForFunction(`${readyAt} !== null`);
    const ms = Number(await page.evaluate(readyAt));
    const chartAt = await page.evaluate('window.__monityChartAt ?? null');
    const chartMs = typeof chartAt === 'number' ? Math.round(chartAt) : undefined;
    const landed = new URL(page.url()).pathname;
    if (landed !== new URL(url).pathname) failed.push(`redirected to ${landed}`);
    const all = await Promise.all(sizes);
    const sum = (list: typeof all, of: (s: (typeof all)[number]) => number) =>
      list.reduce((total, s) => total + Math.max(0, of(s)), 0);
    return {
      ms: Math.round(ms),
      chartMs,
      jsBytes: sum(
        all.filter((s) => s.script),
        (s) => s.body,
      ),
      totalBytes: sum(all, (s) => s.body + s.headers),
      failed,
      slowestApi: api.sort((a, b) => b.ms - a.ms)[0],
    };
  } finally {
    await context.close();
  }
}
