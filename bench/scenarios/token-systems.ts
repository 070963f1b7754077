// The systems the token scenario compares, each started in a process of its own
// (`token-system-child.ts`): Gatehouse on one store backend, or oidc-provider in memory. A shared
// process would share one heap, so each system's garbage would slow down the others.
import { fork, type ChildProcess } from 'node:child_process';
import type { Backend } from '../lib/backends.js';

export type Code = { code: string; verifier: string };

/** What the child is asked to start. */
export type SystemSpec =
  | { kind: 'gatehouse'; store: Backend['store']; clientId: string; redirectUri: string; scopes: string[] }
  | { kind: 'oidc-provider'; resource: string };

/** Child → parent. */
export type ChildMessage =
  | { ready: { origin: string; resource: string } }
  | { id: number; codes: Code[] }
  | { failed: string };

/** A running system: where its token endpoint is, and codes minted ahead in its own store. */
export interface SystemProcess {
  origin: string;
  /** The RFC 8707 resource its tokens are for. */
  resource: string;
  mintCodes(count: number): Promise<Code[]>;
  close(): Promise<void>;
}

const CHILD = new URL('./token-system-child.ts', import.meta.url).pathname;

export async function startSystemProcess(spec: SystemSpec): Promise<SystemProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(spec)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: (codes: Code[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let gone: Error | undefined;
  // A system that dies fails the run at once, rather than leaving a mint waiting forever.
  child.once('exit', (code) => {
    gone = new Error(`the ${spec.kind} process exited (code ${code})`);
    for (const { reject } of waiting.values()) reject(gone);
    waiting.clear();
  });
  const ready = await new Promise<{ origin: string; resource: string }>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`${gone!.message} before it was ready`)));
    child.on('message', (message: ChildMessage) => {
      if ('ready' in message) resolve(message.ready);
      else if ('failed' in message) reject(new Error(message.failed));
      else {
        waiting.get(message.id)?.resolve(message.codes);
        waiting.delete(message.id);
      }
    });
  });
  return {
    ...ready,
    mintCodes: (count) =>
      new Promise((resolve, reject) => {
        if (gone) return reject(gone);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ id, mint: count });
      }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true });
      await exited;
    },
  };
}
