import { useTestApp, dataOf } from '../support/app';

const app = useTestApp();

const sorted = (values: string[], direction: 'ASC' | 'DESC') => {
  const copy = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return direction === 'ASC' ? copy : copy.reverse();
};

describe('ordering and filters of the smaller reference lists', () => {
  it.each(['ASC', 'DESC'] as const)('orders segments by name %s and filters by representation', async (direction) => {
    // when
    const data = dataOf(
      await app.gql(`query($d: OrderDirection!) { all: segments(first: 100, orderBy: { field: NAME, direction: $d }) { nodes { name } }
        represented: segments(filter: { representation: true }, orderBy: { field: CODE }) { nodes { code } } }`, { d: direction }),
    );
    // then
    const names = data.all.nodes.map((n: any) => n.name);
    expect(names).toEqual(sorted(names, direction));
    // other files may add segments of their own; the seeded representation segments must be there, the others not
    const represented = data.represented.nodes.map((n: any) => n.code);
    expect(represented).toEqual(expect.arrayContaining(['AMBULANCE', 'COORDINATION']));
    expect(represented).not.toEqual(expect.arrayContaining(['ZG']));
    expect(represented).not.toEqual(expect.arrayContaining(['MSZ']));
    expect(represented).toEqual(sorted(represented, 'ASC'));
  });

  it('filters concerns by a search text and orders them by code descending', async () => {
    // given
    const marker = `Ordering group ${await app.factory.nextNumber()}`;
    const a = await app.factory.concern({ name: `${marker} A` });
    const b = await app.factory.concern({ name: `${marker} B` });
    // when
    const data = dataOf(await app.gql(`query($s: String) { concerns(filter: { search: $s }, orderBy: { field: CODE, direction: DESC }) { totalCount nodes { code } } }`, { s: marker }));
    // then
    expect(data.concerns.totalCount).toBe(2);
    expect(data.concerns.nodes.map((n: any) => n.code)).toEqual(sorted([a.code, b.code], 'DESC'));
  });

  it('orders the market shares of a region by share, smallest first', async () => {
    // given
    const region = await app.factory.region();
    const [x, y, z] = [await app.factory.insurer(), await app.factory.insurer(), await app.factory.insurer()];
    await app.factory.marketShare(x, region, 2024, '40.00');
    await app.factory.marketShare(y, region, 2024, '10.50');
    await app.factory.marketShare(z, region, 2024, '25.25');
    // when
    const data = dataOf(
      await app.gql(`query($r: String) { marketShares(filter: { regionCode: $r, year: 2024 }, orderBy: { field: SHARE, direction: ASC }) { nodes { sharePercent insurer { uzovi } } } }`, {
        r: region.code,
      }),
    );
    // then
    expect(data.marketShares.nodes.map((n: any) => n.sharePercent)).toEqual(['10.50', '25.25', '40.00']);
    expect(data.marketShares.nodes[0].insurer.uzovi).toBe(y.uzovi);
  });

  it('orders purchasing policies by first contract year, oldest first', async () => {
    // given
    const insurer = await app.factory.insurer();
    const segment = await app.factory.segment();
    await app.factory.policy(insurer, segment, 2026);
    await app.factory.policy(insurer, segment, 2024, 2025);
    // when
    const data = dataOf(
      await app.gql(`query($u: String) { purchasingPolicies(filter: { insurerUzovi: $u }, orderBy: { field: FIRST_YEAR }) { nodes { firstYear lastYear } } }`, { u: insurer.uzovi }),
    );
    // then
    expect(data.purchasingPolicies.nodes).toEqual([{ firstYear: 2024, lastYear: 2025 }, { firstYear: 2026, lastYear: 2026 }]);
  });
});
