import { render } from '@testing-library/react';
import { createApp } from '@backstage/frontend-defaults';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { features } from '../App';

/**
 * Renders the example app at `url` with `config` as its only app-config.
 * Jest has no build-time package discovery, so the plugin the sidebar
 * renders by hand (notifications) is added here as discovery would.
 */
export function renderApp(url: string, config: Record<string, unknown>) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [{ data: config, context: 'test' }] as any,
  };
  window.history.pushState({}, '', url);
  const app = createApp({ features: [...features, notificationsPlugin] });
  return render(app.createRoot());
}
