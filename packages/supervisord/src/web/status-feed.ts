/**
 * Live process states for the status page: a server-sent events feed that pushes a snapshot
 * whenever a state changes, and at most once a second when a description (uptime) changes.
 */
import type { ServerResponse } from 'node:http';
import type { ProcessView, SupervisorModel } from '../supervision/model';
import { openEventStream, type EventStream } from './event-stream';
import { allProcesses, processRow, type ProcessRow } from './process-rows';
import { summarize } from './status-page';

export interface StatusSnapshot {
  supervisor: { state: string; identifier: string };
  summary: string;
  processes: ProcessRow[];
}

export function statusSnapshot(model: SupervisorModel, nowSeconds: number = Date.now() / 1000): StatusSnapshot {
  const processes = allProcesses(model).map((p) => processRow(p, nowSeconds));
  return {
    supervisor: { state: model.state, identifier: model.identifier },
    summary: summarize(processes),
    processes,
  };
}

const TICK_MS = 1000;
const KEEPALIVE_TICKS = 15;

export class StatusFeed {
  private readonly clients = new Set<{ stream: EventStream; last: string }>();
  private readonly subscriptions = new Map<ProcessView, () => void>();
  private timer: NodeJS.Timeout | null = null;
  private pushScheduled = false;
  private ticks = 0;

  constructor(private readonly model: SupervisorModel) {}

  /** Serves one subscriber until it disconnects or the feed is closed. */
  attach(res: ServerResponse): void {
    const client = { stream: openEventStream(res, () => this.detach(client)), last: '' };
    this.clients.add(client);
    this.start();
    this.push();
  }

  /** Ends every open stream and stops watching the model. */
  close(): void {
    for (const client of [...this.clients]) client.stream.close();
    this.stop();
  }

  get subscriberCount(): number {
    return this.clients.size;
  }

  private detach(client: { stream: EventStream; last: string }): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stop();
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.syncSubscriptions();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
  }

  private tick(): void {
    this.ticks += 1;
    this.syncSubscriptions();
    this.push();
    if (this.ticks % KEEPALIVE_TICKS === 0) for (const client of this.clients) client.stream.comment('keep-alive');
  }

  /** Groups come and go (addProcessGroup, restart): follow the processes that exist now. */
  private syncSubscriptions(): void {
    const current = new Set(allProcesses(this.model));
    for (const [process, unsubscribe] of this.subscriptions) {
      if (!current.has(process)) {
        unsubscribe();
        this.subscriptions.delete(process);
      }
    }
    for (const process of current) {
      if (!this.subscriptions.has(process)) {
        this.subscriptions.set(process, process.onStateChange(() => this.schedulePush()));
      }
    }
  }

  private schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.push();
    });
  }

  private push(): void {
    if (this.clients.size === 0) return;
    let payload: string;
    let snapshot: StatusSnapshot;
    try {
      snapshot = statusSnapshot(this.model);
      payload = JSON.stringify(snapshot);
    } catch {
      return;
    }
    for (const client of this.clients) {
      if (client.last === payload) continue;
      client.last = payload;
      client.stream.send('status', snapshot);
    }
  }
}
