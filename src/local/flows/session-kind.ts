/** Whether a browser can be opened here, and why we think so. */
export interface SessionKind {
  headless: boolean;
  reason: string;
}

/**
 * A session is headless under CI, over SSH (the browser would open on the far machine, if at
 * all), or on Linux/BSD without an X11 or Wayland display. macOS and Windows desktops always
 * have a browser to open.
 */
export function detectSessionKind(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): SessionKind {
  if (env.CI && env.CI !== 'false') return { headless: true, reason: 'running under CI' };
  if (env.SSH_CONNECTION || env.SSH_TTY || env.SSH_CLIENT) return { headless: true, reason: 'an SSH session' };
  if ((platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { headless: true, reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { headless: false, reason: 'a desktop session' };
}
