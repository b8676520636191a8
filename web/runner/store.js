// A short-lived worker that compresses a memory snapshot and writes it to
// Cache Storage (snapshot.js). Started by client.js for each snapshot the
// Python worker hands over, so the Python worker never waits on the
// compression and a Stop that ends it does not lose the snapshot.
//
// Page → here: {key, bytes} (the snapshot's key and bytes, transferred);
// here → page: true when stored, false when storage refused it.
import { openStore, write } from "./snapshot.js";

/** @param {MessageEvent<{key: string, bytes: Uint8Array}>} event */
self.onmessage = async ({ data }) => {
  const store = await openStore(data.key);
  postMessage(store ? await write(store, data.bytes) : false);
};
