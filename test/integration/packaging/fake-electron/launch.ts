/**
 * Starts the real bundled main process (dist/main/main.cjs) in Node with the fake Electron, and talks to
 * the fake over the child-process channel. Resolves once the window has loaded its page.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));
const mainBundle = join(root, 'dist', 'main', 'main.cjs');
const register = fileURLToPath(new URL('./register.cjs', import.meta.url));

export interface LaunchedMain {
  child: ChildProcess;
  command<T>(message: Record<string, unknown>): Promise<T>;
  exited(): boolean;
  stderr(): string;
  stdout(): string;
  stop(): void;
}

export async function launchMain(env: Record<string, string>): Promise<LaunchedMain> {
  if (!existsSync(mainBundle)) throw new Error('dist/main/main.cjs is missing: run `npm run build` before this test.');
  const child = fork(mainBundle, [], {
    execArgv: ['--require', register],
    env: { ...process.env, FAKE_ELECTRON_APP_PATH: root, GLANCE_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const errors: string[] = [];
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let exited = false;
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  child.on('exit', () => (exited = true));
  let nextId = 0;
  const command = <T>(message: Record<string, unknown>) => {
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      const onMessage = (reply: { type: string; id?: number; value?: T; error?: string }) => {
        if (reply.type !== 'reply' || reply.id !== id) return;
        child.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply.value as T);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
  };
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type: string; title?: string }) => {
      if (message.type === 'window-loaded') resolve();
      if (message.type === 'error-box')
        reject(new Error(`The app failed to start: ${message.title}\n${errors.join('')}`));
    });
    child.on('exit', (code) =>
      reject(new Error(`The main process exited (${code}) before opening its window:\n${errors.join('')}`)),
    );
  });
  return {
    child,
    command,
    exited: () => exited,
    stderr: () => errors.join(''),
    stdout: () => output.join(''),
    stop: () => {
      if (!exited) child.kill();
    },
  };
}
