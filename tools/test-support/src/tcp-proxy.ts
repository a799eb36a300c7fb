import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, to cut and restore the network between a service and its
 * database (or upstream) in tests: `cut()` drops every connection and refuses new ones; `restore()` listens again.
 */
export interface TcpProxy {
  port: number;
  /** Holds every chunk coming back from the target this long (0: none), to make the target look slow. */
  setDelay(ms: number): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let delayMs = 0;
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const createServer = (): net.Server =>
    net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (delayMs === 0) client.write(chunk);
        else setTimeout(() => client.writable && client.write(chunk), delayMs);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  const listen = (server: net.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  let server: net.Server | null = createServer();
  const port = await listen(server, 0);
  const stopServer = async (): Promise<void> => {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  return {
    port,
    setDelay: (ms) => void (delayMs = ms),
    cut: stopServer,
    async restore() {
      if (server) return;
      server = createServer();
      await listen(server, port);
    },
    close: stopServer,
  };
}

/** A proxy in front of the server a `postgres://` (or any) URL names, and the same URL pointing at the proxy. */
export async function startTcpProxyFor(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  return { proxy, url: viaProxy.toString() };
}
