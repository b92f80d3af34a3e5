import type { Readable } from 'node:stream';
import { GraphQLError, GraphQLScalarType } from 'graphql';

/** A file part of a multipart request, as the resolver that takes it sees it. */
export interface FileUpload {
  filename: string;
  mimeType: string;
  /** The bytes as they arrive; the resolver reads it once, while the request is still streaming in. */
  stream: Readable;
}

/**
 * The value of an Upload variable: a promise of the file part, because the operation runs as soon as the
 * `operations` and `map` fields are in, before the files that follow them in the request.
 */
export class Upload {
  readonly promise: Promise<FileUpload>;
  resolve!: (file: FileUpload) => void;
  reject!: (error: Error) => void;
  file: FileUpload | null = null;

  constructor(
    /** The Idempotency-Key header of the multipart request, if it had one. */
    readonly idempotencyKey: string | null,
  ) {
    this.promise = new Promise<FileUpload>((resolve, reject) => {
      this.resolve = (file) => {
        this.file = file;
        resolve(file);
      };
      this.reject = reject;
    });
    // A file the operation never asks for must not become an unhandled rejection.
    this.promise.catch(() => undefined);
  }
}

function notAnUpload(): never {
  throw new GraphQLError(
    'Upload values are files sent as a multipart request (graphql-multipart-request-spec) with the header "apollo-require-preflight: true"; they cannot be written in the query or in JSON variables.',
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

export const UploadScalar = new GraphQLScalarType<Upload, never>({
  name: 'Upload',
  description:
    'A file sent in a multipart request per the graphql-multipart-request-spec; such a request needs the header "apollo-require-preflight: true".',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only type.');
  },
  parseValue: (value) => (value instanceof Upload ? value : notAnUpload()),
  parseLiteral: () => notAnUpload(),
});
