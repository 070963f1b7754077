// The SQLite store's own thread. better-sqlite3 is synchronous: run on the event loop, every
// statement, commit and checkpoint (with its fsync) would hold up every request in flight. Here
// each contract method is one call, the event loop only pays for posting it, and the calls that
// arrive together share one commit (sqlite-driver.ts).
import { parentPort } from 'node:worker_threads';
import type { Store } from '../contract.js';
import { openSqliteStore } from './sqlite.js';
import { createOutbox } from '../../runtime/outbox.js';
import { toThreadError, type CallReply, type StoreCall, type StoreCalls, type StoreOpen, type StoreReply } from './thread-messages.js';

const port = parentPort!;
// The caller's clock reading, sent with each call. Every SQL method reads its clock before its
// first await, and each call is started only after the one before it reached its first await,
// so no call sees another's.
let callerNow = Date.now();
const reply = (message: StoreReply) => port.postMessage(message);
const replies = createOutbox<CallReply>((batch) => reply({ replies: batch }));

// The thread may start before the program knows its database (sqlite-prestart.ts): it waits here.
const { open } = await new Promise<StoreOpen>((resolve) => port.once('message', resolve));
try {
  const { store, driver } = await openSqliteStore(open.path, () => callerNow, open.synchronous);
  const handle = async ({ id, method, args, now }: StoreCall) => {
    callerNow = now;
    try {
      const value = await (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      // Group commit: the answer waits for the commit that makes what the call did (or saw) last.
      await driver.settled();
      replies.push({ id, value });
    } catch (error) {
      replies.push({ id, error: toThreadError(error) });
    }
    if (method === 'close') {
      replies.flush();
      port.close();
    }
  };
  port.on('message', ({ calls }: StoreCalls) => {
    for (const call of calls) void handle(call);
  });
  reply({ ready: true });
} catch (error) {
  reply({ failed: toThreadError(error) });
  port.close();
}
