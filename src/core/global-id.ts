/**
 * Global IDs are opaque to clients: base64url of "<Type>:<database id>". Clients must not build them; they get
 * them from the API and pass them back.
 */
export function encodeGlobalId(typeName: string, id: number): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typeName: string; id: number } | null {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 200) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Z][A-Za-z]{0,63}):([1-9]\d{0,14})$/.exec(decoded);
  if (!match) return null;
  return { typeName: match[1], id: Number(match[2]) };
}

/**
 * The GraphQL type name of a read row (its `__typename`) or of a loaded entity (its class: entity class names are
 * the GraphQL type names).
 */
export function typeNameOf(value: object): string {
  return (value as { __typename?: string }).__typename ?? value.constructor.name;
}

/** The database id behind a global ID of the expected type, or null when it is malformed or of another type. */
export function idOfType(globalId: string, typeName: string): number | null {
  const decoded = decodeGlobalId(globalId);
  return decoded && decoded.typeName === typeName ? decoded.id : null;
}
