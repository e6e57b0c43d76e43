"""Starts Debian's prometheus on loopback (scrape interval 1 s, a temporary tsdb), runs PROGRAM
with GREENLINT_PROMETHEUS pointing at a free loopback port, and queries QUERY through the HTTP API
(/api/v1/query) until it has a result. Prints one line per series: the labels, then whether the
value is positive. The server is stopped in every case.

usage: scrape.py WORKDIR QUERY PROGRAM [ARGS...]
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    work, query, program = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    web, exporter = free_port(), free_port()
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w") as f:
        f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                "scrape_configs:\n  - job_name: greenlint\n"
                "    static_configs:\n      - targets: ['127.0.0.1:%d']\n" % exporter)
    server = subprocess.Popen(
        ["prometheus", "--config.file=" + config,
         "--storage.tsdb.path=" + os.path.join(work, "tsdb"),
         "--web.listen-address=127.0.0.1:%d" % web],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "prometheus.log"), "w"))
    env = dict(os.environ, GREENLINT_PROMETHEUS="127.0.0.1:%d" % exporter)
    try:
        program_run = subprocess.Popen(program, env=env)
        url = "http://127.0.0.1:%d/api/v1/query?%s" % (
            web, urllib.parse.urlencode({"query": query}))
        result = []
        deadline = time.time() + 20
        while time.time() < deadline and not result:
            time.sleep(1)
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    body = json.load(r)
            except OSError:
                continue  # the server is still starting
            result = [s for s in body["data"]["result"] if float(s["value"][1]) > 0]
        program_run.wait()
        for series in sorted(result, key=lambda s: sorted(s["metric"].items())):
            labels = ",".join("%s=%s" % kv for kv in sorted(series["metric"].items())
                              if kv[0] not in ("instance", "job"))
            print("%s positive=%s" % (labels, float(series["value"][1]) > 0))
        if not result:
            print("no result for %s" % query)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


main()
