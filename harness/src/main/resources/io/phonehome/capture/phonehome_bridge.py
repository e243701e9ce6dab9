"""phonehome bridge: streams every flow mitmdump sees to the phonehome harness.

One JSON object per line over TCP to 127.0.0.1:phonehome_port: hello, request (sent
before any upstream connection), response, error, tls_failed. Sends block and are
flushed; once the harness is gone, events go to a spool file next to the flow file
instead, so nothing is dropped silently.

In sinkhole mode every request is answered here, so nothing leaves the lab. Run with
--set connection_strategy=lazy --set upstream_cert=false so that CONNECT and the TLS
handshake with the phone never open an upstream connection, or a DNS lookup, either.
"""
import base64
import json
import os
import select
import socket
import sys
import time

from mitmproxy import ctx, exceptions, http

MODES = ("sinkhole", "passthrough")
SINKHOLE_BODY = b"phonehome sinkhole\n"


def _b64(data):
    return base64.b64encode(data or b"").decode("ascii")


def _headers(headers):
    return [[k.decode("utf-8", "replace"), v.decode("utf-8", "replace")] for k, v in headers.fields]


def _address(addr):
    return f"{addr[0]}:{addr[1]}" if addr else ""


def _listening():
    # a busy port is only logged and mitmdump keeps running, so the harness checks this list
    server = ctx.master.addons.get("proxyserver")
    tcp = getattr(server, "tcp_server", None)
    return [_address(s.getsockname()) for s in tcp.sockets] if tcp else []


def _warn(message):
    print(f"phonehome bridge: {message}", file=sys.stderr, flush=True)


class Bridge:
    def __init__(self):
        self.sock = None
        self.spooling = False
        self.hello_sizes = {}
        self.startup_errors = []

    def load(self, loader):
        loader.add_option("phonehome_port", int, 0,
                          "Port of the phonehome harness on 127.0.0.1 that receives flow events.")
        loader.add_option("phonehome_mode", str, "sinkhole",
                          "sinkhole: answer every request here; passthrough: forward it upstream.")

    def configure(self, updated):
        problem = None
        if "phonehome_mode" in updated and ctx.options.phonehome_mode not in MODES:
            problem = f"phonehome_mode must be one of {', '.join(MODES)}, not {ctx.options.phonehome_mode!r}"
        elif "phonehome_port" in updated and not 0 < ctx.options.phonehome_port < 65536:
            problem = f"phonehome_port must be a port from 1 to 65535, not {ctx.options.phonehome_port}"
        if problem:
            # mitmdump exits on it only after `running`, so hello carries it as well
            self.startup_errors.append(problem)
            raise exceptions.OptionsError(problem)

    def add_log(self, entry):
        if entry.level == "error" and self.sock is None:
            self.startup_errors.append(entry.msg)

    def running(self):
        port = ctx.options.phonehome_port
        try:
            self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            self.sock.settimeout(None)
        except OSError as e:
            _warn(f"cannot reach the harness on 127.0.0.1:{port}: {e}")
        self.send({"type": "hello", "mode": ctx.options.phonehome_mode, "pid": os.getpid(),
                   "listen": _listening(), "errors": list(self.startup_errors)})

    def done(self):
        self._disconnect()

    def request(self, flow: http.HTTPFlow):
        req = flow.request
        if ctx.options.phonehome_mode == "sinkhole":
            # answered first, so that not even a failing send can let the request go upstream
            flow.response = http.Response.make(200, SINKHOLE_BODY, {"Content-Type": "text/plain"})
        self.send({"type": "request", "id": flow.id, "time": req.timestamp_start,
                   "method": req.method, "url": req.pretty_url, "host": req.pretty_host,
                   "http_version": req.http_version, "headers": _headers(req.headers),
                   "body": _b64(req.raw_content)})

    def response(self, flow: http.HTTPFlow):
        resp = flow.response
        self.send({"type": "response", "id": flow.id, "time": time.time(),
                   "status": resp.status_code, "http_version": resp.http_version,
                   "headers": _headers(resp.headers), "body": _b64(resp.raw_content)})

    def error(self, flow: http.HTTPFlow):
        self.send({"type": "error", "id": flow.id, "time": time.time(),
                   "message": flow.error.msg if flow.error else "unknown error"})

    def server_connect(self, data):
        # the safety net of sinkhole mode: whatever was not answered above (raw TCP through
        # CONNECT, say) is cut here instead of reaching the internet
        if ctx.options.phonehome_mode == "sinkhole":
            data.server.error = "phonehome sinkhole: no upstream connections"
            _warn(f"sinkhole refused an upstream connection to {_address(data.server.address)}")

    def tls_clienthello(self, data):
        # a phone that refuses the lab CA sends nothing but its hello: that is the byte count known
        self.hello_sizes[data.context.client.id] = len(data.client_hello.raw_bytes())

    def tls_established_client(self, data):
        self.hello_sizes.pop(data.conn.id, None)

    def tls_failed_client(self, data):
        client = data.context.client
        self.send({"type": "tls_failed", "id": client.id, "time": time.time(),
                   "client": _address(client.peername), "sni": client.sni or "",
                   "server": _address(data.context.server.address),
                   "error": data.conn.error or "", "bytes": self.hello_sizes.pop(client.id, 0)})

    def send(self, event):
        line = (json.dumps(event, separators=(",", ":")) + "\n").encode("utf-8")
        if self.sock is not None and self._harness_closed():
            _warn(f"the harness closed its connection; spooling events to {self._spool_path()}")
            self._disconnect()
            self.spooling = True
        if self.sock is not None:
            try:
                self.sock.sendall(line)
                return
            except OSError as e:
                _warn(f"harness connection lost ({e}); spooling events to {self._spool_path()}")
                self._disconnect()
                self.spooling = True
        if not self.spooling:
            _warn(f"no harness connection; spooling events to {self._spool_path()}")
            self.spooling = True
        with open(self._spool_path(), "ab") as spool:
            spool.write(line)

    def _harness_closed(self):
        # the harness never writes, so a readable socket means it closed; checking first
        # saves the one send that would still succeed into a dead connection
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
            return bool(readable) and self.sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _disconnect(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None

    def _spool_path(self):
        flows = ctx.options.save_stream_file
        if flows:
            return flows.lstrip("+") + ".spool.jsonl"
        return os.path.join(os.path.expanduser(ctx.options.confdir), "phonehome-spool.jsonl")


addons = [Bridge()]
