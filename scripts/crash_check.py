#!/usr/bin/env python3
"""Kills obhut with SIGKILL at random moments and checks the workspace after each kill.

Called by scripts/crash-check.sh (which builds the binary and the demo workspace). Standard
library only. Every random choice comes from one seeded generator, so a run is reproducible:
the same --seed gives the same sequence of operations and kill delays (the moment the kill lands
in the process still depends on the machine's speed).

Operations: import-orders, import-customers (a fresh file of new rows each time), run (one
analysis), erase (one person), retention (rules tightened so that a slice of the customers is
due). After every kill, with the sqlite3 command-line tool opened read-only:
  - PRAGMA integrity_check is ok;
  - an import landed completely (count before + rows of the file, with its import_run
    'committed') or not at all;
  - each activity's derived results belong to one completed run, and a completed run has its
    run.completed audit entry whose count matches the people with results;
  - no person is half erased: every customer has its key, no key, feedback, consent, result,
    restriction or alias outlives its customer, no order line points to a missing customer; the
    erasure_log table grew by the people who are gone; a killed erasure left the person either
    fully there (same rows as before) or fully gone;
then `obhut audit verify` passes and erasure.log (outside the database) holds every token of
the erasure_log table once the workspace has been opened again.
"""
import argparse, json, os, random, re, signal, subprocess, sys, time

ACTIVITIES = ["segments", "clv", "recommendations", "lead-scores", "rebuy-reminders"]


class Failure(Exception):
    pass


