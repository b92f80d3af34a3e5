import { defineLoader } from '../core/loaders';
import type { Row } from '../db/find-page';
import type { Segment } from './segment.entity';
import { segmentsByIds } from './segment.service';

export const segmentLoaders = {
  byId: defineLoader<number, Row<Segment> | null>('segments.byId', (ctx, ids) => segmentsByIds(ctx, ids)),
};
