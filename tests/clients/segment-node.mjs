// Sends a shopper's session with @segment/analytics-node, default settings but the host, then flushes.
// Usage: node segment-node.mjs <rekindle base URL> <write key> <userId>
import { Analytics } from '@segment/analytics-node';
import { shopperSession } from './shopper-session.mjs';

const [host, writeKey, userId] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host });
const failures = [];
analytics.on('error', (error) => failures.push(error));

for (const call of shopperSession(userId)) {
  analytics[call.method](call.message);
}

await analytics.closeAndFlush({ timeout: 20000 });
if (failures.length > 0) {
  console.error('analytics-node reported:', failures.map((f) => f.reason?.message ?? f.message ?? String(f)).join('; '));
  process.exit(1);
}
