import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isObjectType,
} from 'graphql';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { RequestContext } from '../core/context';
import { flatFields, responseKey } from './selection';
import { CursorValue } from '../core/paging';
import { PageArgs, toConnection } from './connection';
import { keysetPlan } from '../db/find-page';
import { preparedRead } from '../db/prepared';

/**
 * Reads compiled to SQL (issue 12): a query whose every root field is a registered list of reference data, selecting
 * only fields this module knows, is answered by one statement per root field that builds the answer's JSON in
 * PostgreSQL (json_build_object / json_agg, every value a parameter), without the resolvers, the loaders or
 * graphql-js walking the answer. Whatever it does not cover (another field, a directive, a fragment on an interface,
 * a repeated response key, an empty page, an error) is left to ordinary execution, which answers the same data.
 *
 * Only types every authenticated principal may read in full belong here (`reference.read`, README's policy table):
 * nothing in a compiled statement checks a row against the viewer.
 */

/** A relation of a compiled type: `one` row this row's column refers to, or `many` rows whose column refers to it. */
export interface JsonRelation {
  kind: 'one' | 'many';
  type: string;
  /** one: this row's column holding the other's id; many: the other rows' column holding this row's id. */
  column: string;
  /** many: the order of the related rows, as columns of theirs ("year desc", "id asc"). */
  order?: string[];
  /** many: arguments that keep the related rows whose column equals the argument (when the argument is given). */
  args?: Record<string, string>;
}

export interface JsonType {
  table: string;
  /** GraphQL field → column of the table, optionally with a cast ("share_percent::text"). */
  columns: Record<string, string>;
  relations?: Record<string, JsonRelation>;
}

/** A root list field: the page's filter and order as the service builds them (and its permission check). */
export interface JsonRoot<T extends object = object> {
  type: string;
  entity: EntityName<T>;
  query: (ctx: RequestContext, args: Record<string, unknown>) => { where: FilterQuery<T>; orderBy: QueryOrderMap<T>[] };
}

const types = new Map<string, JsonType>();
const roots = new Map<string, JsonRoot>();
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const SQL_NAME = /^[a-z_][a-z0-9_]*$/;
const CAST = /^[a-z_][a-z0-9_]*(::(text|int))?$/;

export function registerJsonType(name: string, type: JsonType): void {
  const orders = Object.values(type.relations ?? {}).flatMap((r) => [r.column, ...(r.order ?? []), ...Object.values(r.args ?? {})]);
  if (!NAME.test(name) || !SQL_NAME.test(type.table) || !Object.values(type.columns).every((c) => CAST.test(c))) throw new Error(`json read: bad type ${name}`);
  if (!orders.every((o) => /^[a-z_][a-z0-9_]*( (asc|desc))?$/.test(o))) throw new Error(`json read: bad relation of ${name}`);
  const known = types.get(name);
  // A feature may add the relations it owns to another's type (the region feature owns Insurer.marketShares).
  types.set(name, known ? { table: known.table, columns: { ...known.columns, ...type.columns }, relations: { ...known.relations, ...type.relations } } : type);
}

export function registerJsonRoot<T extends object>(field: string, root: JsonRoot<T>): void {
  roots.set(field, root as unknown as JsonRoot);
}

/** Thrown while compiling: the operation is left to ordinary execution. */
class NotCompiled extends Error {}

const notCompiled = (why: string): never => {
  throw new NotCompiled(why);
};

interface Compiler {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  params: unknown[];
  aliases: number;
}

/** The fields of a selection set on one object type (selection.ts); anything else is not compiled. */
const fieldsOf = (c: Compiler, set: SelectionSetNode, typeName: string): FieldNode[] => flatFields(set, typeName, c.fragments, notCompiled);


function fieldDef(c: Compiler, typeName: string, name: string): GraphQLField<unknown, unknown> {
  const type = c.schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  return field ?? notCompiled(`unknown field ${typeName}.${name}`);
}

function param(c: Compiler, value: unknown): string {
  c.params.push(value);
  return '?';
}

