"""${{ values.name }}: ${{ values.description }}"""
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


def health():
    return {"status": "ok", "service": "${{ values.name }}"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(health()).encode())


if __name__ == "__main__":
    HTTPServer(("", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
