export interface Config {
  dora?: {
    /**
     * Demo data (`@paved-road/plugin-dora-backend-module-demo`). Example
     * only: generated deployments and incidents, never for production.
     */
    demo?: {
      /** Generate demo data. Default: false (the module does nothing). */
      enabled?: boolean;
      /**
       * Entities to generate data for. Default: the example app's
       * `component:default/payments-api`, `component:default/ledger`,
       * `component:default/checkout-web` and `component:default/deploy-reporter`.
       */
      entities?: string[];
      /** How many days of history to generate. Default: 365. */
      days?: number;
    };
  };
}
