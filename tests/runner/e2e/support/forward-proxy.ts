import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** `host:port` of every connection it made for a client: tunnels (CONNECT) and forwarded absolute-URI requests. */
  readonly reached: string[];
  /** The local ports of those connections: a request the target got from another port did not come through here. */
  readonly ports: ReadonlySet<number>;
  close(): Promise<void>;
}

/** An HTTP proxy as a corporate network has one: CONNECT tunnels (undici) and absolute-URI requests (Dredd's client). */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const reached: string[] = [];
  const ports = new Set<number>();
  const server = createServer((incoming, outgoing) => {
    const target = new URL(incoming.url ?? '');
    reached.push(target.host);
    const upstream = request(target, { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    // A kept-alive socket is handed over already connected.
    upstream.on('socket', (socket) => {
      if (socket.localPort !== undefined) ports.add(socket.localPort);
      else socket.once('connect', () => ports.add(socket.localPort ?? 0));
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, socket, head) => {
    const authority = incoming.url ?? '';
    reached.push(authority);
    const [host, port] = authority.split(':');
    const upstream = connect(Number(port), host, () => {
      ports.add(upstream.localPort ?? 0);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reached,
    ports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
