#!/usr/bin/python3
"""Learners writing through the public GraphQL API while the database fails over, and the proof that nothing they
were told was saved went missing.

  write_load.py run URL CREDENTIALS SECONDS OUT     every seeded user signs in with the learner app (code flow with
                                                   PKCE through the login page) and, one thread each, enrolls in the
                                                   catalog's courses and reports video positions, as fast as answers
                                                   come; every request is logged with its wall-clock start and end
                                                   and, when the platform acknowledged it, what it acknowledged
  write_load.py verify OUT PSQL...                 checks every acknowledged write against the database (PSQL is the
                                                   psql command line, reaching the current primary): each enrollment
                                                   is there, each item's position is at least the acknowledged one
  write_load.py figures OUT KILLED_AT              prints, as shell assignments, what the drill reports

Only the standard library: the drill runs on a fresh Debian machine with /usr/bin/python3.
"""
import base64
import hashlib
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

LEARNER_APP = "coursera-learner-app"
SCOPES = "openid profile enrollments:write catalog:read"
ENROLL = ("mutation($c: ID!, $s: ID!) { enroll(input: {courseId: $c, sessionId: $s, track: AUDIT}) "
          "{ enrollment { id } errors { code message } } }")
RECORD = ("mutation($i: ID!, $p: Float) { recordProgress(input: {itemId: $i, event: VIDEO_POSITION, positionSeconds: $p}) "
          "{ progress { positionSeconds } enrollment { id } errors { code message } } }")
COURSES = ("query($after: String) { courses(first: 50, after: $after) { pageInfo { hasNextPage endCursor } "
           "nodes { id sessions { id enrollmentOpensAt enrollmentClosesAt } modules { items { id videoAssetId } } } } }")
# Refusals that say "not this course" (closed, prerequisites, already enrolled from an earlier run): the learner moves
# on; they are answers, not outages, and nothing was written.
SKIPPED = {"ALREADY_ENROLLED", "ENROLLMENT_CLOSED", "PREREQUISITES_NOT_MET", "COURSE_NOT_FOUND", "SESSION_NOT_FOUND", "ENTITLEMENT_REQUIRED",
           "SESSION_CLOSED", "NOT_OPEN", "PAYMENT_REQUIRED"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar))


def _location(opener, request):
    try:
        with opener.open(request, timeout=30) as answer:
            raise RuntimeError(f"expected a redirect from {request.full_url}, got {answer.status}: {answer.read()[:300]!r}")
    except urllib.error.HTTPError as e:
        if e.code in (301, 302, 303, 307, 308):
            return e.headers["Location"]
        raise RuntimeError(f"{request.full_url} answered {e.code}: {e.read()[:300]!r}") from e


def sign_in(base, email, password, redirect_uri):
    """The learner app's sign-in, as a browser does it: authorize, the login form (antiforgery token), the code, the token."""
    opener = _browser()
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_hex(8)
    query = urllib.parse.urlencode({"client_id": LEARNER_APP, "response_type": "code", "redirect_uri": redirect_uri,
                                    "scope": SCOPES, "code_challenge": challenge, "code_challenge_method": "S256",
                                    "state": state})
    location = _location(opener, urllib.request.Request(f"{base}/connect/authorize?{query}"))
    if location.startswith("/account/login"):
        return_url = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["returnUrl"][0]
        with opener.open(base + location, timeout=30) as page:
            token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page.read().decode()).group(1)
        form = urllib.parse.urlencode({"email": email, "password": password, "returnUrl": return_url,
                                       "__RequestVerificationToken": token.replace("&#x2B;", "+")}).encode()
        location = _location(opener, urllib.request.Request(f"{base}/account/login", data=form))
        location = _location(opener, urllib.request.Request(location if location.startswith("http") else base + location))
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "code_verifier": verifier,
                                   "client_id": LEARNER_APP, "redirect_uri": redirect_uri}).encode()
    with opener.open(urllib.request.Request(f"{base}/connect/token", data=form), timeout=30) as answer:
        return json.load(answer)["access_token"]


