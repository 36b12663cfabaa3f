export interface Config {
  /** Configuration of the Paved Road DORA/SLO backend (`@paved-road/plugin-dora-backend`). */
  dora?: {
    /**
     * Environments that count as production, as exact names or regular
     * expressions written `/.../`. Default: `[production, prod]`.
     */
    productionEnvironments?: string[];
    /**
     * Benchmark table used for performance tiers. Default: `2024`.
     */
    benchmark?: '2021' | '2023' | '2024';
  };
}
