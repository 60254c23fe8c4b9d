// Small HTTP helpers for the loopback tests: one connection per request, so nothing lingers.
import { request } from 'node:http';
import { connect } from 'node:net';

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the connection error code, or 'connected' when something accepted the connection. */
export function tryConnect(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** A TimerPort the test fires by hand: no test waits on real time. */
export function manualTimers() {
  const pending: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    schedule(callback: () => void, ms: number) {
      const entry = { callback, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    fireAll() {
      for (const entry of pending.splice(0)) if (!entry.cancelled) entry.callback();
    },
    get active() {
      return pending.filter((entry) => !entry.cancelled).length;
    },
  };
}
