import { createServer } from 'node:net';

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** A random Polish tax id (NIP) with a valid check digit. */
export function polishTaxId(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, index) =>
      index === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10),
    );
    const check = digits.reduce((sum, digit, index) => sum + digit * NIP_WEIGHTS[index]!, 0) % 11;
    if (check !== 10) return [...digits, check].join('');
  }
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `YYYY-MM-DD`, `days` from today (negative: before) in the time zone of a company signed up
 * without one (Europe/Warsaw), where Monity counts days overdue: from 23:00 UTC in winter it is
 * already tomorrow there.
 */
export function companyDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
  return new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
}
