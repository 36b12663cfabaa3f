import '@testing-library/jest-dom';

// jsdom has no layout: recharts' ResponsiveContainer needs a ResizeObserver
// to exist, and measures 0 x 0 without one that reports sizes.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver;
