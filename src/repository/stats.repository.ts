import { MENTIONS } from "../model/mentions";
import type { Executor } from "../db/executor";
import type { EntityRecord } from "../model/records";

export interface CountRow {
  key: string;
  count: number;
}

export interface EntityCountRow {
  entity: EntityRecord;
  role: string | null;
  count: number;
}

/** Aggregates over the whole graph. */
export class StatsRepository {
  constructor(private readonly executor: Executor) {}

  async countsByKind(): Promise<CountRow[]> {
    return this.executor.read<CountRow>(
      `MATCH (n:Entity) RETURN n.kind AS key, count(*) AS count ORDER BY key`,
    );
  }

  async countsByRelationshipType(): Promise<CountRow[]> {
    return this.executor.read<CountRow>(
      `MATCH (:Entity)-[r:!${MENTIONS}]->(:Entity) RETURN type(r) AS key, count(*) AS count ORDER BY key`,
    );
  }

  async membersPerBody(): Promise<EntityCountRow[]> {
    return this.executor.read<EntityCountRow>(
      `MATCH (:Entity)-[r:MEMBER_OF]->(b:Body)
       WITH b, r.role AS role, count(*) AS count
       RETURN b { .* } AS entity, role, count
       ORDER BY count DESC, b.name, role`,
    );
  }

  async meetingsPerYear(): Promise<CountRow[]> {
    return this.executor.read<CountRow>(
      `MATCH (m:Meeting) WHERE m.year IS NOT NULL
       RETURN toString(m.year) AS key, count(*) AS count ORDER BY key`,
    );
  }

  async meetingsPerPlace(): Promise<EntityCountRow[]> {
    return this.executor.read<EntityCountRow>(
      `MATCH (m:Meeting)-[:HELD_IN]->(p:Entity)
       WITH p, count(DISTINCT m) AS count
       RETURN p { .* } AS entity, null AS role, count
       ORDER BY count DESC, p.name`,
    );
  }
}
