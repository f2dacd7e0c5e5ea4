import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { generateLedger } from '../index.ts';

/**
 * Garbage collection on demand, so the heap is measured for what is live rather than for what
 * a lazy collector has not yet freed: the flag applies to contexts made after it is set.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

it('generates 200,000 invoices while the live heap stays flat', () => {
  const gc = collector();
  const ledger = generateLedger({ customers: 20_000, seed: 4, today: '2026-12-03' });
  gc();
  const before = process.memoryUsage().heapUsed;
  let invoices = 0;
  let peak = 0;
  for (const line of ledger.ledgerLines()) {
    if (line.kind !== 'invoice') continue;
    invoices++;
    if (invoices % 25_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  expect(invoices).toBeGreaterThan(190_000);
  // Kept whole, these records would take well over 100 MB; streamed, a few MB stay live.
  expect(peak).toBeLessThan(16 * 1024 * 1024);
});
