/**
 * How full a revenue ceiling is. The rule, checked in this order (the first that holds wins):
 *  1. EXCEEDED   - realised revenue is above the ceiling: care above it is not paid (seeds 003, 004).
 *  2. THREATENED - the linear projection to year end is above the ceiling: the ZG rule that a provider reports
 *                  this by 1 September (seed 003).
 *  3. NEAR       - at least 75% of the ceiling is used: the MSZ threshold at which a provider may ask the
 *                  insurer to redirect new patients (seed 004).
 *  4. OK         - none of the above.
 * Exactly at the ceiling is not yet EXCEEDED, and a projection exactly at the ceiling is not THREATENED.
 * Every comparison is exact integer arithmetic on cents; nothing is rounded before deciding.
 */
export enum CeilingStatus {
  OK = 'OK',
  NEAR = 'NEAR',
  THREATENED = 'THREATENED',
  EXCEEDED = 'EXCEEDED',
}

/** The share of the ceiling at which a contract is NEAR, in percent (seed 004). */
export const NEAR_THRESHOLD_PERCENT = 75n;

/** The statuses the alerts list shows. */
export const ALERT_STATUSES: readonly CeilingStatus[] = [CeilingStatus.EXCEEDED, CeilingStatus.THREATENED, CeilingStatus.NEAR];

export interface CeilingFigures {
  /** The yearly ceiling in cents; null when the contract has none. */
  ceilingCents: bigint | null;
  /** Sum of the latest version of every period reported in the year, in cents. */
  realisedCents: bigint;
  /** Months from 1 January to the end of the latest reported period of the year (0 to 12); gaps count as zero revenue. */
  monthsCovered: number;
}

export interface CeilingAssessment {
  /** Used share of the ceiling in percent, rounded down to two decimals, so "75.00" appears exactly when NEAR can apply. */
  utilisationPercent: string | null;
  /** Linear projection to year end in cents, rounded up, so a projection shown above the ceiling is above it. */
  projectedCents: bigint | null;
  status: CeilingStatus | null;
}

export function assessCeiling({ ceilingCents, realisedCents, monthsCovered }: CeilingFigures): CeilingAssessment {
  if (!Number.isInteger(monthsCovered) || monthsCovered < 0 || monthsCovered > 12) {
    throw new RangeError(`monthsCovered must be 0 to 12; got ${monthsCovered}`);
  }
  const months = BigInt(monthsCovered);
  const projectedCents = months === 0n ? null : ceilDiv(realisedCents * 12n, months);
  if (ceilingCents === null || ceilingCents <= 0n) return { utilisationPercent: null, projectedCents, status: null };
  const hundredthsOfPercent = (realisedCents * 10_000n) / ceilingCents;
  const utilisationPercent = `${hundredthsOfPercent / 100n}.${String(hundredthsOfPercent % 100n).padStart(2, '0')}`;
  let status: CeilingStatus;
  if (realisedCents > ceilingCents) status = CeilingStatus.EXCEEDED;
  else if (months > 0n && realisedCents * 12n > ceilingCents * months) status = CeilingStatus.THREATENED;
  else if (realisedCents * 100n >= ceilingCents * NEAR_THRESHOLD_PERCENT) status = CeilingStatus.NEAR;
  else status = CeilingStatus.OK;
  return { utilisationPercent, projectedCents, status };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** "1250.50" to 125050n; the input is a canonical Money or database numeric(14,2) string. */
export function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`not an amount: ${amount}`);
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

/** 125050n to "1250.50". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
