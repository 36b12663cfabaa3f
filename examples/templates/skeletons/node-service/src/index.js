// ${{ values.name }}: ${{ values.description }}
const http = require('node:http');

function handler(req, res) {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', service: '${{ values.name }}' }));
    return;
  }
  res.writeHead(404);
  res.end();
}

if (require.main === module) {
  http.createServer(handler).listen(process.env.PORT ?? 8080);
}

module.exports = { handler };
