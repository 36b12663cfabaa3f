import { scorecardFactProvidersExtensionPoint } from './extensions';

describe('scorecardFactProvidersExtensionPoint', () => {
  it('has the id that fact provider modules depend on', () => {
    expect(scorecardFactProvidersExtensionPoint.id).toBe(
      'scorecard.factProviders',
    );
  });
});
