import { currentToken, signOut } from './auth';

/** Every page reads and writes through the public GraphQL API with the signed-in credential, nothing else. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function answer<T>(response: Response): Promise<T> {
  if (response.status === 401) {
    signOut();
    throw new ApiError('UNAUTHENTICATED', 'UNAUTHENTICATED');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(`HTTP ${response.status}`, null);
  }
  if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code ?? null);
  if (!body.data) throw new ApiError(`HTTP ${response.status}`, null);
  return body.data;
}

function bearer(): string {
  const token = currentToken();
  if (!token) throw new ApiError('UNAUTHENTICATED', 'UNAUTHENTICATED');
  return `Bearer ${token}`;
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer() },
    body: JSON.stringify({ query, variables }),
  });
  return answer<T>(response);
}

/** A GraphQL multipart request (graphql-multipart-request-spec) with the file at `variables.input.file`. */
export async function gqlUpload<T = any>(query: string, input: Record<string, unknown>, file: File): Promise<T> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { input: { ...input, file: null } } }));
  form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.append('0', file, file.name);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { authorization: bearer(), 'apollo-require-preflight': 'true' },
    body: form,
  });
  return answer<T>(response);
}