def sq(db, sql):
    """Runs one query with the sqlite3 command-line tool, read-only; returns rows as dicts."""
    p = subprocess.run(["sqlite3", "-readonly", "-batch", "-json", db, sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure(f"sqlite3 failed on {sql!r}: {p.stderr.strip()}")
    out = p.stdout.strip()
    return json.loads(out) if out else []


def one(db, sql):
    rows = sq(db, sql)
    return next(iter(rows[0].values())) if rows else None


class Checker:
    def __init__(self, args):
        self.a = args
        self.ws = args.dir
        self.db = os.path.join(self.ws, "obhut.sqlite")
        self.rnd = random.Random(args.seed)
        self.tmp = os.path.join(args.work, "files")
        os.makedirs(self.tmp, exist_ok=True)
        self.durations = {}
        self.file_serial = 0

    def obhut(self, *argv, timeout=600):
        return subprocess.run([self.a.bin, *argv, "--dir", self.ws], capture_output=True, text=True, timeout=timeout)

    # ---- invariants that hold after any kill -------------------------------------------------

    def snapshot(self):
        db = self.db
        return {
            "customers": one(db, "SELECT count(*) FROM customer"),
            "order_lines": one(db, "SELECT count(*) FROM order_line"),
            "erasure_log": one(db, "SELECT count(*) FROM erasure_log"),
            "imports_committed": one(db, "SELECT count(*) FROM import_run WHERE status = 'committed'"),
            "max_import": one(db, "SELECT coalesce(max(id), 0) FROM import_run"),
            "max_run": one(db, "SELECT coalesce(max(id), 0) FROM activity_run"),
            "audit": one(db, "SELECT coalesce(max(sequence), 0) FROM audit_entry"),
        }

    def check_integrity(self):
        r = subprocess.run(["sqlite3", "-readonly", "-batch", self.db, "PRAGMA integrity_check"], capture_output=True, text=True)
        if r.returncode != 0 or r.stdout.strip() != "ok":
            raise Failure(f"integrity_check: {r.stdout.strip()[:300]} {r.stderr.strip()[:300]}")

    def check_no_half_erased(self):
        db = self.db
        checks = {
            "customer without key": "SELECT count(*) FROM customer c WHERE NOT EXISTS (SELECT 1 FROM person_key k WHERE k.subject = 'c:' || c.id)",
            "key without customer": "SELECT count(*) FROM person_key k WHERE k.subject LIKE 'c:%' AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = substr(k.subject, 3))",
            "order line of a missing customer": "SELECT count(*) FROM order_line o WHERE o.customer_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.ref = o.customer_ref)",
            "consent of a missing customer": "SELECT count(*) FROM consent_event e WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = e.customer_id)",
            "result of a missing customer": "SELECT count(*) FROM derived_result d WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = d.customer_id)",
            "restriction of a missing customer": "SELECT count(*) FROM person_restriction r WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = r.customer_id)",
            "alias of a missing customer": "SELECT count(*) FROM customer_alias a WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = a.customer_id)",
            "feedback of a missing customer": "SELECT count(*) FROM feedback f WHERE f.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = f.customer_id)",
        }
        counts = {name: one(db, sql) for name, sql in checks.items()}
        if not hasattr(self, "baseline_orphans"):
            # Whatever the demo shop holds before the first kill is the baseline (it should be 0).
            self.baseline_orphans = counts
        for name, n in counts.items():
            if n > self.baseline_orphans[name]:
                raise Failure(f"{name}: {n} (baseline {self.baseline_orphans[name]})")

    def check_runs(self):
        db = self.db
        bad = sq(db, """SELECT d.activity, d.run_id, r.status FROM (SELECT DISTINCT activity, run_id FROM derived_result) d
                       LEFT JOIN activity_run r ON r.id = d.run_id WHERE r.status IS NOT 'completed'""")
        if bad:
            raise Failure(f"results of a run that did not complete: {bad[:3]}")
        multi = sq(db, "SELECT activity, count(DISTINCT run_id) AS n FROM derived_result GROUP BY activity HAVING n > 1")
        if multi:
            raise Failure(f"results of two runs of one activity: {multi}")
        # Every completed run has its audit entry (same transaction since the fix of 2026-11-23).
        missing = sq(db, f"""SELECT r.id FROM activity_run r WHERE r.status = 'completed' AND r.id > {self.first_checked_run}
                            AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'run.completed' AND a.reason = 'run ' || r.id)""")
        if missing:
            raise Failure(f"completed runs without their run.completed audit entry: {[m['id'] for m in missing][:5]}")

    def check_erasure_log_file(self):
        tokens = {r["subject"] for r in sq(self.db, "SELECT subject FROM erasure_log")}
        path = os.path.join(self.ws, "erasure.log")
        in_file = set()
        if os.path.exists(path):
            with open(path) as f:
                in_file = {line.split(" ")[0] for line in f if line.strip()}
        gone = tokens - in_file
        if gone:
            raise Failure(f"{len(gone)} erased people missing from erasure.log (a restore would bring them back)")

    def check_all(self):
        self.check_integrity()
        self.check_no_half_erased()
        self.check_runs()

    def verify_audit_and_log(self):
        """Opens the workspace with the binary (as the next command would), verifies the audit chain."""
        r = self.obhut("audit", "verify", "--json")
        if r.returncode != 0:
            raise Failure(f"audit verify exit {r.returncode}: {r.stdout.strip()[:300]} {r.stderr.strip()[:300]}")
        self.check_erasure_log_file()

    # ---- operations -----------------------------------------------------------------------

    def new_file(self, kind):
        self.file_serial += 1
        n = self.a.import_rows
        s = self.file_serial
        path = os.path.join(self.tmp, f"{kind}-{s}.csv")
        rnd = random.Random(self.a.seed * 1000 + s)
        with open(path, "w") as f:
            if kind == "orders":
                f.write("order_id,line,customer_id,product_id,quantity,unit_price,currency,ordered_at\n")
                ids = self.customer_ids
                order, line = 0, 0
                for i in range(n):
                    if line == 0 or rnd.random() < 0.4:
                        order += 1; line = 0; cust = rnd.choice(ids)
                        day = f"2025-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d} {rnd.randrange(24):02d}:{rnd.randrange(60):02d}"
                    line += 1
                    f.write(f"KX{s}-{order},{line},{cust},{rnd.choice(self.product_ids)},{rnd.choice([1, 1, 2, 3])},{1 + rnd.randrange(90)}.{rnd.randrange(100):02d},EUR,{day}\n")
            else:
                n = max(1000, n // 10)
                f.write("customer_id,first_name,last_name,email,postal_code,country,created_at\n")
                for i in range(n):
                    f.write(f"KX{s}-{i},Vorname{i % 997},Nachname{i % 1009},kx{s}.{i}@example.de,{10000 + i % 89999},DE,2024-0{1 + i % 9}-1{i % 10}\n")
        return path, n

    def prepare(self, op):
        """Returns (argv, context) for one operation; context holds what the check needs."""
        db = self.db
        if op in ("import-orders", "import-customers"):
            kind = op.split("-")[1]
            path, rows = self.new_file(kind)
            before = one(db, "SELECT count(*) FROM order_line" if kind == "orders" else "SELECT count(*) FROM customer")
            return ["import", kind, path], {"kind": kind, "rows": rows, "before": before, "file": os.path.basename(path)}
        if op == "run":
            activity = self.rnd.choice(ACTIVITIES)
            return ["run", activity], {"activity": activity, "timing": "run " + activity}
        if op == "erase":
            row = sq(db, f"SELECT id, ref FROM customer ORDER BY id LIMIT 1 OFFSET {self.rnd.randrange(max(1, self.snap['customers'] - 1))}")[0]
            cid, ref = row["id"], row["ref"]
            esc = cid.replace("'", "''")
            facts = {
                "orders": one(db, f"SELECT count(*) FROM order_line WHERE customer_ref = {ref}"),
                "feedback": one(db, f"SELECT count(*) FROM feedback WHERE customer_id = '{esc}'"),
                "consents": one(db, f"SELECT count(*) FROM consent_event WHERE customer_id = '{esc}'"),
                "results": one(db, f"SELECT count(*) FROM derived_result WHERE customer_id = '{esc}'"),
            }
            return ["subject", "erase", cid], {"id": cid, "ref": ref, "facts": facts}
        if op == "retention":
            due = self.tighten_retention()
            return ["retention"], {"due": due}
        raise ValueError(op)

    def tighten_retention(self):
        """Sets the customer rule in register.yaml so that about retention_share of the customers are due."""
        db = self.db
        n = self.snap["customers"]
        k = max(1, int(n * self.a.retention_share))
        now = int(time.time())
        lasts = sq(db, f"""SELECT coalesce(o.last, c.created_at, c.updated_at, 0) AS t FROM customer c
                          LEFT JOIN (SELECT customer_ref, max(ordered_at) AS last FROM order_line WHERE customer_ref IS NOT NULL GROUP BY customer_ref) o
                          ON o.customer_ref = c.ref ORDER BY t LIMIT 1 OFFSET {k}""")
        if not lasts:
            return 0
        days = max(1, (now - lasts[0]["t"]) // 86400)
        path = os.path.join(self.ws, "register.yaml")
        with open(path) as f:
            text = f.read()
        text2, count = re.subn(r"(customerDaysAfterLastOrder:\s*)\d+", lambda m: m.group(1) + str(days), text)
        if count != 1:
            raise Failure("register.yaml: no customerDaysAfterLastOrder rule to tighten")
        with open(path, "w") as f:
            f.write(text2)
        return one(db, f"""SELECT count(*) FROM customer c LEFT JOIN (SELECT customer_ref, max(ordered_at) AS last FROM order_line
                          WHERE customer_ref IS NOT NULL GROUP BY customer_ref) o ON o.customer_ref = c.ref
                          WHERE coalesce(o.last, c.created_at, c.updated_at, 0) < {now - days * 86400}""")

    def check_op(self, op, ctx, before):
        db = self.db
        if op.startswith("import"):
            runs = sq(db, f"SELECT id, status, rows_ok, file_name FROM import_run WHERE id > {before['max_import']}")
            committed = [r for r in runs if r["status"] == "committed"]
            running = [r for r in runs if r["status"] == "running"]
            if running:
                raise Failure(f"import_run left 'running': {running}")
            now = one(db, "SELECT count(*) FROM order_line" if ctx["kind"] == "orders" else "SELECT count(*) FROM customer")
            if committed:
                if committed[0]["rows_ok"] != ctx["rows"] or now != ctx["before"] + ctx["rows"]:
                    raise Failure(f"import committed but {now} rows = {ctx['before']} + {now - ctx['before']}, file has {ctx['rows']}, rows_ok {committed[0]['rows_ok']}")
                return "landed"
            if now != ctx["before"]:
                raise Failure(f"import not committed but rows changed: {ctx['before']} -> {now}")
            return "none"
        if op == "run":
            runs = sq(db, f"SELECT id, status FROM activity_run WHERE id > {before['max_run']} AND activity = '{ctx['activity']}'")
            done = [r for r in runs if r["status"] == "completed"]
            if not done:
                return "none"
            rid = done[-1]["id"]
            audit = sq(db, f"SELECT count FROM audit_entry WHERE action = 'run.completed' AND reason = 'run {rid}'")
            people = one(db, f"SELECT count(DISTINCT customer_id) FROM derived_result WHERE run_id = {rid}")
            leads = one(db, f"SELECT count(*) FROM lead_score WHERE run_id = {rid}")
            if not audit or audit[0]["count"] != people + leads:
                raise Failure(f"run {rid} completed, {people} people + {leads} leads with results, audit says {audit}")
            return "stored"
        if op == "erase":
            cid = ctx["id"].replace("'", "''")
            present = one(db, f"SELECT count(*) FROM customer WHERE id = '{cid}'")
            key = one(db, f"SELECT count(*) FROM person_key WHERE subject = 'c:{cid}'")
            facts = {
                "orders": one(db, f"SELECT count(*) FROM order_line WHERE customer_ref = {ctx['ref']}"),
                "feedback": one(db, f"SELECT count(*) FROM feedback WHERE customer_id = '{cid}'"),
                "consents": one(db, f"SELECT count(*) FROM consent_event WHERE customer_id = '{cid}'"),
                "results": one(db, f"SELECT count(*) FROM derived_result WHERE customer_id = '{cid}'"),
            }
            log = one(db, "SELECT count(*) FROM erasure_log")
            if present:
                if key != 1 or facts != ctx["facts"] or log != before["erasure_log"]:
                    raise Failure(f"person still there but changed: key {key}, {facts} vs {ctx['facts']}, erasure_log {before['erasure_log']} -> {log}")
                return "kept"
            if key != 0 or any(facts.values()) or log != before["erasure_log"] + 1:
                raise Failure(f"person gone but traces left: key {key}, {facts}, erasure_log {before['erasure_log']} -> {log}")
            audit = one(db, f"SELECT count(*) FROM audit_entry WHERE action = 'subject.erase' AND sequence > {before['audit']}")
            if audit != 1:
                raise Failure(f"person erased without its subject.erase audit entry ({audit})")
            return "erased"
        if op == "retention":
            now = one(db, "SELECT count(*) FROM customer")
            log = one(db, "SELECT count(*) FROM erasure_log")
            gone = before["customers"] - now
            if gone == 0 and log == before["erasure_log"]:
                return "none"
            if gone != ctx["due"] or log != before["erasure_log"] + gone:
                raise Failure(f"retention: {gone} customers gone, {ctx['due']} due, erasure_log {before['erasure_log']} -> {log}")
            audit = one(db, f"SELECT count(*) FROM audit_entry WHERE action = 'retention.run' AND sequence > {before['audit']}")
            if audit != 1:
                raise Failure("retention committed without its retention.run audit entry")
            return "applied"
        raise ValueError(op)

    # ---- the loop ----------------------------------------------------------------------------

    def calibrate(self, ops):
        """Times one complete run of each operation (each activity of `run`), not killed, to spread
        the kill delays over it."""
        plan = [(op, None) for op in ops if op != "run"] + [("run", a) for a in ACTIVITIES]
        for op, activity in plan:
            argv, ctx = self.prepare(op)
            if activity:
                argv, ctx = ["run", activity], {"activity": activity, "timing": "run " + activity}
            key = ctx.get("timing", op)
            before = self.snapshot()
            t = time.monotonic()
            r = self.obhut(*argv)
            self.durations[key] = time.monotonic() - t
            if r.returncode != 0:
                raise SystemExit(f"calibration of {op} failed ({r.returncode}): {r.stderr.strip()[:500]}")
            self.check_all()
            self.check_op(op, ctx, before)
            self.verify_audit_and_log()
            self.snap = self.snapshot()
            print(f"calibration: {key} takes {self.durations[key]:.2f} s", flush=True)

    def run(self):
        ops = ["import-orders", "import-customers", "run", "erase", "retention"]
        db = self.db
        self.customer_ids = [r["id"] for r in sq(db, "SELECT id FROM customer ORDER BY id LIMIT 5000")]
        self.product_ids = [r["id"] for r in sq(db, "SELECT id FROM product ORDER BY id LIMIT 2000")]
        self.first_checked_run = one(db, "SELECT coalesce(max(id), 0) FROM activity_run")
        self.snap = self.snapshot()
        self.check_all()
        self.calibrate(ops)
        stats = {op: {"kills": 0, "survived": 0, "outcomes": {}} for op in ops}
        failures = []
        started = time.monotonic()
        i = 0
        killed = 0
        # KILLS counts processes actually killed; one that finished before its delay is checked too
        # but does not count (at most twice as many starts).
        while killed < self.a.kills and i < 2 * self.a.kills:
            op = self.rnd.choice(ops)
            # Customers leave with every erasure and retention: keep ids that still exist.
            if op == "import-orders":
                self.customer_ids = [r["id"] for r in sq(db, "SELECT id FROM customer ORDER BY id LIMIT 5000")]
            argv, ctx = self.prepare(op)
            delay = self.rnd.uniform(0.02, 1.1 * self.durations[ctx.get("timing", op)])
            before = self.snapshot()
            proc = subprocess.Popen([self.a.bin, *argv, "--dir", self.ws], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(delay)
            finished = proc.poll() is not None
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            err = proc.stderr.read().decode(errors="replace").strip()
            stats[op]["kills"] += 0 if finished else 1
            killed += 0 if finished else 1
            i += 1
            try:
                if finished and proc.returncode != 0:
                    raise Failure(f"finished before the kill with exit {proc.returncode}: {err[:300]}")
                self.check_all()
                outcome = self.check_op(op, ctx, before)
                self.verify_audit_and_log()
                self.check_all()
                key = ("finished: " if finished else "killed: ") + outcome
                stats[op]["outcomes"][key] = stats[op]["outcomes"].get(key, 0) + 1
                if not finished:
                    stats[op]["survived"] += 1
                print(f"[{i} started, {killed}/{self.a.kills} killed] {op} {' '.join(argv[1:2])} delay {delay:.2f} s: {key}", flush=True)
            except Failure as e:
                failures.append({"start": i, "op": op, "argv": argv, "delay": round(delay, 3), "finished": finished, "error": str(e)})
                print(f"[{i} started] {op} delay {delay:.2f} s: FAILURE {e}", flush=True)
                if self.a.stop_on_failure:
                    break
            self.snap = self.snapshot()
        seconds = time.monotonic() - started
        summary = {
            "seed": self.a.seed, "kills_requested": self.a.kills, "seconds": round(seconds, 1),
            "calibration_seconds": {k: round(v, 2) for k, v in self.durations.items()},
            "operations": stats, "failures": failures,
            "killed": sum(s["kills"] for s in stats.values()), "survived": sum(s["survived"] for s in stats.values()),
            "final_counts": self.snapshot(),
        }
        print("\nSummary (seed %d, %.0f s):" % (self.a.seed, seconds))
        print(f"  {'operation':18} {'started':>7} {'killed':>7} {'survived':>8}  outcomes")
        for op, s in stats.items():
            started_n = sum(s["outcomes"].values()) + sum(1 for f in failures if f["op"] == op)
            print(f"  {op:18} {started_n:7d} {s['kills']:7d} {s['survived']:8d}  {s['outcomes']}")
        print(f"  killed {summary['killed']}, survived {summary['survived']}, failures {len(failures)}")
        for f in failures:
            print(f"  FAILURE start {f['start']} ({f['op']}, delay {f['delay']} s, seed {self.a.seed}): {f['error']}")
        with open(os.path.join(self.a.work, "summary.json"), "w") as f:
            json.dump(summary, f, indent=2)
        return 1 if failures else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--dir", required=True, help="the demo workspace")
    p.add_argument("--work", required=True, help="folder for generated files and summary.json")
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--import-rows", type=int, default=200_000)
    p.add_argument("--retention-share", type=float, default=0.02)
    p.add_argument("--stop-on-failure", action="store_true")
    sys.exit(Checker(p.parse_args()).run())


if __name__ == "__main__":
    main()
