import { Field, ID, InterfaceType } from 'type-graphql';
import { typeNameOf } from '../core/global-id';

@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID that `node(id:)` accepts.',
  resolveType: (value: object) => typeNameOf(value),
  // Otherwise every loaded entity class implementing Node joins the schema, so the schema would depend on what the
  // process happened to import (the CLI and the server would emit different SDL); types come from the resolvers.
  autoRegisterImplementations: false,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global identifier of this object.' })
  globalId!: string;
}
