import { Kind } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects the sub-field at `path` (names, not aliases), through fragments too. A
 * service loads a relation with its rows only when the client asks for it: the statement count of a query stays
 * what it was, and a relation resolved from a row needs no loader promise per row.
 */
export function selectsPath(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && inSelection(info, node.selectionSet, path, 0));
}

function inSelection(info: Pick<GraphQLResolveInfo, 'fragments'>, set: SelectionSetNode, path: readonly string[], depth: number): boolean {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== path[depth]) continue;
      if (depth === path.length - 1) return true;
      if (selection.selectionSet && inSelection(info, selection.selectionSet, path, depth + 1)) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (inSelection(info, selection.selectionSet, path, depth)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && inSelection(info, fragment.selectionSet, path, depth)) return true;
    }
  }
  return false;
}

export const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * The fields a selection set selects on one object type, fragments flattened, for the answers written without
 * graphql-js (json-read.ts, plain-answer.ts): `refuse` is called (and must throw) on what they leave to graphql-js,
 * which is a directive, a fragment on another type, and a response key selected twice.
 */
export function flatFields(
  set: SelectionSetNode,
  typeName: string,
  fragments: Record<string, FragmentDefinitionNode>,
  refuse: (why: string) => never,
  into: FieldNode[] = [],
): FieldNode[] {
  for (const selection of set.selections) {
    if (selection.directives?.length) refuse('directive');
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selection.typeCondition && selection.typeCondition.name.value !== typeName) refuse('fragment on another type');
      flatFields(selection.selectionSet, typeName, fragments, refuse, into);
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || fragment.directives?.length || fragment.typeCondition.name.value !== typeName) return refuse('fragment on another type');
      flatFields(fragment.selectionSet, typeName, fragments, refuse, into);
    }
  }
  if (new Set(into.map(responseKey)).size !== into.length) refuse('repeated response key');
  return into;
}
