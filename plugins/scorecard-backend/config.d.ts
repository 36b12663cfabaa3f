export interface Config {
  /** Configuration of the Paved Road scorecard backend (`@paved-road/plugin-scorecard-backend`). */
  scorecard?: {
    /**
     * Ordered levels; an entity holds a level when every applicable check of
     * that level and below passes.
     */
    levels?: Array<{ id: string; title: string }>;
    /** The checks evaluated for every matching entity. */
    checks?: Array<{
      id: string;
      title: string;
      description?: string;
      category?: string;
      level?: string;
      fact: string;
      operator: string;
      value?: unknown;
    }>;
  };
}
