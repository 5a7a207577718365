import type { SimContext, SimResponse } from '../types';

/** Graph gets one extra hook from the core: $batch items are counted and throttled one by one. */
export interface GraphContext extends SimContext {
  /** Counts one batch item; returns the 429/503 to put in its place when throttled, else undefined. */
  admitBatchItem(method: string, path: string, clientRequestId?: string): SimResponse | undefined;
}
