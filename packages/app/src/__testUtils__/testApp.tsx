import { render } from '@testing-library/react';
import { createApp } from '@backstage/frontend-defaults';
import homePlugin from '@backstage/plugin-home/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { features } from '../App';

/**
 * Renders the example app at `url` with `config` as its only app-config.
 * Jest has no build-time package discovery, so the plugins that the sidebar
 * (notifications) and app-config (home page widgets) refer to are added here
 * as discovery would.
 */
export function renderApp(url: string, config: Record<string, unknown>) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [{ data: config, context: 'test' }] as any,
  };
  window.history.pushState({}, '', url);
  const app = createApp({
    features: [...features, homePlugin, notificationsPlugin],
  });
  return render(app.createRoot());
}
