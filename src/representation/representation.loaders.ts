import { defineLoader } from '../core/loaders';
import { findByIds } from '../db/find-page';
import { Insurer } from '../insurer/insurer.entity';
import { AgreementFacts, agreementFacts } from './representation.service';

export const representationLoaders = {
  /** The facts behind an agreement's followers and warnings. */
  facts: defineLoader<number, AgreementFacts | null>('representation.facts', async (ctx, ids) => {
    const facts = await agreementFacts(ctx.em, ids);
    return ids.map((id) => facts.get(id) ?? null);
  }),
  /** Followers as entities, for the agreement's `followers` field. */
  insurers: defineLoader<number, Insurer | null>('representation.insurers', (ctx, ids) => findByIds(ctx, Insurer, ids)),
};
