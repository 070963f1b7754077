/**
 * Gathers what is sent during one turn of the event loop into one message, sent when the turn's
 * I/O has been handled (`setImmediate`). Each `postMessage` costs a structured clone and a wake-up
 * of the other thread (≈5–7 µs here); under load, one turn makes many calls (store calls,
 * signatures), and the other thread answers many at once. `flush()` sends at once.
 *
 * `maxBatch` sends a message as soon as it holds that many items, without waiting for the turn
 * to end: the other thread starts on them while this one still handles the rest of the turn.
 */
export function createOutbox<T>(send: (items: T[]) => void, maxBatch = Infinity): { push(item: T): void; flush(): void } {
  let items: T[] = [];
  const flush = () => {
    if (items.length === 0) return;
    const sending = items;
    items = [];
    send(sending);
  };
  return {
    push(item) {
      const waiting = items.push(item);
      if (waiting >= maxBatch) flush();
      else if (waiting === 1) setImmediate(flush);
    },
    flush,
  };
}
