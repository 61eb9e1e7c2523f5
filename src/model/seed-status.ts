/** Whether the graph holds the data set now in seed/, as /readyz reports it. */
export interface SeedStatus {
  /** The graph was loaded from seed/ as it is now. */
  current: boolean;
  /** What start-up did: loaded an empty graph, re-imported a changed seed/, kept the graph, or nothing (unchanged). */
  action: "loaded" | "reimported" | "kept" | "unchanged";
  /** seed/'s fingerprint now, and the one recorded at the graph's last import (null: none recorded). */
  fingerprint: string;
  graphFingerprint: string | null;
  importedAt: string | null;
  /** Curated changes (audit entries) since the graph's last import. */
  curatedSinceImport: number;
  /** What to do when the graph is not current. */
  hint?: string;
}
