import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { Store } from '../store/contract.js';
import type { ServerUrls } from './urls.js';

/** What every room receives from the composition root; rooms never build these themselves. */
export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  urls: ServerUrls;
  /** Epoch milliseconds; tests may move time. */
  now: () => number;
}
