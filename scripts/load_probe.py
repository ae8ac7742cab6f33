#!/usr/bin/env python3
"""Load with faults (issue 9.4): the probe that records every request's time and outcome.

Threads read one customer each over the API (bearer token) and one thread rectifies the city of
invented demo customers with unique values, so that afterwards every acknowledged write can be
checked. Standard library only.

Usage: load_probe.py BASE_URL TOKEN SECONDS OUT.json
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, token, seconds, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
u = urllib.parse.urlparse(base)
events = []  # (time, kind, ok, detail)
acked = {}  # customer -> last acknowledged city
lock = threading.Lock()
stop = time.time() + seconds
CUSTOMERS = [f"C{n:07d}" for n in range(1, 41)]


def request(method, path, body=None):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        r = conn.getresponse()
        data = r.read()
        return r.status, data
    finally:
        conn.close()


def reader(i):
    n = 0
    while time.time() < stop:
        cid = CUSTOMERS[(i * 7 + n) % len(CUSTOMERS)]
        n += 1
        t = time.time()
        try:
            status, _ = request("GET", f"/api/customers/{cid}")
            ok = status == 200
            detail = str(status)
        except Exception as e:  # connection refused during the restart, timeouts
            ok, detail = False, type(e).__name__
        with lock:
            events.append((t, "read", ok, detail))


def writer():
    n = 0
    while time.time() < stop:
        cid = CUSTOMERS[n % len(CUSTOMERS)]
        city = f"Probestadt-{n}"
        n += 1
        t = time.time()
        try:
            status, _ = request("PATCH", f"/api/customers/{cid}", {"city": city})
            ok = status == 200
            detail = str(status)
        except Exception as e:
            ok, detail = False, type(e).__name__
        with lock:
            events.append((t, "write", ok, detail))
            if ok:
                acked[cid] = city
            else:  # may or may not have committed before the connection dropped
                acked.setdefault("_unacked", {}).setdefault(cid, []).append(city)
        time.sleep(0.02)


threads = [threading.Thread(target=reader, args=(i,)) for i in range(4)] + [threading.Thread(target=writer)]
for th in threads:
    th.start()
for th in threads:
    th.join()
json.dump({"events": events, "acked": acked}, open(out, "w"))
