import { OptionalProps, Entity, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { PolicyMilestone } from '../../purchasing-policy/policy-milestone.entity';

/** The deadline of a reporting year: a date, or a policy milestone whose date it follows. */
@Entity({ tableName: 'monitoring_deadline' })
export class MonitoringDeadline {
  [OptionalProps]?: 'updatedAt' | 'dueOn' | 'milestone';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'smallint', unique: true })
  year!: number;

  @Property({ type: 'date', nullable: true })
  dueOn: string | null = null;

  @ManyToOne(() => PolicyMilestone, { ref: true, nullable: true, deleteRule: 'set null' })
  milestone: Ref<PolicyMilestone> | null = null;

  @Property({ type: 'string', length: 200 })
  setBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
