/**
 * A small HTTP proxy for tests, the kind a company network puts between a desktop and Google: clients
 * open a tunnel with CONNECT. The targets here are plain-HTTP (the emulator), so the proxy reads the
 * requests inside each tunnel with Node's own HTTP parser and forwards them, logging method, host and
 * path of every one: a test can check that each request to Google went through it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  /** The tunnel's target, `host:port`, as CONNECT named it. */
  target: string;
  method: string;
  /** Path without the query (which may carry a token). */
  path: string;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`, for HTTP_PROXY / HTTPS_PROXY. */
  url: string;
  /** Every CONNECT, in order. */
  tunnels: string[];
  /** Every request sent through a tunnel, in order. */
  requests: ProxiedRequest[];
  /** Requests sent to the proxy without a tunnel (absolute-form): refused with 405. */
  refused: string[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** Answer every CONNECT with this status instead of opening the tunnel (407: wants a sign-in; 403: refused). */
  refuseTunnelsWith?: number;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const requests: ProxiedRequest[] = [];
  const refused: string[] = [];
  const targetOf = new WeakMap<Socket, string>();
  const sockets = new Set<Socket>();

  // Reads the HTTP requests inside the tunnels and forwards each to the tunnel's target.
  const inner = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const target = targetOf.get(incoming.socket) ?? '';
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const path = incoming.url ?? '/';
    requests.push({ target, method: incoming.method ?? 'GET', path: path.split('?')[0] ?? path });
    const upstream = httpRequest(
      { host, port, method: incoming.method, path, headers: incoming.headers },
      (answer: IncomingMessage) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    incoming.pipe(upstream);
  });

  const proxy = createServer((incoming, response) => {
    refused.push(`${incoming.method ?? ''} ${incoming.url ?? ''}`);
    response.writeHead(405, { 'Content-Type': 'text/plain' });
    response.end('This proxy only tunnels (CONNECT).');
  });
  proxy.on('connect', (incoming: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = incoming.url ?? '';
    tunnels.push(target);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (options.refuseTunnelsWith !== undefined) {
      const status = options.refuseTunnelsWith;
      const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="corp"\r\n' : '';
      socket.end(`HTTP/1.1 ${status} Refused\r\n${challenge}Content-Length: 0\r\n\r\n`);
      return;
    }
    targetOf.set(socket, target);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    inner.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    requests,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      proxy.closeAllConnections();
      inner.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
