import { createRenderer, defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's EventSource: the test plays the server's part. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(type: string, data?: unknown, lastEventId = ''): void {
    if (type === 'open') this.readyState = FakeEventSource.OPEN;
    const event = { data: JSON.stringify(data), lastEventId } as MessageEvent;
    this.listeners.get(type)?.forEach((listener) => listener(event));
  }

  /** A dropped connection the browser retries (`closed`: one it gave up on, like a 401). */
  fail({ closed }: { closed: boolean }): void {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.emit('error');
  }
}

// Nuxt auto-imports these; the composable finds them as globals here.
vi.stubGlobal('ref', ref);
vi.stubGlobal('onMounted', onMounted);
vi.stubGlobal('onBeforeUnmount', onBeforeUnmount);
vi.stubGlobal('EventSource', FakeEventSource);
const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
vi.stubGlobal('document', page);
/** Where the page shell saw the read models before any data was asked for, if it did. */
let shellPosition: string | undefined;
vi.stubGlobal('positionBeforeData', () => shellPosition);

function show(visibility: 'visible' | 'hidden'): void {
  page.visibilityState = visibility;
  page.dispatchEvent(new Event('visibilitychange'));
}
const { useLiveUpdates } = await import('../app/composables/useLiveUpdates.ts');

// Enough of a renderer to mount a component without a DOM, for its lifecycle hooks.
const { createApp } = createRenderer<object, object>({
  createElement: () => ({}),
  createText: () => ({}),
  createComment: () => ({}),
  insert: () => undefined,
  remove: () => undefined,
  patchProp: () => undefined,
  setText: () => undefined,
  setElementText: () => undefined,
  parentNode: () => null,
  nextSibling: () => null,
});

function mount(options?: { projections?: string[] }, use = useLiveUpdates) {
  const changes: string[][] = [];
  let live!: ReturnType<typeof useLiveUpdates>;
  const component = defineComponent(() => {
    live = use((projections) => changes.push(projections), options);
    return () => h('div');
  });
  const app = createApp(component);
  app.mount({});
  return { changes, connected: () => live.connected.value, unmount: () => app.unmount() };
}

const latest = () => FakeEventSource.opened.at(-1)!;

