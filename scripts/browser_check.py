"""Drives headless Chromium over the DevTools protocol for scripts/browser-check.

Signs in with POST /api/session (curl-like, urllib), sets the session cookie in the browser,
then navigates to each page with ?lang=de and ?lang=en and saves a full-page PNG. Fails when a
page answers with anything but 200 or the browser reports a CSP violation or a broken image.
"""
import argparse
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client

PAGES = ["/", "/customers", "/customers/{customer}", "/behaviour", "/segments", "/clv", "/feedback", "/leads", "/privacy"]
# (user, pages) — the admin sees everything; the DPO's cockpit and the analyst's pseudonyms too.
# "/customers#search" fills in the search form (POST, so no e-mail ever sits in a URL) and submits it.
RUNS = [
    ("demo-admin", PAGES + ["/customers#search"]),
    ("demo-dpo", ["/privacy", "/customers/{customer}"]),
    ("demo-analyst", ["/", "/clv"]),
    ("demo-marketing", ["/customers#search"]),
]
# Key pages for the README: (user, path, lang, file name).
DOCS = [
    ("demo-admin", "/", "en", "overview-en.png"),
    ("demo-admin", "/behaviour", "de", "behaviour-de.png"),
    ("demo-admin", "/customers/{customer}", "en", "customer-en.png"),
    ("demo-admin", "/feedback", "en", "feedback-en.png"),
    ("demo-dpo", "/privacy", "de", "privacy-cockpit-de.png"),
]


def sign_in(base, name, password):
    body = json.dumps({"name": name, "password": password}).encode()
    req = urllib.request.Request(base + "/api/session", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        cookie = resp.headers["Set-Cookie"].split(";")[0]
    return cookie.split("=", 1)[1]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Browser:
    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="obhut-chromium-")
        self.proc = subprocess.Popen(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}", "--window-size=1280,900", "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list") as resp:
                    targets = [t for t in json.load(resp) if t["type"] == "page"]
                if targets:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        for domain in ["Page", "Network", "Log", "Runtime"]:
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError(f"timeout waiting for {method}")

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        return self.loaded()

    def loaded(self):
        """Waits for the load event; the document's status and any console errors or warnings."""
        self.wait_for("Page.loadEventFired")
        status = None
        for e in self.events:
            if e.get("method") == "Network.responseReceived" and e["params"]["type"] == "Document":
                status = e["params"]["response"]["status"]
        problems = [
            e["params"]["entry"]["text"] for e in self.events
            if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning")
        ]
        return status, problems

    def submit(self, fields, form):
        """Fills in a form and submits it, as a person would (DevTools' own evaluation: the page
        itself runs no script). Returns the answer's status and problems."""
        self.events.clear()
        fill = "".join(f"document.getElementById({json.dumps(k)}).value={json.dumps(v)};" for k, v in fields.items())
        self.call("Runtime.evaluate", expression=fill + f"document.querySelector({json.dumps(form)}).submit()")
        return self.loaded()

    def screenshot(self, path, full=True):
        clip = None
        if full:
            metrics = self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            clip = {"x": 0, "y": 0, "width": 1280, "height": min(6000, size["height"]), "scale": 1}
        params = {"format": "png", "captureBeyondViewport": bool(full)}
        if clip:
            params["clip"] = clip
        data = self.call("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--customer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    host = args.base.split("//", 1)[1].split(":")[0]
    browser = Browser()
    failures = []
    try:
        for lang in ["de", "en"]:
            status, problems = browser.navigate(f"{args.base}/login?lang={lang}")
            name = f"login-{lang}.png"
            browser.screenshot(os.path.join(args.out, name), full=False)
            mark = "ok" if status == 200 and not problems else "FAIL"
            print(f"{mark:4} {status} {'(anonymous)':13} {'/login':28} {lang}  {name}")
            if mark != "ok":
                failures.append(name)
        # The sign-in form itself, end to end: post it, land on `next`.
        browser.call("Network.clearBrowserCookies")
        for lang in ["de", "en"]:
            browser.navigate(f"{args.base}/login?lang={lang}&next=%2Ffeedback")
            status, problems = browser.submit({"name": "demo-support", "password": args.password}, "form")
            name = f"support-feedback-after-login-{lang}.png"
            browser.screenshot(os.path.join(args.out, name), full=False)
            mark = "ok" if status == 200 and not problems else "FAIL"
            print(f"{mark:4} {status} {'demo-support':13} {'/login → /feedback':28} {lang}  {name}")
            if mark != "ok":
                failures.append(name)
            browser.call("Network.clearBrowserCookies")
        for user, pages in RUNS:
            session = sign_in(args.base, user, args.password)
            browser.call("Network.clearBrowserCookies")
            browser.call("Network.setCookie", name="obhut_session", value=session, domain=host, path="/", httpOnly=True)
            for page in pages:
                path, _, action = page.replace("{customer}", args.customer).partition("#")
                for lang in ["de", "en"]:
                    status, problems = browser.navigate(f"{args.base}{path}?lang={lang}")
                    if action == "search":
                        status, more = browser.submit({"q": args.customer[:-1]}, "form.search")
                        problems += more
                    slug = page.strip("/").replace("/", "-").replace("{customer}", "detail").replace("#", "-") or "overview"
                    name = f"{user.removeprefix('demo-')}-{slug}-{lang}.png"
                    browser.screenshot(os.path.join(args.out, name))
                    mark = "ok" if status == 200 and not problems else "FAIL"
                    print(f"{mark:4} {status} {user:13} {path:28} {lang}  {name}" + ("  " + "; ".join(problems) if problems else ""))
                    if mark != "ok":
                        failures.append(name)
            if args.docs:
                os.makedirs(args.docs, exist_ok=True)
                for doc_user, page, lang, name in DOCS:
                    if doc_user != user:
                        continue
                    browser.navigate(f"{args.base}{page.replace('{customer}', args.customer)}?lang={lang}")
                    browser.screenshot(os.path.join(args.docs, name), full=False)
    finally:
        browser.close()
    if failures:
        print(f"{len(failures)} page(s) failed: {', '.join(failures)}", file=sys.stderr)
        sys.exit(1)
    print(f"screenshots in {args.out}/")


if __name__ == "__main__":
    main()
