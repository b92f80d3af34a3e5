import type { MikroORM } from '@mikro-orm/postgresql';
import { requestScope } from '../db/request-scope';
import { preparedQuery } from '../db/prepared';

/** What the client is told about its budget: the values of the RateLimit-* response headers. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
}

/** A budget's state read inside another statement: its scalar subquery, parameters, and the state of its value. */
export interface Peek {
  sql: string;
  params: unknown[];
  state: (used: string | number | null) => RateLimitState;
}

const WINDOW_MS = 60_000;
/** Buckets of windows this old are deleted now and then; any instance may do it, the delete is idempotent. */
const SWEEP_EVERY = 1_000;
const SWEEP_AFTER_MS = 10 * WINDOW_MS;

/*
 * One statement charges a bucket: a new window starts from zero, a charge that fits is added, one that does not
 * leaves the bucket as it was and is reported as refused. PostgreSQL serialises concurrent charges of one key on
 * its row, so every instance on the database spends the same budget. SET expressions read the old row.
 * $1 key, $2 window start, $3 cost, $4 limit; a prepared statement (sent with every GraphQL request).
 */
const CHARGE = {
  name: 'zix_rate_charge',
  text: `
insert into rate_limit_bucket as b (key, window_start, used, allowed)
values ($1, $2, case when $3::bigint <= $4::bigint then $3::bigint else 0 end, $3::bigint <= $4::bigint)
on conflict (key) do update set
  used = case
    when b.window_start <> excluded.window_start then excluded.used
    when b.used + $3::bigint <= $4::bigint then b.used + $3::bigint
    else b.used end,
  allowed = case when b.window_start <> excluded.window_start then excluded.allowed else b.used + $3::bigint <= $4::bigint end,
  window_start = excluded.window_start
returning used, allowed`,
};

/** CHARGE with `?` placeholders, and which of its four values each one takes, for a statement that carries it. */
const CARRIED_ORDER: number[] = [];
const CARRIED_CHARGE = CHARGE.text.replace(/\$(\d)/g, (_, n: string) => {
  CARRIED_ORDER.push(Number(n));
  return '?';
});

/** The use of a key's budget in the current window, as a scalar subquery with the two given placeholders. */
export const budgetUsedSql = (key: string, windowStart: string) => `(select used from rate_limit_bucket where key = ${key} and window_start = ${windowStart})`;

/**
 * Budgets per key (a credential, a source address) per minute, in fixed windows, kept in PostgreSQL so that all
 * instances on one database share them. Its statements are not the operation's: they run outside the request's
 * SQL count.
 */
export class RateLimiter {
  private charges = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `cost` to the key's budget of `limit` per minute, unless that would exceed it. */
  async consume(key: string, cost: number, limit: number): Promise<RateLimitState> {
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    const [row] = await requestScope.exit(() =>
      preparedQuery<{ used: string; allowed: boolean }>(this.orm, CHARGE.name, CHARGE.text, [key, new Date(start), cost, limit]),
    );
    if (++this.charges % SWEEP_EVERY === 0) void this.sweep(start).catch(() => undefined);
    const used = Number(row.used);
    return { allowed: row.allowed, limit, remaining: Math.max(0, limit - used), resetSeconds: resetSeconds(start, now) };
  }

  /**
   * `consume` as a statement another statement can carry (a compiled read sends it as its first part, one round trip
   * for both): `?` placeholders, RETURNING `used` and `allowed`, and the state of the row it returns.
   */
  chargeOf(key: string, cost: number, limit: number): { sql: string; params: unknown[]; state: (row: Record<string, unknown>) => RateLimitState } {
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    const values = [key, new Date(start), cost, limit];
    return {
      sql: CARRIED_CHARGE,
      params: CARRIED_ORDER.map((n) => values[n - 1]),
      state: (row) => {
        if (++this.charges % SWEEP_EVERY === 0) void this.sweep(start).catch(() => undefined);
        const used = Number(row.used);
        return { allowed: row.allowed === true, limit, remaining: Math.max(0, limit - used), resetSeconds: resetSeconds(start, now) };
      },
    };
  }

  /** The key's state without charging it: not allowed once the window's budget is spent. */
  async peek(key: string, limit: number): Promise<RateLimitState> {
    const peek = this.peekOf(key, limit);
    const [row] = await this.run<{ used: string | null }>(`select ${peek.sql} as used`, peek.params);
    return peek.state(row?.used ?? null);
  }

  /**
   * `peek` as a scalar subquery another statement can carry (authentication reads the address's failures with the
   * token, in one round trip), and the state from the value it selects.
   */
  peekOf(key: string, limit: number): Peek {
    const now = this.now();
    const start = now - (now % WINDOW_MS);
    return {
      sql: budgetUsedSql('?', '?'),
      params: [key, new Date(start)],
      state: (value) => {
        const used = Number(value ?? 0);
        return { allowed: used < limit, limit, remaining: Math.max(0, limit - used), resetSeconds: resetSeconds(start, now) };
      },
    };
  }

  private run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return requestScope.exit(() => this.orm.em.getConnection().execute<T[]>(sql, params));
  }

  private async sweep(currentStart: number): Promise<void> {
    await this.run('delete from rate_limit_bucket where window_start < ?', [new Date(currentStart - SWEEP_AFTER_MS)]);
  }
}

function resetSeconds(start: number, now: number): number {
  return Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
}