/** base64url("<Type>:<id>"), as encodeGlobalId writes it. */
const globalIdSql = (typeName: string, alias: string) => `translate(encode(convert_to('${typeName}:' || ${alias}.id, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

/**
 * json_build_object of the selected fields of one row of `typeName` (table alias `alias`). A `one` relation is a
 * left join added to `joins` (the FROM of the statement or subquery the row comes from): PostgreSQL joins a page's
 * regions in one hash join, where a subquery per row would look each one up again.
 */
function objectSql(c: Compiler, typeName: string, alias: string, set: SelectionSetNode | undefined, joins: string[]): string {
  const type = types.get(typeName) ?? notCompiled(`type ${typeName}`);
  if (!set) return notCompiled('no selection');
  const pairs: string[] = [];
  for (const field of fieldsOf(c, set, typeName)) {
    const name = field.name.value;
    const key = `'${responseKey(field)}'`;
    if (name === '__typename') pairs.push(key, `'${typeName}'`);
    else if (name === 'id') pairs.push(key, globalIdSql(typeName, alias));
    else if (type.columns[name] && !field.arguments?.length) pairs.push(key, `${alias}.${type.columns[name]}`);
    else if (type.relations?.[name]) pairs.push(key, relationSql(c, typeName, alias, field, type.relations[name], joins));
    else notCompiled(`field ${typeName}.${name}`);
  }
  if (pairs.length > 100) notCompiled('too many fields');
  return `json_build_object(${pairs.join(', ')})`;
}

function relationSql(c: Compiler, typeName: string, alias: string, field: FieldNode, relation: JsonRelation, joins: string[]): string {
  const other = types.get(relation.type) ?? notCompiled(`type ${relation.type}`);
  const next = `j${(c.aliases += 1)}`;
  if (relation.kind === 'one') {
    if (field.arguments?.length) notCompiled('arguments');
    // Joined on the primary key: at most one row, so the rows of the FROM are neither repeated nor dropped.
    joins.push(`left join ${other.table} ${next} on ${next}.id = ${alias}.${relation.column}`);
    const object = objectSql(c, relation.type, next, field.selectionSet, joins);
    return `case when ${next}.id is null then null else ${object} end`;
  }
  const args = getArgumentValues(fieldDef(c, typeName, field.name.value), field, c.variables);
  // The object comes first, its parameters before those of the conditions.
  const inner: string[] = [];
  const object = objectSql(c, relation.type, next, field.selectionSet, inner);
  const conditions = [`${next}.${relation.column} = ${alias}.id`];
  for (const [arg, column] of Object.entries(relation.args ?? {})) {
    if (args[arg] != null) conditions.push(`${next}.${column} = ${param(c, args[arg])}`);
  }
  for (const arg of Object.keys(args)) if (!relation.args?.[arg]) notCompiled(`argument ${arg}`);
  const order = (relation.order ?? ['id asc']).map((o) => `${next}.${o}`).join(', ');
  return `coalesce((select json_agg(${object} order by ${order}) from ${other.table} ${next} ${inner.join(' ')} where ${conditions.join(' and ')}), '[]'::json)`;
}

type Json = Record<string, unknown>;

/** A root field compiled: its one statement, and what makes its answer of the statement's row. */
interface CompiledField {
  sql: string;
  params: unknown[];
  finish: (row: Json) => Json;
}

/** One root list field: one statement for its page (rows, whether more follow and, when asked, the count). */
function rootField(c: Compiler, ctx: RequestContext, field: FieldNode, root: JsonRoot): CompiledField {
  const def = fieldDef(c, 'Query', field.name.value);
  const args = getArgumentValues(def, field, c.variables);
  const connectionType = getNamedType(def.type) as GraphQLObjectType;
  const edgeType = getNamedType(connectionType.getFields().edges?.type ?? notCompiled('not a connection')) as GraphQLObjectType;
  const { where, orderBy } = root.query(ctx, args);
  // The page as findRowPage reads it (filter, keyset condition after a cursor, order, cursors); backward pages,
  // updatedSince reads and orders the plan does not cover run the ordinary path.
  const plan = keysetPlan(ctx, root.entity, where, orderBy, args as PageArgs) ?? notCompiled('order');
  if (plan.request.backward) notCompiled('backward page');
  const limit = plan.request.limit;
  // An empty page runs no statement on the ordinary path; it is cheap there.
  if (limit === 0) notCompiled('empty page');
  const order = plan.keys.map((k) => {
    if (!SQL_NAME.test(k.column)) notCompiled('order');
    return `e.${k.column} ${k.dir}`;
  });

  const connection = fieldsOf(c, field.selectionSet ?? notCompiled('no selection'), connectionType.name);
  const columns: string[] = [];
  let nodesAt = -1;
  let edgeNodesAt = -1;
  let counted = false;
  let edgeFields: FieldNode[] = [];
  const joins: string[] = [];
  const aggregate = (set: SelectionSetNode | undefined) => `coalesce(json_agg(${objectSql(c, root.type, 'e', set, joins)} order by ${order.join(', ')}), '[]'::json)`;
  for (const f of connection) {
    const name = f.name.value;
    if (name === 'nodes') {
      if (nodesAt >= 0) notCompiled('nodes twice');
      nodesAt = columns.push(`${aggregate(f.selectionSet)} as "nodes"`) - 1;
    } else if (name === 'edges') {
      if (edgeNodesAt >= 0 || edgeFields.length) notCompiled('edges twice');
      edgeFields = fieldsOf(c, f.selectionSet ?? notCompiled('no selection'), edgeType.name);
      const nodeField = edgeFields.filter((e) => e.name.value === 'node');
      if (nodeField.length > 1) notCompiled('node twice');
      if (nodeField.length === 1) edgeNodesAt = columns.push(`${aggregate(nodeField[0].selectionSet)} as "edge_nodes"`) - 1;
    } else if (name === 'totalCount') counted = true;
    else if (name !== 'pageInfo' && name !== '__typename') notCompiled(`field ${name}`);
  }
  const page = ctx.em.createQueryBuilder(root.entity, 'e0').select('e0.*').where(plan.where).orderBy(plan.orderBy).limit(limit + 1);
  // The cursors' key values, in the page's order, when the answer shows cursors.
  const withCursors = connection.some((f) => f.name.value === 'edges' || f.name.value === 'pageInfo');
  if (withCursors) columns.push(`coalesce(json_agg(json_build_array(${plan.keys.map((k) => `e.${k.column}`).join(', ')}) order by ${order.join(', ')}), '[]'::json) as "keys"`);
  if (counted) {
    const count = ctx.em.createQueryBuilder(root.entity, 'e0').count().where(where);
    const counting = count.getKnexQuery().toSQL();
    columns.push(`(${counting.sql})::int as "total"`);
    c.params.push(...counting.bindings);
  }
  columns.push('count(*)::int as "fetched"');
  // Placeholders as `?`, numbered by the driver with those of the columns before them.
  const rows = page.getKnexQuery().toSQL();
  const sql = `select ${columns.join(', ')} from (${rows.sql}) e ${joins.join(' ')}`;
  const params = [...c.params, ...rows.bindings];
  c.params = [];
  return { sql, params, finish: (row) => answerOf(c, row, { connection, connectionType, edgeType, edgeFields, nodesAt, edgeNodesAt, withCursors, limit, plan }) };
}

interface AnswerShape {
  connection: FieldNode[];
  connectionType: GraphQLObjectType;
  edgeType: GraphQLObjectType;
  edgeFields: FieldNode[];
  nodesAt: number;
  edgeNodesAt: number;
  withCursors: boolean;
  limit: number;
  plan: NonNullable<ReturnType<typeof keysetPlan>>;
}

/** The connection's answer from its statement's row, shaped as the ordinary path shapes it. */
function answerOf(c: Compiler, row: Json, { connection, connectionType, edgeType, edgeFields, nodesAt, edgeNodesAt, withCursors, limit, plan }: AnswerShape): Json {
  const nodes = (nodesAt >= 0 ? (row.nodes as unknown[]) : []).slice(0, limit);
  const edgeNodes = (edgeNodesAt >= 0 ? (row.edge_nodes as unknown[]) : []).slice(0, limit);
  const fetched = Number(row.fetched);
  const shown = Math.min(fetched, limit);
  // Cursors and page info as the ordinary path makes them (findRowPage's plan, the connection's own functions).
  const items = Array.from({ length: shown }, (_, i) => i);
  const keys = withCursors ? (row.keys as CursorValue[][]).slice(0, limit) : [];
  const built = toConnection<number>({
    items,
    cursors: items.map((i) => (withCursors ? plan.cursor(keys[i]!) : '')),
    hasNextPage: fetched > limit,
    hasPreviousPage: plan.fromCursor,
    totalCount: async () => Number(row.total),
  });

  const answer: Json = {};
  for (const f of connection) {
    const key = responseKey(f);
    switch (f.name.value) {
      case '__typename':
        answer[key] = connectionType.name;
        break;
      case 'nodes':
        answer[key] = nodes;
        break;
      case 'totalCount':
        answer[key] = Number(row.total);
        break;
      case 'pageInfo': {
        const info: Json = {};
        for (const p of fieldsOf(c, f.selectionSet ?? notCompiled('no selection'), 'PageInfo')) {
          const name = p.name.value;
          if (name === '__typename') info[responseKey(p)] = 'PageInfo';
          else if (name in built.pageInfo) info[responseKey(p)] = built.pageInfo[name as keyof typeof built.pageInfo];
          else notCompiled(`field PageInfo.${name}`);
        }
        answer[key] = info;
        break;
      }
      case 'edges':
        answer[key] = built.edges.map((edge) => {
          const out: Json = {};
          for (const e of edgeFields) {
            const name = e.name.value;
            if (name === '__typename') out[responseKey(e)] = edgeType.name;
            else if (name === 'cursor') out[responseKey(e)] = edge.cursor;
            else if (name === 'node') out[responseKey(e)] = edgeNodes[edge.node];
            else notCompiled(`field ${edgeType.name}.${name}`);
          }
          return out;
        });
        break;
    }
  }
  return answer;
}

/**
 * A data-modifying statement (`?` placeholders, a RETURNING with a boolean column `allowed`) that a compiled answer
 * sends in its first statement, as a common table expression: the rate-limit charge of the operation, so that the
 * charge and the page are one round trip. The page is read only when `allowed` is true.
 */
export interface CarriedStatement {
  sql: string;
  params: unknown[];
}

export interface CompiledAnswer {
  /** The answer; null when the carried statement refused, or when a statement after it failed. */
  data: Json | null;
  /** The carried statement's RETURNING row, when one was carried (it ran, and counted, whatever data is). */
  carried: Json | null;
}

/**
 * The answer of a query operation compiled to one statement per root field, or null when any part of it is not
 * covered (then nothing ran, the carried statement neither, and the operation executes as always). Errors of
 * arguments, permissions or the database also give null, or data null once the carried statement has run:
 * ordinary execution reports them as it always does.
 */
export async function compiledAnswer(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Record<string, unknown>,
  ctx: RequestContext,
  carry?: CarriedStatement,
): Promise<CompiledAnswer | null> {
  if (operation.operation !== 'query' || operation.directives?.length) return null;
  // Every query passes here (it carries the charge when it compiles): a glance at its root fields first, before
  // its variables are coerced or its selection flattened.
  if (!operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || roots.has(s.name.value))) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const c: Compiler = { schema, fragments, variables: coerced.coerced, params: [], aliases: 0 };
  let statements: { key: string; field: CompiledField | null }[];
  try {
    const fields = fieldsOf(c, operation.selectionSet, schema.getQueryType()!.name);
    if (!fields.some((field) => roots.has(field.name.value))) return null;
    // Every root field is compiled before any statement runs, so that nothing runs for a query left to execution.
    statements = fields.map((field) => {
      const root = roots.get(field.name.value);
      if (!root && field.name.value !== '__typename') notCompiled(`root ${field.name.value}`);
      return { key: responseKey(field), field: root ? rootField(c, ctx, field, root) : null };
    });
  } catch {
    return null;
  }
  let carried: Json | null = null;
  try {
    const data: Json = {};
    // One after another, as the fields of a query would share one connection otherwise too.
    for (const { key, field } of statements) {
      if (!field) {
        data[key] = 'Query';
        continue;
      }
      if (carry && carried === null) {
        const sql = `with carried as (${carry.sql}) select row_to_json(carried) as "__carried", q.* from carried left join lateral (select * from (${field.sql}) s where carried.allowed) q on true`;
        const [row] = await preparedRead<Json>(ctx.em, sql, [...carry.params, ...field.params]);
        carried = row.__carried as Json;
        if (carried.allowed !== true) return { data: null, carried };
        data[key] = field.finish(row);
      } else {
        const [row] = await preparedRead<Json>(ctx.em, field.sql, field.params);
        data[key] = field.finish(row);
      }
    }
    return { data, carried };
  } catch {
    return carry && carried === null ? null : { data: null, carried };
  }
}
