import { freeLoopbackPort } from '@circle-match/embedded-postgres';

/** Ports already handed out by this process: the OS may offer a port again as soon as its probe socket closes. */
const handedOut = new Set<number>();

/** A TCP port free on 127.0.0.1 right now (the OS picks it), never one this process was given before. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await freeLoopbackPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no unused free port after 100 probes');
}
