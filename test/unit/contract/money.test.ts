import { InvalidMoney, parseMoney } from '../../../src/core/parse';
import { MoneyScalar } from '../../../src/graphql/scalars';

describe('Money scalar', () => {
  it.each([
    ['1250', '1250.00'],
    ['1250.5', '1250.50'],
    [' 1250.50 ', '1250.50'],
    ['0', '0.00'],
    ['-0.00', '0.00'],
    ['007.10', '7.10'],
    ['999999999999.99', '999999999999.99'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each([
    ['-1', 'NEGATIVE'],
    ['-0.01', 'NEGATIVE'],
    ['abc', 'NOT_A_NUMBER'],
    ['1,250.00', 'NOT_A_NUMBER'],
    ['1250,50', 'NOT_A_NUMBER'],
    ['1e6', 'NOT_A_NUMBER'],
    ['', 'NOT_A_NUMBER'],
    ['12.345', 'TOO_MANY_DECIMALS'],
    ['1000000000000', 'TOO_LARGE'],
  ])('lets %j through as invalid (%s) for the mutation to refuse', (input, reason) => {
    const parsed = parseMoney(input);
    expect(parsed).toBeInstanceOf(InvalidMoney);
    expect((parsed as InvalidMoney).reason).toBe(reason);
  });

  it('treats a JSON number as invalid: amounts are strings, never floats', () => {
    expect(MoneyScalar.parseValue(12.5)).toEqual(new InvalidMoney('12.5', 'NOT_A_STRING'));
  });

  it('serialises database decimals and refuses to serialise anything that is not an amount', () => {
    expect(MoneyScalar.serialize('18400000.00')).toBe('18400000.00');
    expect(() => MoneyScalar.serialize(12.5)).toThrow();
  });
});
