import { doraProvidersExtensionPoint } from './extensions';

describe('doraProvidersExtensionPoint', () => {
  it('has the id that provider modules depend on', () => {
    expect(doraProvidersExtensionPoint.id).toBe('dora.providers');
  });
});
