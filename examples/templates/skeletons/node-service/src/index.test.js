const assert = require('node:assert');
const { test } = require('node:test');
const { handler } = require('./index');

test('answers /health', () => {
  let status;
  let body;
  handler(
    { url: '/health' },
    {
      writeHead: s => (status = s),
      end: b => (body = b),
    },
  );
  assert.strictEqual(status, 200);
  assert.strictEqual(JSON.parse(body).service, '${{ values.name }}');
});
