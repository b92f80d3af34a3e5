import type { CliIo } from './commands';

/** Prints rows as an aligned plain-text table. */
export function printTable(io: CliIo, headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  io.out(line(headers));
  io.out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) io.out(line(r));
}
