import { encodeParams } from "./capture";
import { type ServerKind, startServerHere } from "./servers";

/**
 * Entry point of a server under test in its own process (forked by servers.ts):
 * `node server-process.js <ours|neo4j-graphql> <bolt uri>`. Reports its URL, then
 * answers capture requests over the IPC channel until told to stop.
 */
async function main(): Promise<void> {
  const [kind, uri] = process.argv.slice(2) as [ServerKind, string];
  const started = await startServerHere(kind, uri);
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
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
