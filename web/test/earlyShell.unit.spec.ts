import { afterEach, describe, expect, it, vi } from 'vitest';

/** A new tab whose shell's stream said `look`, or nothing; its module is new. */
async function tab(look?: { position: string; at: number }) {
  vi.resetModules();
  vi.stubGlobal('window', { __monityLive: Promise.resolve(look) });
  const shell = await import('../app/utils/earlyShell.ts');
  await shell.shellLookedAtReadModels(1_000);
  return shell;
}

describe('where the page shell saw the read models', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('counts when the shell heard it before the app asked for any data', async () => {
    const shell = await tab({ position: '3:7', at: 200 });
    vi.spyOn(performance, 'now').mockReturnValue(500);
    shell.noteDataAsked();
    expect(shell.positionBeforeData()).toBe('3:7');
  });

  it('counts before any data is asked for', async () => {
    const shell = await tab({ position: '3:7', at: 200 });
    expect(shell.positionBeforeData()).toBe('3:7');
  });

  it('does not count when data was asked for first, or the shell heard nothing', async () => {
    const late = await tab({ position: '3:7', at: 200 });
    vi.spyOn(performance, 'now').mockReturnValue(100);
    late.noteDataAsked();
    expect(late.positionBeforeData()).toBeUndefined();

    const none = await tab(undefined);
    expect(none.positionBeforeData()).toBeUndefined();
  });

  it('stops waiting for a shell that does not answer', async () => {
    vi.resetModules();
    vi.stubGlobal('window', { __monityLive: new Promise(() => undefined) });
    const shell = await import('../app/utils/earlyShell.ts');
    await shell.shellLookedAtReadModels(10);
    expect(shell.positionBeforeData()).toBeUndefined();
  });
});
