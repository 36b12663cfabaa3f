/**
 * Test utilities for DORA provider modules: a fake sync context, a test
 * backend with the DORA plugin, and helpers to read provider status.
 *
 * @packageDocumentation
 */

export * from './fakeSyncContext';
export * from './startDoraTestBackend';
export {
  getDora,
  getProviderStatus,
  localBackendPassthrough,
  postDoraWebhook,
} from './testBackendHttp';
