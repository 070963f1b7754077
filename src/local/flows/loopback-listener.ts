import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';

const CALLBACK_PATH = '/callback';

/** The browser came back: what it brought, and how to answer it. */
export interface LoopbackCallback {
  url: URL;
  /** Shows the person the outcome, then closes the listener. */
  finish(outcome: { ok: boolean; message: string }): void;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`. */
  readonly redirectUri: string;
  /** The first request on the callback path; rejects with `callback_timeout` after the timeout. */
  readonly callback: Promise<LoopbackCallback>;
  /** Stops listening (idempotent); a pending `callback` rejects. */
  close(): void;
}

export interface LoopbackListenerOptions {
  /** How long to wait for the browser, in ms. */
  timeoutMs: number;
  /** A fixed port (0 or absent: an ephemeral one the OS picks). */
  port?: number;
}

/**
 * The one-shot loopback redirect listener of RFC 8252 §7.3: bound to 127.0.0.1 only (never a
 * wildcard address, never `localhost`, which may resolve elsewhere), on an ephemeral port; it
 * takes one callback and closes, or closes at the timeout.
 */
export async function openLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  let settle: { resolve: (cb: LoopbackCallback) => void; reject: (error: Error) => void } | undefined;
  const callback = new Promise<LoopbackCallback>((resolve, reject) => (settle = { resolve, reject }));
  callback.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || settle === undefined) {
      page(response, 404, 'Not found', 'This address only takes the sign-in callback.');
      return;
    }
    const { resolve } = settle;
    settle = undefined;
    clearTimeout(timer);
    // One callback only: nothing else is accepted from here on.
    server.close();
    resolve({
      url: new URL(`${redirectUri}${url.search}`),
      // The page is sent in full before the listener and its connections close.
      finish: ({ ok, message }) => page(response, ok ? 200 : 400, ok ? 'Signed in' : 'Sign-in failed', message, close),
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      reject(
        new LocalSignInError(
          'port_unavailable',
          error.code === 'EADDRINUSE'
            ? `Port ${port} on 127.0.0.1 is already in use, so the sign-in cannot listen for the browser. Close what holds it, or let the port be chosen (0).`
            : `Cannot listen on 127.0.0.1:${port} for the sign-in (${error.code ?? error.message}).`,
          { cause: error },
        ),
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;

  function close(): void {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    settle?.reject(new LocalSignInError('callback_timeout', 'The sign-in was cancelled before the browser came back.'));
    settle = undefined;
  }

  timer = setTimeout(() => {
    settle?.reject(
      new LocalSignInError('callback_timeout', `Nobody came back from the browser within ${Math.round(options.timeoutMs / 1000)} s; the sign-in was stopped and nothing was saved.`),
    );
    settle = undefined;
    close();
  }, options.timeoutMs);
  timer.unref();

  return { redirectUri, callback, close };
}

function page(response: ServerResponse, status: number, title: string, message: string, then?: () => void): void {
  const body = `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><body style="font-family:system-ui;margin:3rem"><h1>${escape(title)}</h1><p>${escape(message)}</p></body>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(body, then);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
