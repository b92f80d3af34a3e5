import type { EntityManager } from '@mikro-orm/postgresql';
import { PROVIDERS } from '../db/seed-data';
import { Provider } from '../provider/provider.entity';
import { ProviderElvBeds } from './checklist.entities';

/** The ELV beds of the demo ELV providers (seed-data.ts), behind the 85% coverage rule of seed 002. */
export async function seedElvBeds(em: EntityManager): Promise<void> {
  const withBeds = PROVIDERS.filter((p) => p.elvBeds !== undefined);
  const providers = new Map((await em.find(Provider, { agb: { $in: withBeds.map((p) => p.agb) } })).map((p) => [p.agb, p]));
  for (const seed of withBeds) {
    const provider = providers.get(seed.agb);
    if (provider) em.create(ProviderElvBeds, { provider, beds: seed.elvBeds! });
  }
  await em.flush();
}
