// Which request renders next. The server renders a few requests at once (each holds a page render and a
// compression stream in memory); the rest wait. Waiting is fair between client addresses: each address
// takes its turn, so one laptop sending many slow requests cannot push the tablets' saves to the back.

export type AdmissionOptions = {
  /** Requests rendered at once. */
  limit: number;
  /** Requests of one client address rendered at once, so others always find a free slot. */
  perClientLimit: number;
  /** Requests of one client address that may wait; more are refused at once. */
  maxWaitingPerClient: number;
  /** The longest a request waits for a slot before it is refused. */
  maxWaitMs: number;
};

/** Why a request was refused without running: too many waiting from its address, or waited too long. */
export type Refusal = 'busy' | 'timeout';

type Leaving = { once: (event: 'finish' | 'close', listener: () => void) => unknown };
type Entry = { start: () => void; refuse: (reason: Refusal) => void; timer?: ReturnType<typeof setTimeout> };
type Client = { running: number; waiting: Entry[]; inTurn: boolean };

/**
 * Returns `admit(client, res, run, refuse)`. A request leaves when its response is handed to the network (a
 * page of a few KB fits the socket's buffer, so a slow download does not hold a slot) or its client goes; one
 * whose client left while it waited never runs.
 */
export function admission(options: AdmissionOptions) {
  let inFlight = 0;
  const clients = new Map<string, Client>();
  // Client addresses with requests waiting, in turn order.
  const turns: string[] = [];

  const forget = (key: string, client: Client) => {
    if (client.running === 0 && client.waiting.length === 0 && !client.inTurn) clients.delete(key);
  };

  const next = () => {
    let passed = 0;
    while (inFlight < options.limit && turns.length > 0 && passed < turns.length) {
      const key = turns.shift() ?? '';
      const client = clients.get(key);
      if (!client || client.waiting.length === 0) {
        if (client) {
          client.inTurn = false;
          forget(key, client);
        }
        continue;
      }
      if (client.running >= options.perClientLimit) {
        turns.push(key); // its turn comes again when one of its requests has left
        passed += 1;
        continue;
      }
      passed = 0;
      const entry = client.waiting.shift();
      if (client.waiting.length > 0) turns.push(key);
      else client.inTurn = false;
      entry?.start();
    }
  };

  return (key: string, res: Leaving, run: () => void, refuse: (reason: Refusal) => void) => {
    const client = clients.get(key) ?? { running: 0, waiting: [], inTurn: false };
    clients.set(key, client);
    if (client.waiting.length >= options.maxWaitingPerClient) {
      forget(key, client);
      refuse('busy');
      return;
    }
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const entry: Entry = {
      start: () => {
        clearTimeout(entry.timer);
        state = 'running';
        inFlight += 1;
        client.running += 1;
        run();
      },
      refuse,
    };
    const leave = () => {
      if (state === 'done') return;
      if (state === 'running') {
        inFlight -= 1;
        client.running -= 1;
      } else {
        clearTimeout(entry.timer);
        client.waiting.splice(client.waiting.indexOf(entry) >>> 0, 1);
      }
      state = 'done';
      forget(key, client);
      next();
    };
    entry.timer = setTimeout(() => {
      if (state !== 'waiting') return;
      leave();
      refuse('timeout');
    }, options.maxWaitMs);
    res.once('finish', leave);
    res.once('close', leave);
    client.waiting.push(entry);
    if (!client.inTurn) {
      client.inTurn = true;
      turns.push(key);
    }
    next();
  };
}
