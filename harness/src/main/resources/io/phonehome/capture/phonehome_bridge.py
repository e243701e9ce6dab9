"""phonehome bridge: streams every flow mitmdump sees to the phonehome harness.

One JSON object per line over TCP to 127.0.0.1:phonehome_port: hello, request (sent
before any upstream connection), response, error, tls_failed, in_flight. Sends block;
once the harness is gone, events go to a spool file next to the flow file instead, so
nothing is dropped silently.

mitmproxy calls the request hook only once a body has arrived whole, so an upload still
arriving is otherwise invisible. Every request for PROBE_HOST (the harness asks for one
when it closes a window) and mitmdump's shutdown first report each such upload as an
in_flight event: its head and the body bytes that arrived so far. So does an upload the
phone cut short, before its error event.

A request event is written at once, in the request hook, together with any event still
waiting. Response, error and tls_failed events wait for the next request event, for at
most FLUSH_DELAY, and are written at shutdown at the latest: each write wakes the
harness's reader, which costs both processes more CPU than building the lines, so the
events of a busy proxy go out about one write per flow instead of two.

In sinkhole mode every request is answered here, so nothing leaves the lab. Run with
--set connection_strategy=lazy --set upstream_cert=false so that CONNECT and the TLS
handshake with the phone never open an upstream connection, or a DNS lookup, either.
"""
import asyncio
import binascii
import json
import os
import select
import socket
import sys
import time
import weakref

from mitmproxy import ctx, exceptions, http
from mitmproxy.proxy.layers.http import HttpLayer

MODES = ("sinkhole", "passthrough")
SINKHOLE_BODY = b"phonehome sinkhole\n"
# the harness's proof that a phone reaches this proxy: answered here in every mode
PROBE_HOST = "probe.phonehome.invalid"
# longest a response, error or tls_failed event waits for a request event to share its write
FLUSH_DELAY = 0.005

# the C encoder json.dumps itself uses for strings (ensure_ascii): the same output, without
# building a dict per event and walking it
_quote = json.encoder.encode_basestring_ascii


def _b64(data):
    return binascii.b2a_base64(data or b"", newline=False).decode("ascii")


def _headers(headers):
    return ",".join("[" + _quote(k.decode("utf-8", "replace")) + "," + _quote(v.decode("utf-8", "replace")) + "]"
                    for k, v in headers.fields)


def _number(value):
    return "null" if value is None else repr(value)


def _address(addr):
    return f"{addr[0]}:{addr[1]}" if addr else ""


def _listening():
    # a busy port is only logged and mitmdump keeps running, so the harness checks this list
    server = ctx.master.addons.get("proxyserver")
    tcp = getattr(server, "tcp_server", None)
    return [_address(s.getsockname()) for s in tcp.sockets] if tcp else []


def _warn(message):
    print(f"phonehome bridge: {message}", file=sys.stderr, flush=True)


def _request_line(kind, flow, body, extra):
    req = flow.request
    return ("{\"type\":\"" + kind + "\",\"id\":" + _quote(flow.id)
            + ",\"time\":" + _number(req.timestamp_start)
            + ",\"method\":" + _quote(req.method)
            + ",\"url\":" + _quote(req.pretty_url)
            + ",\"host\":" + _quote(req.pretty_host)
            + ",\"http_version\":" + _quote(req.http_version)
            + ",\"headers\":[" + _headers(req.headers)
            + "],\"body\":\"" + _b64(body) + "\"" + extra + "}\n").encode("ascii")


def _expected(req):
    length = req.headers.get("content-length", "").strip()
    return ",\"expected\":" + (length if length.isdigit() else "null")


def _line(event):
    return (json.dumps(event, separators=(",", ":")) + "\n").encode("utf-8")


