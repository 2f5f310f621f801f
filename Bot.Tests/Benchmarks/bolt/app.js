// Baseline for the Slack acknowledgement benchmark: Bolt's own HTTP receiver verifies the signature, and the
// /access handler only acknowledges. Listens on 127.0.0.1 only; the port comes from PORT.
'use strict';
const { App, HTTPReceiver, LogLevel } = require('@slack/bolt');

const port = Number(process.env.PORT);
const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!port || !signingSecret) {
  console.error('PORT and SLACK_SIGNING_SECRET are required');
  process.exit(2);
}

const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/commands' });
const app = new App({
  receiver,
  // No token: authorize is a stub so Bolt never calls auth.test over the network.
  authorize: async () => ({}),
  logLevel: LogLevel.ERROR,
});

app.command('/access', async ({ ack }) => {
  await ack();
});

(async () => {
  await receiver.start({ port, host: '127.0.0.1' });
  console.log(`ready on 127.0.0.1:${port}`);
})();
