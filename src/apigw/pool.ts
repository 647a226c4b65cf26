// Warm bootstrap processes for one function, as Lambda keeps execution environments:
// up to `concurrency` instances, started on first use, each running one invocation at a time;
// requests wait in one FIFO queue when all are busy. An instance that dies (crash, timeout) is
// dropped and a new one started for whoever waits next. swap() starts a new generation (after a
// rebuild): idle old instances stop at once, busy ones finish their request and then stop.

export interface PoolInstance {
  isAlive(): boolean;
  stop(): Promise<void>;
}

export interface PoolOptions<I extends PoolInstance> {
  concurrency: number;
  /** starts one instance of the current generation; rejects when it cannot start */
  start: () => Promise<I>;
}

interface Waiter<I> {
  resolve: (slot: Slot<I>) => void;
  reject: (err: unknown) => void;
}

interface Slot<I> {
  instance: I;
  generation: number;
}

/** run() gave up waiting for an instance: its signal aborted first. */
export class QueueAbort extends Error {
  constructor() {
    super("gave up waiting for a free process");
  }
}

export class FunctionPool<I extends PoolInstance> {
  private generation = 0;
  private start: () => Promise<I>;
  private readonly concurrency: number;
  private readonly idle: Slot<I>[] = [];
  private readonly busy = new Set<Slot<I>>();
  private readonly queue: Waiter<I>[] = [];
  /** instances of the current generation being started */
  private starting = 0;
  private readonly launches = new Set<Promise<void>>();
  private closed = false;

  constructor(opts: PoolOptions<I>) {
    this.concurrency = Math.max(1, opts.concurrency);
    this.start = opts.start;
  }

  /**
   * Runs `work` on an instance of its own; the instance returns to the pool afterwards. When
   * `limit` passes while the request still waits for an instance (its signal aborts, or `waitMs`
   * passes: a timer only a request that has to queue pays for), it leaves the queue and run()
   * rejects with QueueAbort.
   */
  async run<T>(work: (instance: I) => Promise<T>, limit?: AbortSignal | { waitMs: number }): Promise<T> {
    const slot = await this.acquire(limit);
    try {
      return await work(slot.instance);
    } finally {
      this.release(slot);
    }
  }

  /** New instances come from `start` from now on; old ones finish what they are doing. */
  swap(start: () => Promise<I>): void {
    this.start = start;
    this.generation++;
    for (const slot of this.idle.splice(0)) void slot.instance.stop();
    this.pump();
  }

  /** Starts one instance ahead of the first request (after a rebuild, say). */
  prewarm(): void {
    if (this.closed || this.capacityLeft() <= 0) return;
    this.launch();
  }

  /** Requests are queued for an instance. */
  hasWaiters(): boolean {
    return this.queue.length > 0;
  }

  stats(): { idle: number; busy: number; starting: number; queued: number; generation: number } {
    return { idle: this.idle.length, busy: this.busy.size, starting: this.starting, queued: this.queue.length, generation: this.generation };
  }

  /** Stops every instance, busy ones included, and fails whoever still waits. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.reject(new Error("the server is shutting down"));
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    // instances still starting are stopped as soon as they are up
    await Promise.all([...all.map((s) => s.instance.stop()), ...this.launches]);
  }

  private acquire(limit?: AbortSignal | { waitMs: number }): Promise<Slot<I>> {
    if (this.closed) return Promise.reject(new Error("the server is shutting down"));
    const signal = limit instanceof AbortSignal ? limit : undefined;
    if (signal?.aborted) return Promise.reject(new QueueAbort());
    return new Promise<Slot<I>>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const leave = () => {
        const at = this.queue.indexOf(waiter);
        if (at === -1) return;
        this.queue.splice(at, 1);
        reject(new QueueAbort());
      };
      const settled = () => {
        signal?.removeEventListener("abort", leave);
        clearTimeout(timer);
      };
      const waiter: Waiter<I> = {
        resolve: (slot) => {
          settled();
          resolve(slot);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      };
      signal?.addEventListener("abort", leave, { once: true });
      this.queue.push(waiter);
      this.pump();
      // still waiting: only now does a time limit need a timer
      if (limit && !signal && this.queue.includes(waiter)) timer = setTimeout(leave, (limit as { waitMs: number }).waitMs);
    });
  }

  private release(slot: Slot<I>): void {
    this.busy.delete(slot);
    if (this.closed || slot.generation !== this.generation || !slot.instance.isAlive()) {
      void slot.instance.stop();
    } else {
      this.idle.push(slot);
    }
    this.pump();
  }

  /** Instances of the current generation that may still be started. */
  private capacityLeft(): number {
    let current = this.starting + this.idle.length;
    for (const s of this.busy) if (s.generation === this.generation) current++;
    return this.concurrency - current;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.takeIdle();
      if (slot) {
        this.busy.add(slot);
        this.queue.shift()!.resolve(slot);
        continue;
      }
      // one start per waiter not yet covered by an instance on its way
      if (this.starting < this.queue.length && this.capacityLeft() > 0) {
        this.launch();
        continue;
      }
      break;
    }
  }

  private takeIdle(): Slot<I> | undefined {
    while (this.idle.length > 0) {
      const slot = this.idle.shift()!;
      if (slot.instance.isAlive()) return slot;
      void slot.instance.stop();
    }
    return undefined;
  }

  private launch(): void {
    const generation = this.generation;
    this.starting++;
    const launch: Promise<void> = this.start().then(
      async (instance) => {
        this.starting--;
        const stale = this.closed || generation !== this.generation;
        if (!stale) this.idle.push({ instance, generation });
        this.pump();
        if (stale) await instance.stop();
      },
      (err: unknown) => {
        this.starting--;
        // the instance could not start: the request that has waited longest gets the reason
        this.queue.shift()?.reject(err);
        this.pump();
      },
    );
    this.launches.add(launch);
    void launch.finally(() => this.launches.delete(launch));
  }
}
