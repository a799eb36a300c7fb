export interface BackToBack<T> {
  /** Every result so far, in the order they completed. */
  results: T[];
  /** Stops the clients after their current call and waits for them. */
  stop(): Promise<void>;
}

/** `concurrency` clients each calling `once` back to back until `stop()`: steady load during a fault. */
export function backToBack<T>(concurrency: number, once: () => Promise<T>): BackToBack<T> {
  const results: T[] = [];
  let running = true;
  const client = async (): Promise<void> => {
    while (running) results.push(await once());
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    results,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}
