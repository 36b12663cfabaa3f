export * from './fetchWithRetry';
export * from './signatures';
export * from './EntityAnnotationIndex';
