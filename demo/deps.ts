import type { Logger } from '../src/log/logger.js';
import type { NotesStore } from '../src/store/contract.js';

/** What the demo needs from its host: where notes live and where to log. */
export interface DemoDeps {
  store: NotesStore;
  logger: Logger;
}
