export * from './fetchWithRetry';
export * from './signatures';
export * from './EntityAnnotationIndex';
export * from './EnvironmentMatcher';
export * from './DoraProviderConfigReader';
export type {
  DoraProviderRequestOptions,
  DoraProviderRequestsConfig,
} from './readRequestOptions';
export * from './vendorResponseError';
export * from './DoraProviderStatus';
