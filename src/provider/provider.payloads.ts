import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { userErrorType } from '../graphql/user-error';
import { Provider } from './provider.entity';
import { ProviderErrorCode } from './provider.errors';

registerEnumType(ProviderErrorCode, {
  name: 'ProviderErrorCode',
  description: 'Why a provider mutation was refused.',
  valuesConfig: {
    INVALID_AGB: { description: 'The AGB code is not exactly eight digits.' },
    DUPLICATE_AGB: { description: 'Another provider already has this AGB code.' },
    INVALID_KVK: { description: 'The KvK number is not exactly eight digits.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    UNKNOWN_REGION: { description: 'No ambulance region has the given code.' },
    NOT_FOUND: { description: 'The object to update does not exist.' },
  },
});

export const ProviderUserError = userErrorType('ProviderUserError', ProviderErrorCode, 'A problem with a provider mutation input.');

export const ProviderConnection = connectionType(Provider, 'Provider', 'provider');

@ObjectType('ProviderPayload', { description: 'Result of a provider mutation.' })
export class ProviderPayload {
  @Field(() => Provider, { nullable: true, description: 'The provider as saved; null when userErrors is not empty.' })
  provider!: Provider | null;

  @Field(() => [ProviderUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: InstanceType<typeof ProviderUserError>[];
}
