// Waiting for a Writable to take more data after write() returned false (back-pressure). Also
// settles when the stream fails or closes first, so a closed pipe (`| head`) cannot hang a writer.

import type { Writable } from "node:stream";

export function waitForDrain(stream: Writable): Promise<void> {
  // A stream that already failed or closed will never emit 'drain' again.
  if (stream.destroyed) return Promise.reject(stream.errored ?? closedEarly());
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", onDrain);
      stream.off("error", onError);
      stream.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(closedEarly());
    stream.on("drain", onDrain);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}

function closedEarly(): Error {
  return new Error("the output was closed before everything was written");
}
