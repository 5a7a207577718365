import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  origin: string;
  /** addUser calls the service admitted (any answer but 429), per object id (lower case). */
  admittedAddUsers: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the simulator that counts the addUser calls each person
 * got: the simulator counts requests per route, not per person. Everything else is forwarded.
 */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const admittedAddUsers = new Map<string, number>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (answer) => {
          if (req.method === 'POST' && req.url?.includes('/addUser') && answer.statusCode !== 429) {
            const id = String((JSON.parse(body.toString() || '{}') as { ObjectId?: string }).ObjectId ?? '').toLowerCase();
            admittedAddUsers.set(id, (admittedAddUsers.get(id) ?? 0) + 1);
          }
          // Graph's next-page links point back through the proxy (the bot follows none off its Graph origin). Dataverse
          // is left at the simulator's address: an environment's URL is also its token audience.
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            const body = Buffer.concat(parts).toString();
            const text = req.url?.startsWith('/graph/') ? body.split(upstream.origin).join(origin) : body;
            const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(text);
          });
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    admittedAddUsers,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
