import type { RunningApp, GqlResponse } from './app';

export const SUMMARY_FIELDS = `outcome dryRun replayed rowErrorPolicy submit filename format byteSize contentSha256
  rowsRead created updated unchanged rejected submissionsCreated submissionsUpdated submissionsUnchanged
  errorCount warningCount problemsTruncated problems { row column code severity message }
  import { id } sameContentAs { id }`;

export const UPLOAD = `mutation($input: MonitoringUploadInput!) {
  monitoringUpload(input: $input) { summary { ${SUMMARY_FIELDS} } userErrors { field code message } }
}`;

export interface UploadOptions {
  token: string;
  filename?: string;
  input?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Leave out the preflight header that CSRF prevention asks for. */
  noPreflight?: boolean;
  /** Another monitoringUpload operation than UPLOAD, with the same $input. */
  query?: string;
}

/** A GraphQL multipart request (graphql-multipart-request-spec): operations, map, then the file. */
export async function uploadMultipart(app: RunningApp, file: Buffer, options: UploadOptions): Promise<GqlResponse> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: options.query ?? UPLOAD, variables: { input: { ...options.input, file: null } } }));
  form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.append('0', new Blob([file]), options.filename ?? 'zn.csv');
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, ...options.headers };
  if (!options.noPreflight) headers['apollo-require-preflight'] = 'true';
  const response = await fetch(app.url, { method: 'POST', headers, body: form });
  const text = await response.text();
  let body: GqlResponse['body'];
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/** The summary of an upload that must have answered with one. */
export async function upload(app: RunningApp, file: Buffer, options: UploadOptions): Promise<Record<string, any>> {
  const response = await uploadMultipart(app, file, options);
  const payload = response.body.data?.monitoringUpload;
  if (!payload?.summary) throw new Error(`expected a summary, got ${response.status}: ${JSON.stringify(response.body)}`);
  return payload.summary;
}

export const codesOf = (summary: Record<string, any>) => summary.problems.map((p: any) => p.code);
