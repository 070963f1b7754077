/**
 * `INSERT … ON CONFLICT (key) DO UPDATE SET` every other column: the "put" of most records,
 * in the syntax SQLite and PostgreSQL share. Placeholders follow `columns` order.
 */
export function upsert(table: string, key: readonly string[], columns: readonly string[]): string {
  const all = [...key, ...columns];
  const set = columns.map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set}`;
}
