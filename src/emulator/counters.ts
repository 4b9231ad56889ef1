import { type EndpointName, endpointNames } from '../easemob/endpoints.js';

export interface CallRecord {
  endpoint: EndpointName;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON, or the raw text when it did not parse, or undefined when there was none. */
  body: unknown;
  /** What was answered; 0 for a reset connection, -1 while the call is still in flight. */
  status: number;
  at: number;
}

// Counts stay exact forever; the detailed records are trimmed so a long benchmark cannot exhaust
// memory. Tests that look at records make far fewer calls than this.
const maxRecords = 100_000;

/** Every request that reached an endpoint, including those a fault or a rate limit answered. */
export class CallLog {
  private readonly counts = new Map<EndpointName, number>();
  private records: CallRecord[] = [];
  private total = 0;

  start(record: Omit<CallRecord, 'status'>): CallRecord {
    const full: CallRecord = { ...record, status: -1 };
    this.counts.set(record.endpoint, (this.counts.get(record.endpoint) ?? 0) + 1);
    this.total++;
    this.records.push(full);
    if (this.records.length > maxRecords * 2) this.records = this.records.slice(-maxRecords);
    return full;
  }

  count(endpoint?: EndpointName): number {
    return endpoint === undefined ? this.total : (this.counts.get(endpoint) ?? 0);
  }

  list(endpoint?: EndpointName): CallRecord[] {
    return endpoint === undefined
      ? [...this.records]
      : this.records.filter((record) => record.endpoint === endpoint);
  }

  /** The usernames each call to `endpoint` carried (batch status, presence get/subscribe…). */
  usernames(endpoint: EndpointName): string[][] {
    const lists: string[][] = [];
    for (const record of this.records) {
      if (record.endpoint !== endpoint) continue;
      const names = usernamesIn(record.body);
      if (names) lists.push(names);
    }
    return lists;
  }

  /** Every endpoint with its count (zeros included), and the total. */
  snapshot(): { counts: Record<EndpointName, number>; total: number } {
    const counts = {} as Record<EndpointName, number>;
    for (const name of endpointNames) counts[name] = this.counts.get(name) ?? 0;
    return { counts, total: this.total };
  }

  reset(): void {
    this.counts.clear();
    this.records = [];
    this.total = 0;
  }
}

function usernamesIn(body: unknown): string[] | undefined {
  const list = Array.isArray(body)
    ? body
    : body !== null && typeof body === 'object'
      ? ((body as Record<string, unknown>).usernames ?? (body as Record<string, unknown>).users)
      : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.filter((name): name is string => typeof name === 'string');
}
