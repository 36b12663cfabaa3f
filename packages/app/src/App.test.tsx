import { screen, waitFor } from '@testing-library/react';
import { renderApp } from './__testUtils__/testApp';

describe('App', () => {
  it('opens on the sign-in page, which offers guest access', async () => {
    renderApp('/', {
      app: { title: 'Test' },
      backend: { baseUrl: 'http://localhost:7007' },
    });

    await waitFor(
      () =>
        expect(
          screen.getByRole('heading', { name: 'Test' }),
        ).toBeInTheDocument(),
      { timeout: 20000 },
    );
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  }, 30000);
});
