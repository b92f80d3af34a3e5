import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLInterfaceType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getNamedType,
  isListType,
  isNonNullType,
  GraphQLOutputType,
  GraphQLField,
  getArgumentValues,
  getVariableValues,
} from 'graphql';
import type { QueryLimits } from '../config';
import { AppError, badInput } from '../core/errors';
import type { InputProblem } from '../shared/input-safety';
import { argumentProblem } from './input-rules';

export interface QueryAnalysis {
  depth: number;
  aliases: number;
  cost: number;
  /** The first `first` (or `last`) outside 0..maxPageSize, if any; refused by `enforceLimits` like the other limits. */
  invalidFirst: { argument: string; value: number } | null;
  /** The first argument value that breaks the input rules (NUL in text, a whole number out of range), if any. */
  inputProblem: InputProblem | null;
}

/** A list that is not a connection is priced as if it held this many items. */
const ASSUMED_LIST_SIZE = 10;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Measures an operation before it runs: depth, aliases and a cost in which every field costs 1 and the
 * selections under a connection are multiplied by its `first` (or by the number of ids for `nodes`).
 * Arguments are read as execution will see them: variables coerced with their defaults, so a `first` or an
 * `ids` list costs the same whether it is written inline, passed in a variable or taken from a default. The
 * same values are checked against the input rules, once for every field of the operation.
 */
export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: Pick<QueryLimits, 'defaultPageSize' | 'maxPageSize'>,
): QueryAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let aliases = 0;
  let maxDepth = 0;
  let invalidFirst: { argument: string; value: number } | null = null;
  let inputProblem: InputProblem | null = null;
  // Variables that do not coerce fail the operation before any resolver runs; their fields are priced at defaults.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  const variableValues = coerced.coerced ?? null;

  const argsOf = (def: GraphQLField<unknown, unknown>, field: FieldNode): Record<string, unknown> => {
    if (!variableValues || !field.arguments?.length) return {};
    try {
      return getArgumentValues(def, field, variableValues);
    } catch {
      // Execution reports the same argument error; nothing runs, so it is priced as if the argument were absent.
      return {};
    }
  };

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType, depth: number, seen: Set<string>): number => {
    maxDepth = Math.max(maxDepth, depth);
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const target = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? parent : parent;
        cost += walk(selection.selectionSet, target, depth, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const target = schema.getType(fragment.typeCondition.name.value) ?? parent;
        cost += walk(fragment.selectionSet, target, depth, new Set([...seen, fragment.name.value]));
        continue;
      }
      if (selection.alias) aliases += 1;
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const fields = parent instanceof GraphQLObjectType || parent instanceof GraphQLInterfaceType ? parent.getFields() : {};
      const def = fields[name];
      if (!def) continue;
      const args = argsOf(def, selection);
      inputProblem ??= argumentProblem(def, args);
      cost += 1;
      if (!selection.selectionSet) continue;
      const child = getNamedType(def.type);
      let multiplier = 1;
      if (child.name.endsWith('Connection')) {
        // `last` asks for as many items as `first`; the resolver refuses both together.
        const argument = typeof args.first === 'number' ? 'first' : 'last';
        const size = args[argument];
        if (typeof size === 'number' && (size < 0 || size > limits.maxPageSize)) invalidFirst ??= { argument, value: size };
        multiplier = typeof size === 'number' ? Math.max(size, 1) : limits.defaultPageSize;
      } else if (name === 'nodes' && parent === schema.getQueryType()) {
        const ids = args.ids;
        multiplier = Array.isArray(ids) ? Math.max(ids.length, 1) : 1;
      } else if (isList(def.type) && !parent.name.endsWith('Connection')) {
        // The items of a connection (`nodes`, `edges`) were already multiplied by its `first`.
        multiplier = ASSUMED_LIST_SIZE;
      }
      cost += multiplier * walk(selection.selectionSet, child, depth + 1, seen);
    }
    return cost;
  };

  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  const cost = root ? walk(operation.selectionSet, root, 1, new Set()) : 0;
  return { depth: maxDepth, aliases, cost, invalidFirst, inputProblem };
}

/** Refuses an operation over any limit, before a resolver runs. */
export function enforceLimits(analysis: QueryAnalysis, limits: QueryLimits): void {
  if (analysis.inputProblem) throw badInput(analysis.inputProblem.message, { argument: analysis.inputProblem.path.join('.') });
  if (analysis.invalidFirst !== null) {
    const { argument, value } = analysis.invalidFirst;
    throw badInput(`${argument} must be between 0 and ${limits.maxPageSize}; got ${value}.`, { argument });
  }
  if (analysis.depth > limits.maxDepth) {
    throw new AppError('QUERY_TOO_COMPLEX', `The query is ${analysis.depth} levels deep; at most ${limits.maxDepth} are allowed.`, {
      depth: analysis.depth,
      maxDepth: limits.maxDepth,
    });
  }
  if (analysis.aliases > limits.maxAliases) {
    throw new AppError('QUERY_TOO_COMPLEX', `The query uses ${analysis.aliases} aliases; at most ${limits.maxAliases} are allowed.`, {
      aliases: analysis.aliases,
      maxAliases: limits.maxAliases,
    });
  }
  if (analysis.cost > limits.maxCost) {
    throw new AppError(
      'QUERY_TOO_COMPLEX',
      `The query would cost ${analysis.cost} points; at most ${limits.maxCost} are allowed. Ask for smaller pages or fewer nested lists.`,
      { cost: analysis.cost, maxCost: limits.maxCost },
    );
  }
}