def graphql(base, token, query, variables, timeout=15):
    body = json.dumps({"query": query, "variables": variables}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with urllib.request.urlopen(urllib.request.Request(f"{base}/graphql", data=body, headers=headers), timeout=timeout) as answer:
        return json.load(answer)


def catalog(base, token):
    """Open sessions and the items without a video of their own (a video's length would cap the position)."""
    courses, after = [], None
    while True:
        page = graphql(base, token, COURSES, {"after": after}, timeout=60)["data"]["courses"]
        now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        for course in page["nodes"]:
            sessions = [s["id"] for s in course["sessions"] if s["enrollmentOpensAt"][:19] <= now < s["enrollmentClosesAt"][:19]]
            items = [i["id"] for m in course["modules"] for i in m["items"] if not i["videoAssetId"]]
            if sessions and items:
                courses.append({"id": course["id"], "session": sessions[0], "items": items})
        if not page["pageInfo"]["hasNextPage"]:
            return courses
        after = page["pageInfo"]["endCursor"]


class Learner(threading.Thread):
    def __init__(self, base, token, courses, deadline, offset, log, lock):
        super().__init__(daemon=True)
        self.base, self.token, self.deadline, self.log, self.lock = base, token, deadline, log, lock
        self.to_enroll = courses[offset:] + courses[:offset]  # learners start on different courses
        self.enrolled = []  # (enrollment id, items)
        self.position = 0.0

    def write(self, kind, query, variables):
        started = time.time()
        entry = {"kind": kind, "start": started}
        try:
            answer = graphql(self.base, self.token, query, variables)
            payload = (answer.get("data") or {}).get(kind)
            if answer.get("errors") or payload is None:
                entry.update(ok=False, error=json.dumps(answer.get("errors"))[:300])
            elif payload["errors"]:
                entry.update(ok=False, refused=payload["errors"][0]["code"], error=payload["errors"][0]["message"][:200])
            else:
                entry.update(ok=True, payload=payload)
        except Exception as e:  # an outage shows as refused connections, 5xx and timeouts alike
            entry.update(ok=False, error=f"{type(e).__name__}: {e}"[:300])
        entry["end"] = time.time()
        with self.lock:
            self.log.append(entry)
        return entry

    def run(self):
        n = 0
        while time.time() < self.deadline:
            n += 1
            if self.to_enroll and (not self.enrolled or n % 8 == 0):
                course = self.to_enroll[0]
                entry = self.write("enroll", ENROLL, {"c": course["id"], "s": course["session"]})
                if entry["ok"]:
                    self.enrolled.append((entry["payload"]["enrollment"]["id"], course["items"]))
                    entry["ack"] = {"enrollment": entry["payload"]["enrollment"]["id"]}
                elif entry.get("refused") == "ALREADY_ENROLLED":
                    # Enrolled by an earlier run (the restore drill runs the load three times): progress can go on.
                    self.enrolled.append((None, course["items"]))
                if entry["ok"] or entry.get("refused") in SKIPPED:
                    entry["counted"] = entry["ok"]
                    self.to_enroll.pop(0)
                continue
            if not self.enrolled:
                return
            enrollment, items = self.enrolled[n % len(self.enrolled)]
            item = items[n % len(items)]
            self.position = round(self.position + 0.5, 1)  # rises with every report: the stored maximum must reach it
            entry = self.write("recordProgress", RECORD, {"i": item, "p": self.position})
            if entry["ok"]:
                entry["ack"] = {"enrollment": entry["payload"]["enrollment"]["id"], "item": item,
                                "position": entry["payload"]["progress"]["positionSeconds"]}


def run(base, credentials_path, seconds, out):
    credentials = json.load(open(credentials_path))
    redirect = next(c["redirectUri"] for c in credentials["publicClients"] if c["clientId"] == LEARNER_APP)
    tokens = []
    for user in credentials["users"]:
        tokens.append(sign_in(base, user["email"], user["password"], redirect))
    courses = catalog(base, tokens[0])
    if not courses:
        sys.exit("No published course with an open session and items: nothing to enroll in")
    log, lock = [], threading.Lock()
    deadline = time.time() + seconds
    learners = [Learner(base, t, courses, deadline, i * 3 % len(courses), log, lock) for i, t in enumerate(tokens)]
    print(f"load started: {len(learners)} learners, {len(courses)} courses, {seconds} s", file=sys.stderr, flush=True)
    for learner in learners:
        learner.start()
    for learner in learners:
        learner.join()
    for entry in log:
        entry.pop("payload", None)
    json.dump({"learners": len(learners), "log": log}, open(out, "w"))


def verify(out, psql):
    """Every acknowledged write, looked up on the current primary; prints the lost ones and their count."""
    log = json.load(open(out))["log"]
    acks = [e["ack"] for e in log if e.get("ok") and "ack" in e]
    enrollments = sorted({a["enrollment"] for a in acks})
    found = set()
    positions = {}
    # In slices: a command line has a length limit.
    for start in range(0, len(enrollments), 500):
        ids = ",".join(f"'{i}'" for i in enrollments[start:start + 500])
        rows = subprocess.run(psql + ["-c", f"SELECT id FROM learner.enrollments WHERE id IN ({ids})"],
                              check=True, capture_output=True, text=True).stdout.split()
        found.update(rows)
        rows = subprocess.run(psql + ["-c", f"SELECT id || ' ' || i.key || ' ' || coalesce(i.value->>'positionSeconds', '-1') "
                                            f"FROM learner.doc_progress, jsonb_each(body->'items') i WHERE id IN ({ids})"],
                              check=True, capture_output=True, text=True).stdout.splitlines()
        for row in rows:
            enrollment, item, position = row.split(" ")
            positions[(enrollment, item)] = float(position)
    lost = 0
    for ack in acks:
        if ack["enrollment"] not in found:
            lost += 1
            print(f"lost: enrollment {ack['enrollment']}", file=sys.stderr)
        elif "item" in ack and positions.get((ack["enrollment"], ack["item"]), -1) < ack["position"]:
            lost += 1
            print(f"lost: position {ack['position']} of item {ack['item']} in {ack['enrollment']} "
                  f"(stored {positions.get((ack['enrollment'], ack['item']))})", file=sys.stderr)
    print(f"acknowledged={len(acks)} lost={lost}")


def figures(out, killed_at):
    """Write unavailability: from the kill to the first write started after it that succeeded (a write that began
    before the kill and ended after it may have committed on the old primary just in time; it proves nothing about
    the new one)."""
    log = sorted(json.load(open(out))["log"], key=lambda e: e["start"])
    ok_before = sum(1 for e in log if e["ok"] and e["end"] < killed_at)
    after = [e for e in log if e["start"] >= killed_at]
    first_ok = next((e for e in after if e["ok"]), None)
    failed = [e for e in log if not e["ok"] and "refused" not in e]
    last_failure = max((e["end"] for e in failed), default=killed_at)
    samples = sorted({e["error"][:120] for e in failed})[:5]
    for sample in samples:
        print(f"sample failure: {sample}", file=sys.stderr)
    print(f"writes={len(log)}")
    print(f"ok_before_kill={ok_before}")
    print(f"ok_after_kill={sum(1 for e in after if e['ok'])}")
    print(f"failed_writes={len(failed)}")
    print(f"unavailable_seconds={(first_ok['end'] - killed_at) if first_ok else -1:.1f}")
    print(f"last_failure_after_kill_seconds={max(0.0, last_failure - killed_at):.1f}")
    print(f"recovered={'yes' if first_ok else 'no'}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run" and len(sys.argv) == 6:
        run(sys.argv[2].rstrip("/"), sys.argv[3], float(sys.argv[4]), sys.argv[5])
    elif command == "verify" and len(sys.argv) > 3:
        verify(sys.argv[2], sys.argv[3:])
    elif command == "figures" and len(sys.argv) == 4:
        figures(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit(__doc__)
