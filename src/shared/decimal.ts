/**
 * The scale every Decimal of the API is shown with: percentages, shares, KPI values, euros and the ZN decimals all
 * have two decimals ("38.50"). One rule, applied by the Decimal scalar and by the ZN writers.
 */
export const DECIMAL_SCALE = 2;

/**
 * A decimal string ("1150.5", "14", "-3.1") written with at least `scale` decimals ("1150.50", "14.00", "-3.10"). Never
 * rounds: a value stored with more decimals (a ZN figure uploaded that way) keeps all of them, so nothing uploaded is
 * lost on the way out.
 */
export function withScale(value: string, scale: number = DECIMAL_SCALE): string {
  const point = value.indexOf('.');
  const decimals = point < 0 ? 0 : value.length - point - 1;
  if (decimals >= scale) return value;
  return `${value}${point < 0 ? '.' : ''}${'0'.repeat(scale - decimals)}`;
}