describe('useLiveUpdates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.opened = [];
    page.visibilityState = 'visible';
  });
  afterEach(() => vi.useRealTimers());

  it('opens the stream on mount and reports the changes it is asked for', () => {
    const view = mount({ projections: ['ledger', 'groups'] });

    expect(latest().url).toBe('/api/live');
    expect(latest().init).toEqual({ withCredentials: true });
    expect(view.connected()).toBe(false);
    latest().emit('open');
    expect(view.connected()).toBe(true);

    latest().emit('read-models', { projections: ['ledger', 'audit_log'], position: '1:2' });
    latest().emit('read-models', { projections: ['audit_log'], position: '1:3' });
    latest().emit('read-models', { projections: ['groups'], position: '1:4' });

    expect(view.changes).toEqual([['ledger'], ['groups']]);
    view.unmount();
  });

  it('reports the read models once as its stream opens, unless the tab has seen them there', () => {
    // A change between a page's request for its data and its stream's opening: the first page
    // of a tab cannot know, the next one knows where the stream before it left off.
    const ready = (position: string) =>
      latest().emit('ready', { projections: ['ledger', 'messages'], position }, position);
    const first = mount({ projections: ['messages'] });
    ready('7:1');
    latest().emit('read-models', { projections: ['messages'], position: '7:2' }, '7:2');
    expect(first.changes).toEqual([['messages'], ['messages']]);
    first.unmount();

    const next = mount({ projections: ['messages'] });
    ready('7:2');
    expect(next.changes).toEqual([]);
    next.unmount();

    const later = mount({ projections: ['messages'] });
    ready('7:3');
    expect(later.changes).toEqual([['messages']]);
    later.unmount();
  });

  it('reports nothing from the ready of a stream opened again: the server reports it', () => {
    const view = mount({ projections: ['ledger'] });
    latest().emit('ready', { projections: ['ledger'], position: '8:1' }, '8:1');
    expect(view.changes).toEqual([['ledger']]);

    latest().fail({ closed: true });
    vi.advanceTimersByTime(1_000);
    latest().emit('ready', { projections: ['ledger'], position: '8:5' }, '8:5');
    expect(view.changes).toEqual([['ledger']]);
    view.unmount();
  });

  it('reports every change when no projections are named', () => {
    const view = mount();
    latest().emit('read-models', { projections: ['audit_log'], position: '1:3' });

    expect(view.changes).toEqual([['audit_log']]);
    view.unmount();
  });

  it("leaves a dropped connection to the browser's own reconnection", () => {
    const view = mount();
    latest().emit('open');

    latest().fail({ closed: false });
    vi.advanceTimersByTime(120_000);

    expect(view.connected()).toBe(false);
    expect(FakeEventSource.opened).toHaveLength(1);
    latest().emit('open');
    expect(view.connected()).toBe(true);
    view.unmount();
  });

  it('opens a refused stream again after a pause that doubles, resuming where it was', () => {
    const log = vi.spyOn(console, 'error');
    const view = mount();
    latest().emit('open');
    latest().emit('ready', { position: '4:1' }, '4:1');

    latest().fail({ closed: true });
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().url).toBe('/api/live?lastEventId=4%3A1');

    latest().fail({ closed: true });
    vi.advanceTimersByTime(1_999);
    expect(FakeEventSource.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(3);
    expect(log).not.toHaveBeenCalled();
    view.unmount();
  });

  it('closes the stream of a tab hidden for 30 s, and resumes it when the tab shows', () => {
    const view = mount();
    const first = latest();
    first.emit('open');
    first.emit('ready', { position: '4:1' }, '4:1');

    show('hidden');
    vi.advanceTimersByTime(29_000);
    show('visible');
    expect(first.readyState).toBe(FakeEventSource.OPEN);

    show('hidden');
    vi.advanceTimersByTime(30_000);
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    expect(view.connected()).toBe(false);
    show('visible');

    expect(FakeEventSource.opened).toHaveLength(2);
    expect(latest().url).toBe('/api/live?lastEventId=4%3A1');
    view.unmount();
  });

  it('closes the stream, and any reopening, on unmount', () => {
    const view = mount();
    const first = latest();
    first.fail({ closed: true });

    view.unmount();
    vi.advanceTimersByTime(120_000);

    show('hidden');
    show('visible');
    expect(FakeEventSource.opened).toEqual([first]);
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    expect(view.connected()).toBe(false);
  });
});

describe("useLiveUpdates on a tab's first page", () => {
  /** A new tab: the module's memory of where its streams stood starts empty. */
  async function firstPage(shell: string | undefined) {
    vi.resetModules();
    shellPosition = shell;
    const { useLiveUpdates: fresh } = await import('../app/composables/useLiveUpdates.ts');
    return mount({ projections: ['ledger'] }, fresh);
  }
  const ready = (position: string) =>
    latest().emit('ready', { projections: ['ledger'], position }, position);

  afterEach(() => {
    shellPosition = undefined;
  });

  it('reports nothing when the shell saw the read models where the stream opens', async () => {
    const view = await firstPage('9:1');
    ready('9:1');
    expect(view.changes).toEqual([]);
    view.unmount();
  });

  it('reports them when they moved after the shell saw them', async () => {
    const view = await firstPage('9:1');
    ready('9:2');
    expect(view.changes).toEqual([['ledger']]);
    view.unmount();
  });

  it('reports them when the shell could not tell before the data was asked for', async () => {
    const view = await firstPage(undefined);
    ready('9:1');
    expect(view.changes).toEqual([['ledger']]);
    view.unmount();
  });
});
