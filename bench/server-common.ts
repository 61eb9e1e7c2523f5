import type { Driver } from "neo4j-driver";
import { createDriver } from "../src/db/driver";
import { StatementRecorder, encodeParams, recordingDriver } from "./capture";

/** A GraphQL server under test, started in the calling process. */
export interface Started {
  url: string;
  recorder: StatementRecorder;
  stop(): Promise<void>;
}

/** Both servers get the driver settings `npm start` uses, with every statement recorded. */
export function recordedDriver(uri: string): {
  driver: Driver;
  recording: Driver;
  recorder: StatementRecorder;
} {
  const recorder = new StatementRecorder();
  const driver = createDriver({ uri, username: "neo4j", password: "", maxRetryTimeMs: 15_000 });
  return { driver, recording: recordingDriver(driver, recorder), recorder };
}

/**
 * The child-process side of servers.ts: `node <server module> <bolt uri>` starts the
 * server, reports its URL, then answers capture requests over the IPC channel until told
 * to stop. Each server has its own entry module, so a process loads one library only and
 * its memory is that server's.
 */
export function serveOverIpc(start: (uri: string) => Promise<Started>): void {
  const run = async () => {
    const started = await start(process.argv[2]!);
    const send = (message: unknown) => process.send!(message);
    process.on("message", (message: { type: string }) => {
      if (message.type === "capture-start") {
        started.recorder.start();
        send({ type: "ok" });
      } else if (message.type === "capture-stop") {
        send({ type: "captured", statements: encodeParams(started.recorder.stop()) });
      } else if (message.type === "stop") {
        void started.stop().finally(() => process.exit(0));
      }
    });
    // The bench going away (even killed) closes the channel: never outlive it.
    process.on("disconnect", () => void started.stop().finally(() => process.exit(0)));
    send({ type: "ready", url: started.url });
  };
  run().catch((error: unknown) => {
    process.stderr.write(
      `bench server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
