import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Page tests render a whole team view; on 2 shared cores they need headroom.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no layout: recharts' ResponsiveContainer needs a ResizeObserver
// to exist, and measures 0 x 0 without one that reports sizes.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver;
