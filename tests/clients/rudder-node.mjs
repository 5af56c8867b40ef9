// Sends a shopper's session with @rudderstack/rudder-sdk-node, default settings (so gzip on) but the
// data plane URL, then flushes. Usage: node rudder-node.mjs <rekindle base URL> <write key> <userId>
import Analytics from '@rudderstack/rudder-sdk-node';
import { shopperSession } from './shopper-session.mjs';

const [dataPlaneUrl, writeKey, userId] = process.argv.slice(2);
const client = new Analytics(writeKey, { dataPlaneUrl });

for (const call of shopperSession(userId)) {
  client[call.method](call.message);
}

try {
  // Rejects when the server refuses the batch (the SDK drops a batch refused with a 4xx).
  await client.flush();
} catch (error) {
  console.error(`rudder-sdk-node: flush failed: ${error.response?.status ?? ''} ${JSON.stringify(error.response?.data ?? error.message)}`);
  process.exit(1);
}
