import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { Provider } from './provider.entity';
import { ProviderUserError } from './provider.errors';

export const ProviderConnection = connectionType(Provider, 'Provider', 'provider');

@ObjectType('ProviderPayload', { description: 'Result of a provider mutation.' })
export class ProviderPayload {
  @Field(() => Provider, { nullable: true, description: 'The provider as saved; null when userErrors is not empty.' })
  provider!: Provider | null;

  @Field(() => [ProviderUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof ProviderUserError>[];
}
