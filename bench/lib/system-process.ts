// A system of the token scenario in a process of its own (`system-child.ts`): Gatehouse with a
// given configuration, or oidc-provider in memory. Systems that shared one process would share
// one heap, so each system's garbage would slow down the others.
import { fork, type ChildProcess } from 'node:child_process';

export type Code = { code: string; verifier: string };

/** What the child is asked to start. `codeClient`: the client codes are minted for. */
export type SystemSpec =
  | { kind: 'gatehouse'; config: Record<string, unknown>; codeClient: { clientId: string; redirectUri: string; scopes: string[] } }
  | { kind: 'oidc-provider'; resource: string };

/** Parent → child: mint `mint` codes ahead in the system's own store, or close. */
export type ParentMessage = { id: number; mint: number } | { close: true };

/** Child → parent. */
export type ChildMessage =
  | { ready: { origin: string; resource: string } }
  | { id: number; codes: Code[] }
  | { id: number; mintFailed: string }
  | { failed: string };

/** A running system: where it listens, the RFC 8707 resource of its tokens, and codes minted ahead. */
export interface SystemProcess {
  origin: string;
  resource: string;
  mintCodes(count: number): Promise<Code[]>;
  close(): Promise<void>;
}

const CHILD = new URL('./system-child.ts', import.meta.url).pathname;

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
      if ('ready' in message) return resolve(message.ready);
      if ('failed' in message) return reject(new Error(message.failed));
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if ('codes' in message) call?.resolve(message.codes);
      else call?.reject(new Error(message.mintFailed));
    });
  });
  return {
    ...ready,
    mintCodes: (count) =>
      new Promise((resolve, reject) => {
        if (gone) return reject(gone);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ id, mint: count } satisfies ParentMessage);
      }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true } satisfies ParentMessage);
      await exited;
    },
  };
}