class Bridge:
    def __init__(self):
        self.sock = None
        self.poll = None
        self.spooling = False
        self.sinkhole = True
        self.waiting = []
        self.timer = None
        self.hello_sizes = {}
        self.startup_errors = []
        # the layer choices of live connections: their HTTP layers hold the streams whose
        # request body is still arriving
        self.next_layers = weakref.WeakSet()

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
        # read once here: ctx.options costs a few microseconds per look-up, on every request
        self.sinkhole = ctx.options.phonehome_mode != "passthrough"

    def add_log(self, entry):
        if entry.level == "error" and self.sock is None:
            self.startup_errors.append(entry.msg)

    def running(self):
        port = ctx.options.phonehome_port
        try:
            self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            self.sock.settimeout(None)
            self.poll = select.poll()
            self.poll.register(self.sock, select.POLLIN)
        except OSError as e:
            _warn(f"cannot reach the harness on 127.0.0.1:{port}: {e}")
        self.send_now(_line({"type": "hello", "mode": ctx.options.phonehome_mode, "pid": os.getpid(),
                             "listen": _listening(), "errors": list(self.startup_errors)}))

    def done(self):
        self._report_in_flight()
        self.flush()
        self._disconnect()

    def next_layer(self, nextlayer):
        # scripts run before mitmproxy's own next_layer addon, so the layer is not chosen
        # yet: it is looked at only when in-flight uploads are reported
        self.next_layers.add(nextlayer)

    def request(self, flow: http.HTTPFlow):
        req = flow.request
        probe = req.pretty_host == PROBE_HOST
        if self.sinkhole or probe:
            # answered first, so that not even a failing send can let the request go upstream
            flow.response = http.Response.make(200, SINKHOLE_BODY, {"Content-Type": "text/plain"})
        if probe:
            self._report_in_flight()
        self.send_now(_request_line("request", flow, req.raw_content, ""))

    def response(self, flow: http.HTTPFlow):
        resp = flow.response
        self.send_soon(("{\"type\":\"response\",\"id\":" + _quote(flow.id)
                        + ",\"time\":" + repr(time.time())
                        + ",\"status\":" + str(int(resp.status_code))
                        + ",\"http_version\":" + _quote(resp.http_version)
                        + ",\"headers\":[" + _headers(resp.headers)
                        + "],\"body\":\"" + _b64(resp.raw_content) + "\"}\n").encode("ascii"))

    def error(self, flow: http.HTTPFlow):
        req = flow.request
        if req is not None and req.method == "CONNECT":
            # a tunnel is no flow of its own: what went through it is reported (or tls_failed)
            return
        if req is not None and req.raw_content is None:
            # the body never arrived whole: what did arrive goes first, then why it ended;
            # a stream no longer found still leaves its head, so the error has its flow
            if not self._report_in_flight(flow):
                self.waiting.append(_request_line("in_flight", flow, b"", _expected(req)))
        self.send_soon(_line({"type": "error", "id": flow.id, "time": time.time(),
                              "message": flow.error.msg if flow.error else "unknown error"}))

    def server_connect(self, data):
        # the safety net of sinkhole mode: whatever was not answered above (raw TCP through
        # CONNECT, say) is cut here instead of reaching the internet
        if self.sinkhole:
            data.server.error = "phonehome sinkhole: no upstream connections"
            _warn(f"sinkhole refused an upstream connection to {_address(data.server.address)}")

    def tls_clienthello(self, data):
        # a phone that refuses the lab CA sends nothing but its hello: that is the byte count known
        self.hello_sizes[data.context.client.id] = len(data.client_hello.raw_bytes())

    def tls_established_client(self, data):
        self.hello_sizes.pop(data.conn.id, None)

    def tls_failed_client(self, data):
        client = data.context.client
        self.send_soon(_line({"type": "tls_failed", "id": client.id, "time": time.time(),
                              "client": _address(client.peername), "sni": client.sni or "",
                              "server": _address(data.context.server.address),
                              "error": data.conn.error or "", "bytes": self.hello_sizes.pop(client.id, 0)}))

    def _report_in_flight(self, only=None):
        """Queues an in_flight event for each request whose body is still arriving (or for `only`); returns how many."""
        reported = 0
        for choice in list(self.next_layers):
            layer = choice.layer
            if not isinstance(layer, HttpLayer):
                continue
            for stream in list(getattr(layer, "streams", {}).values()):
                flow = getattr(stream, "flow", None)
                # a CONNECT, or a request still in its head or already whole, has no body arriving
                consuming = getattr(stream, "state_consume_request_body", None)
                if (flow is None or flow.request is None or flow.request.raw_content is not None
                        or consuming is None or getattr(stream, "client_state", None) != consuming):
                    continue
                if only is not None and flow is not only:
                    continue
                arrived = getattr(stream, "request_body_buf", b"")
                self.waiting.append(_request_line("in_flight", flow, arrived, _expected(flow.request)))
                reported += 1
        return reported

    def send_now(self, line):
        """Writes the line, after any that wait, before returning."""
        self.waiting.append(line)
        self.flush()

    def send_soon(self, line):
        """Writes the line with the next request event, or within FLUSH_DELAY, whichever comes first."""
        self.waiting.append(line)
        if self.timer is not None:
            return
        try:
            self.timer = asyncio.get_running_loop().call_later(FLUSH_DELAY, self._flush_due)
        except RuntimeError:
            self.flush()

    def _flush_due(self):
        self.timer = None
        self.flush()

    def flush(self):
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if not self.waiting:
            return
        data = self.waiting[0] if len(self.waiting) == 1 else b"".join(self.waiting)
        self.waiting.clear()
        if self.sock is not None and self._harness_closed():
            _warn(f"the harness closed its connection; spooling events to {self._spool_path()}")
            self._disconnect()
            self.spooling = True
        if self.sock is not None:
            try:
                self.sock.sendall(data)
                return
            except OSError as e:
                _warn(f"harness connection lost ({e}); spooling events to {self._spool_path()}")
                self._disconnect()
                self.spooling = True
        if not self.spooling:
            _warn(f"no harness connection; spooling events to {self._spool_path()}")
            self.spooling = True
        with open(self._spool_path(), "ab") as spool:
            spool.write(data)

    def _harness_closed(self):
        # the harness never writes, so a readable socket means it closed; checking first
        # saves the one send that would still succeed into a dead connection
        try:
            return bool(self.poll.poll(0)) and self.sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _disconnect(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None
            self.poll = None

    def _spool_path(self):
        flows = ctx.options.save_stream_file
        if flows:
            return flows.lstrip("+") + ".spool.jsonl"
        return os.path.join(os.path.expanduser(ctx.options.confdir), "phonehome-spool.jsonl")


addons = [Bridge()]
