export interface Config {
  /** Configuration of the Paved Road golden-path scaffolder actions. */
  goldenPath?: {
    /**
     * Version written into the `paved-road.dev/golden-path` annotation of new services.
     * Defaults to the built-in archetypes' version.
     */
    version?: string;
  };
}
