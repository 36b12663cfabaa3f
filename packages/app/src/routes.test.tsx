import fs from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor } from '@testing-library/react';
import { parse } from 'yaml';
import App from './App';

// The example app's own extension config, so the test sees the routes users get.
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

function renderAt(url: string) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: {
            title: 'Test',
            // No sign-in page: nothing here answers the guest sign-in.
            extensions: [
              ...appConfig.app.extensions,
              { 'sign-in-page:app': false },
            ],
          },
          backend: { baseUrl: 'http://localhost:7007' },
        },
        context: 'test',
      },
    ] as any,
  };
  window.history.pushState({}, '', url);
  return render(App.createRoot());
}

describe('example app routes', () => {
  it('serves the catalog index at /catalog', async () => {
    renderAt('/catalog');
    await waitFor(
      () =>
        expect(
          screen.getByRole('heading', { name: /Catalog/ }),
        ).toBeInTheDocument(),
      { timeout: 20000 },
    );
    expect(screen.queryByText(/PAGE NOT FOUND/i)).toBeNull();
  }, 30000);

  it('leads from / to the catalog index', async () => {
    renderAt('/');
    await waitFor(() => expect(window.location.pathname).toBe('/catalog'), {
      timeout: 20000,
    });
    await waitFor(
      () =>
        expect(
          screen.getByRole('heading', { name: /Catalog/ }),
        ).toBeInTheDocument(),
      { timeout: 20000 },
    );
  }, 30000);
});
