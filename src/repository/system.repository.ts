import type { Executor } from "../db/executor";

export interface DatabaseInfoRow {
  name: string;
  version: string;
  edition: string;
  nodeCount: number;
  relationshipCount: number;
}

/** Facts about the database itself, answered by Neo4j (proves the HTTP → Cypher path). */
export class SystemRepository {
  constructor(private readonly executor: Executor) {}

  async databaseInfo(): Promise<DatabaseInfoRow> {
    const [row] = await this.executor.read<DatabaseInfoRow>(
      `CALL dbms.components() YIELD name, versions, edition
       WITH name, versions[0] AS version, edition LIMIT 1
       CALL { MATCH (n) RETURN count(n) AS nodeCount }
       CALL { MATCH ()-[r]->() RETURN count(r) AS relationshipCount }
       RETURN name, version, edition, nodeCount, relationshipCount`,
    );
    return row!;
  }
}
