import { ConfigReader } from '@backstage/config';
import { readDoraConfig } from './config';

const read = (productionEnvironments: string[]) =>
  readDoraConfig(new ConfigReader({ dora: { productionEnvironments } }));

describe('readDoraConfig', () => {
  it('accepts names and patterns without nested quantifiers', () => {
    const { production } = read(['production', '/^prod-(eu|us)-\\d+$/']);

    expect(production.matches('prod-eu-1')).toBe(true);
    expect(production.matches('staging')).toBe(false);
  });

  it('fails start-up on a pattern that could backtrack exponentially, naming the key', () => {
    expect(() => read(['production', '/^(a+)+$/'])).toThrow(
      "Invalid configuration: 'dora.productionEnvironments': '/^(a+)+$/' repeats a quantified group",
    );
  });

  it('fails start-up on a pattern that does not compile, naming the key', () => {
    expect(() => read(['/(/'])).toThrow(/'dora\.productionEnvironments'/);
  });
});
