const Sequencer = require("@jest/test-sequencer").default;

/**
 * Jest's own order (failed first, then slowest), except that every file of the unit
 * project runs before any other: `npm test` answers in seconds for what needs no database,
 * before the integration files start their Neo4j.
 */
class UnitsFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isUnit = (test) => test.context.config.displayName?.name === "unit";
    return [...sorted.filter(isUnit), ...sorted.filter((test) => !isUnit(test))];
  }
}

module.exports = UnitsFirst;
