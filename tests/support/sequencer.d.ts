import Sequencer from "@jest/test-sequencer";

/** See sequencer.js. */
declare class UnitsFirst extends Sequencer {}

export = UnitsFirst;
