#!/usr/bin/env python3
"""A little real traffic for check.sh, as the seeded clients and learner of a Development host do it:
GraphQL queries and REST reads, a partner's webhook endpoint on a local receiver with a test delivery, a course
created by the partner (a GraphQL mutation, whose event the endpoint also receives) and the learner's sign-in (the
authorization code flow with PKCE through the login page) and enrollment. Prints one line per step; exits non-zero
when a step fails.

    traffic.py BASE_URL CREDENTIALS_JSON [ROUNDS]
"""
import base64
import hashlib
import http.server
import json
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, CREDENTIALS = sys.argv[1].rstrip("/"), json.load(open(sys.argv[2]))
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
PARTNER = "partner-northfield"
LEARNER = "learner@acme.example"
LEARNER_APP = "coursera-learner-app"
# The host's sample data gives the learner a PAID entitlement to this course, whose sessions are open (SampleLearning).
SAMPLE_COURSE = "machine-learning-foundations-northfield"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


class Browser:
    """Cookies kept, redirects handed back rather than followed: the login flow reads each Location itself."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(), NoRedirect())

    def send(self, method, path, body=None, headers=None):
        request = urllib.request.Request(path if path.startswith("http") else BASE + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


HTTP = Browser()


def form(fields):
    return urllib.parse.urlencode(fields).encode()


def token_for_client(client_id, scope):
    secret = next(c["clientSecret"] for c in CREDENTIALS["clients"] if c["clientId"] == client_id)
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    status, _, body = HTTP.send("POST", "/connect/token", form({"grant_type": "client_credentials", "scope": scope}),
                                {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, f"client credentials for {client_id}: {status} {body[:300]!r}"
    return json.loads(body)["access_token"]


def token_for_user(email, scope):
    """The authorization code flow with PKCE, through the login page, as a browser would."""
    browser = Browser()
    redirect = next(c["redirectUri"] for c in CREDENTIALS["publicClients"] if c["clientId"] == LEARNER_APP)
    password = next(u["password"] for u in CREDENTIALS["users"] if u["email"] == email)
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urllib.parse.urlencode({"client_id": LEARNER_APP, "response_type": "code", "redirect_uri": redirect, "scope": scope,
                                    "code_challenge": challenge, "code_challenge_method": "S256", "state": "check"})
    status, headers, _ = browser.send("GET", "/connect/authorize?" + query)
    location = headers.get("Location", "")
    assert location.startswith("/account/login"), f"authorize: {status} {location}"
    return_url = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["returnUrl"][0]
    _, _, page = browser.send("GET", location)
    antiforgery = re.search(rb'name="__RequestVerificationToken" value="([^"]+)"', page).group(1).decode()
    status, headers, _ = browser.send("POST", "/account/login", form({"email": email, "password": password, "returnUrl": return_url,
                                      "__RequestVerificationToken": antiforgery}), {"Content-Type": "application/x-www-form-urlencoded"})
    assert status in (302, 303), f"login: {status}"
    status, headers, _ = browser.send("GET", headers["Location"])
    location = headers.get("Location", "")
    assert location.startswith(redirect), f"authorize after login: {status} {location}"
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    status, _, body = browser.send("POST", "/connect/token", form({"grant_type": "authorization_code", "code": code, "code_verifier": verifier,
                                   "client_id": LEARNER_APP, "redirect_uri": redirect}), {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, f"code exchange: {status} {body[:300]!r}"
    return json.loads(body)["access_token"]


def graphql(query, variables=None, token=None):
    headers = {"Content-Type": "application/json", "Accept": "application/graphql-response+json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    status, _, body = HTTP.send("POST", "/graphql", json.dumps({"query": query, "variables": variables or {}}).encode(), headers)
    result = json.loads(body)
    assert status == 200 and not result.get("errors"), f"graphql: {status} {body[:400]!r}"
    return result["data"]


def rest(method, path, token=None, payload=None):
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if payload is not None:
        headers["Content-Type"] = "application/json"
    status, _, body = HTTP.send(method, path, None if payload is None else json.dumps(payload).encode(), headers)
    assert 200 <= status < 300, f"{method} {path}: {status} {body[:400]!r}"
    return json.loads(body) if body else None


class Receiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        Receiver.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def step(name, action):
    started = time.monotonic()
    result = action()
    print(f"traffic: {name} ({time.monotonic() - started:.1f} s)", flush=True)
    return result


def main():
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()

    partner = step("partner token (client credentials)", lambda: token_for_client(PARTNER, "catalog:read catalog:write webhooks:manage"))
    endpoint = step("webhook endpoint on a local receiver (REST)", lambda: rest("POST", "/v1/webhook-endpoints", partner,
                    {"url": f"http://127.0.0.1:{receiver.server_port}/hook", "description": "observability check"}))
    endpoint_id = endpoint.get("endpoint", endpoint)["id"]
    step("test webhook (REST)", lambda: rest("POST", f"/v1/webhook-endpoints/{endpoint_id}/test", partner))
    courses = graphql("{ courses(first: 40) { nodes { id slug partner { id slug } } } }")["courses"]["nodes"]
    partner_id = next(c["partner"]["id"] for c in courses if c["partner"]["slug"] == PARTNER.removeprefix("partner-"))
    step("course created by the partner (GraphQL mutation)", lambda: graphql(
        'mutation($i: CreateCourseInput!) { createCourse(input: $i) { course { id } errors { code message } } }',
        {"i": {"partnerId": partner_id, "title": "Observability check", "slug": f"observability-check-{secrets.token_hex(4)}"}}, partner))

    learner = step("learner token (authorization code + PKCE)", lambda: token_for_user(LEARNER, "openid profile enrollments:write catalog:read"))
    sample = graphql("query($s: String!) { courseBySlug(slug: $s) { id sessions { id } } }", {"s": SAMPLE_COURSE})["courseBySlug"]
    outcomes = []
    for session in sample["sessions"]:
        payload = graphql("mutation($c: ID!, $s: ID!) { enroll(input: {courseId: $c, sessionId: $s, track: PAID}) { enrollment { id } errors { code } } }",
                          {"c": sample["id"], "s": session["id"]}, learner)["enroll"]
        outcomes += [e["code"] for e in payload["errors"]]
        if payload["enrollment"] or "ALREADY_ENROLLED" in outcomes:
            break
    else:
        raise AssertionError(f"the learner could enroll in no session of {SAMPLE_COURSE}: {outcomes}")
    print("traffic: learner enrolled (GraphQL mutation)", flush=True)

    slugs = [c["slug"] for c in courses][:5]
    for i in range(ROUNDS):
        graphql("{ courses(first: 10) { nodes { id title partner { name } instructors { name } } } }")
        graphql("query($s: String!) { courseBySlug(slug: $s) { id title modules { title } } }", {"s": slugs[i % len(slugs)]})
        graphql("{ viewer { id } }", token=learner)
        rest("GET", "/v1/courses")
        rest("GET", f"/v1/courses/{slugs[i % len(slugs)]}")
    print(f"traffic: {ROUNDS} rounds of GraphQL queries and REST reads", flush=True)

    deadline = time.monotonic() + 60
    while len(Receiver.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert Receiver.received, "no webhook reached the receiver within 60 s"
    print(f"traffic: {len(Receiver.received)} webhooks received ({', '.join(sorted({r['type'] for r in Receiver.received}))})", flush=True)
    receiver.shutdown()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"traffic: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
