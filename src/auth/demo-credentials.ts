import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { ApiToken, OrganisationKindEnum } from './api-token.entity';
import { issueApiToken } from './token.service';
import { Role } from './roles';
import { Insurer } from '../insurer/insurer.entity';
import { Provider, ProviderKind } from '../provider/provider.entity';

const DEMO_LABEL = 'demo token (development start)';
const DEMO_HOURS = 12;

/**
 * The demo providers with a token, named by AGB code so that other providers (added through the API) never take
 * their place: Ziekenhuis Domstad in a Zilveren Kruis core region, with KPI targets and figures, and the
 * coordination function of Utrecht, whose preferred insurer is Zilveren Kruis and whose signatories are seeded.
 */
const DEMO_HOSPITAL_AGB = '06010901';
const DEMO_COORDINATION_FUNCTION_AGB = '03010901';

interface DemoSpec {
  title: string;
  kind: OrganisationKindEnum;
  role: Role;
  find: (em: EntityManager) => Promise<Insurer | Provider | null>;
}

const SPECS: DemoSpec[] = [
  { title: 'operator admin', kind: OrganisationKindEnum.OPERATOR, role: Role.OPERATOR_ADMIN, find: async () => null },
  { title: 'Zilveren Kruis, insurer admin', kind: OrganisationKindEnum.INSURER, role: Role.INSURER_ADMIN, find: (em) => em.findOne(Insurer, { name: 'Zilveren Kruis' }) },
  { title: 'Zorg en Zekerheid, insurer member', kind: OrganisationKindEnum.INSURER, role: Role.INSURER_MEMBER, find: (em) => em.findOne(Insurer, { name: 'Zorg en Zekerheid' }) },
  { title: 'Zilveren Kruis, KPI dashboard', kind: OrganisationKindEnum.INSURER, role: Role.DASHBOARD, find: (em) => em.findOne(Insurer, { name: 'Zilveren Kruis' }) },
  {
    title: 'a hospital, provider submitter',
    kind: OrganisationKindEnum.PROVIDER,
    role: Role.PROVIDER_SUBMITTER,
    find: (em) => em.findOne(Provider, { kind: ProviderKind.HOSPITAL, agb: DEMO_HOSPITAL_AGB }),
  },
  {
    title: 'a coordination function, provider submitter',
    kind: OrganisationKindEnum.PROVIDER,
    role: Role.PROVIDER_SUBMITTER,
    find: (em) => em.findOne(Provider, { kind: ProviderKind.COORDINATION_FUNCTION, agb: DEMO_COORDINATION_FUNCTION_AGB }),
  },
];

/**
 * Development only: revokes the demo tokens of an earlier start and prints fresh ones for the demo
 * organisations, valid for 12 hours. Secrets are never stored in the repository or in plain text.
 */
export async function printDemoCredentials(orm: MikroORM, print: (line: string) => void): Promise<void> {
  const em = orm.em.fork() as EntityManager;
  await em.nativeUpdate(ApiToken, { label: DEMO_LABEL, revokedAt: null }, { revokedAt: new Date() });
  print(`\nDemo tokens (valid ${DEMO_HOURS} hours; send as "Authorization: Bearer <token>"):`);
  for (const spec of SPECS) {
    const org = await spec.find(em);
    if (spec.kind !== OrganisationKindEnum.OPERATOR && !org) continue;
    const { secret } = issueApiToken(em, {
      organisationKind: spec.kind,
      insurer: org instanceof Insurer ? org : null,
      provider: org instanceof Provider ? org : null,
      role: spec.role,
      label: DEMO_LABEL,
      expiresAt: new Date(Date.now() + DEMO_HOURS * 3_600_000),
      createdBy: 'development start',
    });
    const name = org instanceof Insurer ? ` (${org.uzovi})` : org instanceof Provider ? ` (${org.name}, AGB ${org.agb})` : '';
    print(`  ${`${spec.title}${name}`.padEnd(70)} ${secret}`);
  }
  await em.flush();
  print('');
}
