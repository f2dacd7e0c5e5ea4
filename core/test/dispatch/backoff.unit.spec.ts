import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/dispatch/backoff.ts';
import { crashHookFromEnv } from '../../src/dispatch/crashPoint.ts';

describe('retry delays', () => {
  const backoff = { baseMs: 1_000, capMs: 60_000 };

  it('double with each attempt, half of each delay random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('stop growing at the cap', () => {
    expect(retryDelayMs(30, backoff, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, backoff, () => 0)).toBe(30_000);
  });
});

describe('the crash test hook', () => {
  it('is off outside tests, whatever the variable says', () => {
    expect(crashHookFromEnv({ MONITY_TEST_DISPATCH_CRASH: 'after-call' })).toBeUndefined();
    const production = { NODE_ENV: 'production', MONITY_TEST_DISPATCH_CRASH: 'after-call' };
    expect(crashHookFromEnv(production)).toBeUndefined();
    expect(crashHookFromEnv({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('refuses a point it does not know', () => {
    const env = { NODE_ENV: 'test', MONITY_TEST_DISPATCH_CRASH: 'sometime' };
    expect(() => crashHookFromEnv(env)).toThrow(/must be one of before-mark/);
    const zero = { NODE_ENV: 'test', MONITY_TEST_DISPATCH_CRASH: 'after-call@0' };
    expect(() => crashHookFromEnv(zero)).toThrow();
  });

  it('passes other points and earlier arrivals by', () => {
    const hook = crashHookFromEnv({ NODE_ENV: 'test', MONITY_TEST_DISPATCH_CRASH: 'after-call@3' });
    expect(() => {
      hook!('before-call');
      hook!('after-call');
      hook!('after-call');
    }).not.toThrow();
  });
});
