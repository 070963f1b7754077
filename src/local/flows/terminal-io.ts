import { createInterface } from 'node:readline';
import { LocalSignInError } from '../../errors/local-sign-in-error.js';
import type { SignInIo } from './types.js';

/**
 * Talking to the person from a local server or the CLI: messages on stderr (stdout is the MCP
 * channel of a stdio server), the system browser through the `open` package unless
 * `GATEHOUSE_LOCAL_BROWSER=none`, and pasted lines from `input` when there is one.
 */
export function terminalIo(options: { env?: NodeJS.ProcessEnv; input?: NodeJS.ReadableStream } = {}): SignInIo {
  const env = options.env ?? process.env;
  const io: SignInIo = {
    say: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    async openBrowser(url) {
      if (env.GATEHOUSE_LOCAL_BROWSER === 'none') return false;
      try {
        const { default: open } = await import('open');
        const child = await open(url, { wait: false });
        child.on('error', () => {});
        child.unref();
        return true;
      } catch {
        return false;
      }
    },
  };
  const input = options.input;
  if (input) {
    io.readLine = async (prompt) => {
      const lines = createInterface({ input, terminal: false });
      process.stderr.write(prompt);
      try {
        return await new Promise<string>((resolve, reject) => {
          lines.once('line', resolve);
          lines.once('close', () => reject(new LocalSignInError('invalid_callback', 'No address was pasted; nothing was saved.')));
        });
      } finally {
        lines.close();
      }
    };
  }
  return io;
}
