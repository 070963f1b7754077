import type { ContractContext } from '../contract.js';
import type { OpenStoreOptions } from '../../../src/store/open-store.js';
export function crossProcessTests(_ctx: ContractContext, _shared: { url: string; options: OpenStoreOptions }): void {}
