import type { Store } from '../contract.js';
import type { Clock } from '../rules.js';
import { sqlAccountRecords } from './account-records.js';
import type { SqlDriver } from './driver.js';
import { sqlEphemeralRecords } from './ephemeral-records.js';
import { sqlTokenRecords } from './token-records.js';

/** The store over any `SqlDriver`: the SQL and the compare-and-set logic exist once for SQLite and PostgreSQL. */
export function createSqlStore(db: SqlDriver, clock: Clock): Store {
  return {
    kind: db.kind,
    ...sqlAccountRecords(db, clock),
    ...sqlTokenRecords(db, clock),
    ...sqlEphemeralRecords(db, clock),
    close: () => db.close(),
  };
}
