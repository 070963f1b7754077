#!/usr/bin/env node
// Most of a cold start is loading the program's modules. The SQLite thread is started first, so
// it boots on another core meanwhile (see sqlite-prestart.ts); then the program loads.
import { prestartSqliteThread } from '../store/backends/sqlite-prestart.js';

prestartSqliteThread();
await import('./run.js');
