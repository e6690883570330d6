// A real local HTTP receiver for the webhook tests (node:http on 127.0.0.1): it records every request
// with its raw body and headers in arrival order, and answers what the test's `respond` says. Not part
// of Vigil (the build leaves test-fixtures out).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** Arrival order across the receiver's life. */
  n: number;
  id: string;
  attempt: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; data: { action?: { seq: number; action: string; entity: { type: string; id: string } }; endpoint_id?: string } };
  /** Set once answered: the status sent and the arrival counter at that moment. */
  status?: number;
  answeredAt?: number;
}

export type Respond = (r: Received) => number | Promise<number>;

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests that carried this delivery id, in arrival order. */
  byId(id: string): Received[];
  /** Date.now() of the last request that arrived or was answered. */
  lastActivity: number;
  /** Changes how later requests are answered. */
  respond: Respond;
  close(): Promise<void>;
}

export async function startReceiver(respond: Respond = () => 200): Promise<Receiver> {
  let n = 0;
  const received: Received[] = [];
  const receiver: Receiver = {
    url: '',
    received,
    lastActivity: Date.now(),
    respond,
    byId: (id) => received.filter((r) => r.id === id),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Received['json'];
      try {
        json = JSON.parse(body);
      } catch {
        json = { id: '', type: '', data: {} };
      }
      const r: Received = { n: ++n, id: String(req.headers['vigil-delivery-id'] ?? ''), attempt: Number(req.headers['vigil-attempt'] ?? 0), headers: req.headers, body, json };
      received.push(r);
      receiver.lastActivity = Date.now();
      let status = 500;
      try {
        status = await receiver.respond(r);
      } catch {
        status = 500;
      }
      // The sender may have died while we decided (the crash test kills it from here): then nothing was answered.
      if (res.destroyed || req.socket.destroyed) return;
      r.status = status;
      r.answeredAt = ++n;
      receiver.lastActivity = Date.now();
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `refused with ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
