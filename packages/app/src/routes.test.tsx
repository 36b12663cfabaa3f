import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import { parse } from 'yaml';
import { renderApp } from './__testUtils__/testApp';

// The example app's own extension config, so the test sees the routes users get.
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

function renderAt(url: string) {
  return renderApp(url, {
    app: {
      title: 'Test',
      // No sign-in page: nothing here answers the guest sign-in.
      extensions: [...appConfig.app.extensions, { 'sign-in-page:app': false }],
    },
    backend: { baseUrl: 'http://localhost:7007' },
  });
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

  it('lists the suite pages and notifications in the sidebar', async () => {
    const errors = jest.spyOn(console, 'error');
    renderAt('/catalog');
    await waitFor(
      () =>
        expect(screen.getByRole('link', { name: 'DORA' })).toHaveAttribute(
          'href',
          '/dora',
        ),
      { timeout: 20000 },
    );
    expect(screen.getByRole('link', { name: 'Scorecards' })).toHaveAttribute(
      'href',
      '/scorecard',
    );
    expect(
      screen.getByRole('link', { name: /Notifications/ }),
    ).toBeInTheDocument();
    // The sidebar's notifications item has its API (it threw without one).
    expect(errors).not.toHaveBeenCalledWith(
      expect.objectContaining({ name: 'NotImplementedError' }),
    );
    errors.mockRestore();
  }, 30000);
});
