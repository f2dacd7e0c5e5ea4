import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { ThrottledError } from '../errors.ts';

const PER_ACCOUNT = { points: 5, duration: 15 * 60 };
const PER_ADDRESS = { points: 50, duration: 60 * 60 };

/**
 * Counts failed logins in PostgreSQL, so every server process shares the count: five failures
 * for one e-mail from one address, or fifty from one address, block further tries for a while.
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(pool: pg.Pool) {
    const store = { storeClient: pool, storeType: 'pool', tableName: 'login_throttle' };
    this.perAccount = new RateLimiterPostgres({
      ...store,
      ...PER_ACCOUNT,
      tableCreated: true,
      keyPrefix: 'login_account',
    });
    this.perAddress = new RateLimiterPostgres({
      ...store,
      ...PER_ADDRESS,
      tableCreated: true,
      keyPrefix: 'login_address',
    });
  }

  /** Throws while either count is used up. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.perAccount.get(accountKey(email, ip)),
      this.perAddress.get(ip),
    ]);
    const blocked = [
      [account, PER_ACCOUNT.points],
      [address, PER_ADDRESS.points],
    ] as const;
    for (const [result, points] of blocked) {
      if (result && result.consumedPoints >= points) throw throttled(result);
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(accountKey(email, ip)),
      this.perAddress.penalty(ip),
    ]).catch((error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    });
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.perAccount.delete(accountKey(email, ip));
  }
}

function accountKey(email: string, ip: string): string {
  return `${email.toLowerCase()}|${ip}`;
}

function throttled(result: RateLimiterRes): ThrottledError {
  const seconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return new ThrottledError(
    'login_throttled',
    `Too many failed logins; try again in ${Math.ceil(seconds / 60)} min.`,
    seconds,
  );
}
