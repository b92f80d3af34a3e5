import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getArgumentValues,
  getVariableValues,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { RequestContext } from '../core/context';
import { flatFields, responseKey } from './selection';

/**
 * Answers written without graphql-js walking them (issue 12): a root field whose answer is a tree of plain objects
 * (the KPI dashboard: a hundred rows of progress and figures) is resolved by its own function, and its selection is
 * written by reading properties and serialising leaves with the schema's own scalars and enums. graphql-js spends
 * more on a field (path, info, promise checks) than reading the property costs.
 *
 * What a root registers decides what is covered: fields without a resolver of their own (type-graphql's
 * `simpleResolvers` types), fields it resolves itself, and for an entity type the fields it maps to properties. The
 * selection is checked against that before anything runs; anything else (another field, an argument, a directive, a
 * fragment on an interface, a repeated response key) leaves the operation to ordinary execution, as does an error
 * while writing (which ordinary execution then reports as it always does).
 */

type Json = Record<string, unknown>;

/** A field the root resolves itself: the value of the field of `source`, from its arguments. */
export type PlainField = (source: never, args: Record<string, unknown>, ctx: RequestContext) => unknown;

export interface PlainRoot {
  /** The root field's value from its arguments; null is written as null. */
  resolve: (ctx: RequestContext, args: Record<string, unknown>) => Promise<unknown>;
  /** "Type.field" → how it is resolved. */
  fields: Record<string, PlainField>;
  /** For types whose fields carry resolvers (entities): GraphQL field → property, the only fields covered. */
  properties?: Record<string, Record<string, string>>;
}

const roots = new Map<string, PlainRoot>();

export function registerPlainRoot(field: string, root: PlainRoot): void {
  roots.set(field, root);
}

class NotPlain extends Error {}

const notPlain = (why: string): never => {
  throw new NotPlain(why);
};

interface Writer {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  root: PlainRoot;
  ctx: RequestContext;
  /** Promises whose values are still to be written into their places. */
  pending: PromiseLike<void>[];
  flattened: Map<SelectionSetNode, FieldNode[]>;
}


/** The fields of a selection set on one object type (selection.ts); anything else is not covered. */
const fieldsOf = (w: Writer, set: SelectionSetNode, typeName: string): FieldNode[] => flatFields(set, typeName, w.fragments, notPlain);

/** The object type under lists and non-null wrappers, or null for a leaf; interfaces and unions are not covered. */
function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | null {
  let inner = type;
  while (isNonNullType(inner) || isListType(inner)) inner = inner.ofType;
  if (isObjectType(inner)) return inner;
  if (isScalarType(inner) || isEnumType(inner)) return null;
  return notPlain('abstract type');
}

/** Checks, before anything runs, that every selected field below `type` is covered. */
function check(w: Writer, type: GraphQLObjectType, set: SelectionSetNode | undefined): void {
  if (!set) notPlain('no selection');
  const mapped = w.root.properties?.[type.name];
  for (const field of fieldsOf(w, set!, type.name)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const def = type.getFields()[name] ?? notPlain(`unknown field ${type.name}.${name}`);
    const own = w.root.fields[`${type.name}.${name}`];
    if (!own) {
      if (field.arguments?.length || def.args.length) notPlain(`arguments of ${type.name}.${name}`);
      if (mapped ? !mapped[name] : def.resolve) notPlain(`resolver of ${type.name}.${name}`);
    }
    const inner = objectTypeOf(def.type);
    if (inner) check(w, inner, field.selectionSet);
    else if (field.selectionSet) notPlain('selection on a leaf');
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/**
 * The value of a field, written. Synchronous: a promise (a connection's totalCount) leaves a placeholder, filled when
 * it settles (`w.pending`), so the hundred rows cost no promise each and the keys keep their order.
 */
function complete(w: Writer, type: GraphQLOutputType, value: unknown, field: FieldNode): unknown {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) return notPlain('null in a non-null field');
    return complete(w, type.ofType, value, field);
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) return notPlain('not a list');
    return value.map((item) => completeValue(w, type.ofType, item, field));
  }
  if (isScalarType(type) || isEnumType(type)) return type.serialize(value);
  return write(w, type as GraphQLObjectType, value as Json, field.selectionSet!);
}

/** complete() of a value that may be a promise: then its place holds null until the promise settles. */
function completeValue(w: Writer, type: GraphQLOutputType, value: unknown, field: FieldNode, into?: { out: Json; key: string }): unknown {
  if (!isThenable(value)) return complete(w, type, value, field);
  const place = into ?? notPlain('a promise in a list');
  w.pending.push(
    Promise.resolve(value).then((settled) => {
      place!.out[place!.key] = complete(w, type, settled, field);
    }),
  );
  return null;
}

/** The fields of a selection set, flattened once per request (a hundred rows share their selection). */
function fieldsOnce(w: Writer, set: SelectionSetNode, typeName: string): FieldNode[] {
  let fields = w.flattened.get(set);
  if (!fields) w.flattened.set(set, (fields = fieldsOf(w, set, typeName)));
  return fields;
}

function write(w: Writer, type: GraphQLObjectType, source: Json, set: SelectionSetNode): Json {
  const out: Json = {};
  const mapped = w.root.properties?.[type.name];
  const defs = type.getFields();
  for (const field of fieldsOnce(w, set, type.name)) {
    const name = field.name.value;
    const key = responseKey(field);
    if (name === '__typename') {
      out[key] = type.name;
      continue;
    }
    const def = defs[name];
    const own = w.root.fields[`${type.name}.${name}`];
    const value = own ? own(source as never, getArgumentValues(def, field, w.variables), w.ctx) : source[mapped?.[name] ?? name];
    out[key] = isThenable(value) ? completeValue(w, def.type, value, field, { out, key }) : complete(w, def.type, value, field);
  }
  return out;
}

/**
 * The data of a query operation whose one root field is registered here, written without graphql-js, or null when
 * the operation is not covered (then nothing has run) or writing it failed (then ordinary execution runs it again
 * and reports the error as it always does).
 */
export async function plainAnswer(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Record<string, unknown>,
  ctx: RequestContext,
): Promise<Json | null> {
  if (operation.operation !== 'query' || operation.directives?.length) return null;
  const first = operation.selectionSet.selections[0];
  const root = operation.selectionSet.selections.length === 1 && first.kind === Kind.FIELD ? roots.get(first.name.value) : undefined;
  if (!root || first.kind !== Kind.FIELD || first.directives?.length) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const w: Writer = { schema, fragments, variables: coerced.coerced, root, ctx, pending: [], flattened: new Map() };
  const def = schema.getQueryType()!.getFields()[first.name.value];
  try {
    const type = objectTypeOf(def.type) ?? notPlain('leaf root');
    check(w, type!, first.selectionSet);
    const data: Json = {};
    const key = responseKey(first);
    data[key] = complete(w, def.type, await root.resolve(ctx, getArgumentValues(def, first, w.variables)), first);
    while (w.pending.length > 0) await Promise.all(w.pending.splice(0));
    return data;
  } catch {
    return null;
  }
}
