import http from 'node:http';
import { Pool } from 'pg';
import { FLOOR_SQL, FloorParams, floorValues } from './kpi-floor';

/**
 * The floor as a server, started by reads.bench.ts in a process of its own (as the API is): every request runs the
 * one hand-written statement on a pool as large as the API's and sends its JSON. No GraphQL, no authentication,
 * no business code: what answering the dashboard costs at the least.
 */
function main(): void {
  const params = JSON.parse(process.env.FLOOR_PARAMS ?? '') as FloorParams;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const values = floorValues(params);
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.url === '/healthz') {
      res.end('ok');
      return;
    }
    pool.query<{ body: unknown }>(FLOOR_SQL, values).then(
      (result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: result.rows[0].body }));
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      },
    );
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

if (require.main === module) main();
