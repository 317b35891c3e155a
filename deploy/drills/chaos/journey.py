#!/usr/bin/python3
"""A learner's journey through a live platform's public edge, as its users would go: nothing but HTTP.

  journey.py run BASE_URL CREDENTIALS_JSON     the sample course from sign-in to a verified certificate; exits non-zero
                                               at the first step that does not behave, naming it
  journey.py token BASE_URL CREDENTIALS_JSON EMAIL
                                               prints an access token of EMAIL signed in through the learner app
  journey.py partner-token BASE_URL CREDENTIALS_JSON CLIENT_ID
                                               prints an access token of a seeded API client (client credentials)

BASE_URL is the public origin (HAProxy in distributed mode, the host with ./run.sh); CREDENTIALS_JSON is what the
identity seed writes (dev-credentials.json). The seeded learner signs in with PKCE through the account pages, browses
the catalog, enrolls in the sample course on the PAID track the seed entitled them to, completes its lectures, passes
its graded quizzes, has the programming assignment graded by the reference grading worker (a process of its own),
submits peer-graded work that three other people review, and gets a certificate that verifies; the course's partner
receives a webhook for each step on a receiver of this script's.
"""
import base64
import hashlib
import html
import http.cookiejar
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

LEARNER_APP = "coursera-learner-app"
LEARNER_SCOPES = "openid profile enrollments:write catalog:read"
SAMPLE_COURSE = "machine-learning-foundations-northfield"
PARTNER = "partner-northfield"

# What a learner who studied answers: the seed's key (api/Coursera.Host/SampleQuestions.cs, Machine Learning Foundations).
ANSWERS = {
    "ml-1": {"choiceIds": ["ml-1-a"]},
    "ml-2": {"choiceIds": ["true"]},
    "ml-3": {"number": 0.9},
    "ml-4": {"choiceIds": ["ml-4-a", "ml-4-b", "ml-4-c"]},
    "ml-5": {"choiceIds": ["ml-5-a"]},
    "ml-6": {"text": "validation set"},
}
SOLUTION = "def accuracy(predicted, actual):\n    return sum(p == a for p, a in zip(predicted, actual)) / len(actual)\n"
WEBHOOK_STEPS = ["enrollment.created", "attempt.submitted", "attempt.graded", "grade.posted", "peer_review.assigned",
                 "course_grade.passed", "enrollment.completed", "certificate.issued"]


class Failed(Exception):
    pass


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def credentials(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def http_json(request, timeout=30):
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body)
        except ValueError:
            return error.code, {"raw": body.decode("utf-8", "replace")[:500]}


class Gateway:
    """GraphQL through the public edge, with a caller's token (anonymous without)."""

    def __init__(self, base, token=None):
        self.url = base.rstrip("/") + "/graphql"
        self.token = token

    def post(self, query, variables=None):
        headers = {"Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        status, answer = http_json(urllib.request.Request(self.url, data=body, headers=headers, method="POST"))
        if status != 200 or answer.get("errors") or answer.get("data") is None:
            raise Failed(f"HTTP {status}: {json.dumps(answer)[:600]}")
        return answer["data"]

    def accepted(self, query, variables=None):
        """A mutation whose payload reports no user error."""
        data = self.post(query, variables)
        for name, payload in data.items():
            if isinstance(payload, dict) and payload.get("errors"):
                raise Failed(f"{name} refused: {json.dumps(payload['errors'])}")
        return data


def client_credentials(base, client_id, client_secret):
    form = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    status, body = http_json(urllib.request.Request(base.rstrip("/") + "/connect/token", data=form, method="POST",
                                                    headers={"Authorization": "Basic " + basic,
                                                             "Content-Type": "application/x-www-form-urlencoded"}))
    if status != 200 or "access_token" not in body:
        raise Failed(f"client credentials for {client_id}: HTTP {status} {body}")
    return body["access_token"]


def sign_in(base, email, password, client_id=LEARNER_APP, redirect_uri="http://127.0.0.1:5173/callback", scope=LEARNER_SCOPES):
    """The authorization code flow with PKCE through the real login page (cookies, antiforgery token, redirects by hand)."""
    base = base.rstrip("/")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects())

    def redirect(request):
        try:
            with opener.open(request, timeout=30) as response:
                raise Failed(f"expected a redirect from {request.full_url if hasattr(request, 'full_url') else request}, got {response.status}")
        except urllib.error.HTTPError as error:
            if error.code not in (301, 302, 303):
                raise Failed(f"expected a redirect, got {error.code}: {error.read()[:300]!r}") from None
            return error.headers["Location"]

    def absolute(location):
        return location if location.startswith("http") else base + location

    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_hex(8)
    location = redirect(base + "/connect/authorize?" + urllib.parse.urlencode({
        "client_id": client_id, "response_type": "code", "redirect_uri": redirect_uri, "scope": scope,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": state}))
    if location.startswith("/account/login") or "/account/login" in location:
        return_url = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["returnUrl"][0]
        with opener.open(absolute(location), timeout=30) as page:
            login_page = page.read().decode()
        token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', login_page)
        if not token:
            raise Failed("no antiforgery token on the login page")
        form = urllib.parse.urlencode({"email": email, "password": password, "returnUrl": return_url,
                                       "__RequestVerificationToken": html.unescape(token.group(1))}).encode()
        location = redirect(urllib.request.Request(base + "/account/login", data=form, method="POST"))
        location = redirect(absolute(location))
    if not location.startswith(redirect_uri):
        raise Failed(f"sign-in of {email} ended at {location}")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    if query.get("state") != [state] or "code" not in query:
        raise Failed(f"no code for {email} in {location}")
    form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": query["code"][0], "code_verifier": verifier,
                                   "client_id": client_id, "redirect_uri": redirect_uri}).encode()
    status, body = http_json(urllib.request.Request(base + "/connect/token", data=form, method="POST",
                                                    headers={"Content-Type": "application/x-www-form-urlencoded"}))
    if status != 200 or "access_token" not in body:
        raise Failed(f"code exchange for {email}: HTTP {status} {body}")
    return body["access_token"]


def user_password(creds, email):
    return next(u["password"] for u in creds["users"] if u["email"] == email)


def client_secret(creds, client_id):
    return next(c["clientSecret"] for c in creds["clients"] if c["clientId"] == client_id)


class WebhookReceiver:
    """Webhook deliveries on loopback: every body received, answered 204."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def types(self):
        return [w.get("type") for w in list(self.received)]


def eventually(what, condition, seconds=40):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            result = condition()
            if result:
                return result
        except Failed as failure:
            last = failure
        time.sleep(0.25)
    raise Failed(f"{what}: not within {seconds} s" + (f" (last: {last})" if last else ""))


ENROLL = "mutation($c: ID!, $s: ID!, $t: EnrollmentTrack!) { enroll(input: {courseId: $c, sessionId: $s, track: $t}) { enrollment { id state track } errors { code message } } }"
START = "mutation($i: ID!) { startAttempt(input: {itemId: $i}) { attempt { id questions { id } } errors { code } } }"
SUBMIT = """mutation($a: ID!, $answers: [AnswerInput!], $files: [SubmittedFileInput!], $text: String, $h: Int) {
  submitAttempt(input: {attemptId: $a, answers: $answers, files: $files, text: $text, honourCodeVersion: $h}) { attempt { state score passed } errors { code } } }"""
ASSESSMENTS = "query($c: ID!) { course(id: $c) { modules { items { id assessment { viewerGrade { score passed } peerReview { honourCode { version } } } } } } }"
CERTIFICATE = "query($c: ID!) { course(id: $c) { viewerEnrollment { state certificate { code } } viewerGrade { passed score } } }"


def start_attempt(learner, item):
    def started():
        payload = learner.post(START, {"i": item})["startAttempt"]
        return None if payload["errors"] else payload["attempt"]
    return eventually(f"an attempt at {item}", started)


def assessment(learner, course, item):
    modules = learner.post(ASSESSMENTS, {"c": course})["course"]["modules"]
    return next(i["assessment"] for m in modules for i in m["items"] if i["id"] == item)


def run(base, creds_path):
    creds = credentials(creds_path)
    steps = []

    def step(name, started):
        steps.append((name, time.monotonic() - started))
        print(f"ok   {name} ({(time.monotonic() - started) * 1000:.0f} ms)", flush=True)

    t = time.monotonic()
    receiver = WebhookReceiver()
    partner = Gateway(base, client_credentials(base, PARTNER, client_secret(creds, PARTNER)))
    partner.accepted("mutation($url: String!, $t: [String!]!) { createWebhookEndpoint(input: {url: $url, eventTypes: $t}) { secret errors { code message } } }",
                     {"url": receiver.url, "t": WEBHOOK_STEPS})
    step("the partner's API client subscribes a webhook receiver", t)

    t = time.monotonic()
    learner = Gateway(base, sign_in(base, "learner@acme.example", user_password(creds, "learner@acme.example")))
    viewer = learner.post("{ viewer { id } }")["viewer"]
    if not viewer or not viewer.get("id"):
        raise Failed("signed in, but the gateway does not know the viewer")
    step("the learner signs in (authorization code with PKCE through the login page)", t)

    t = time.monotonic()
    page = Gateway(base).post("{ courses(first: 20) { totalCount nodes { id slug title partner { name } instructors { name } } } }")["courses"]
    if not any(c["slug"] == SAMPLE_COURSE for c in page["nodes"]) and page["totalCount"] <= 20:
        raise Failed(f"{SAMPLE_COURSE} is not in the catalog")
    course = learner.post("query($s: String!) { courseBySlug(slug: $s) { id title sessions { id enrollmentClosesAt } modules { items { id kind required graded } } } }",
                          {"s": SAMPLE_COURSE})["courseBySlug"]
    course_id = course["id"]
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    session = next(s["id"] for s in course["sessions"] if s["enrollmentClosesAt"][:19] > now)
    items = [i for m in course["modules"] for i in m["items"]]
    quizzes = [i["id"] for i in items if i["kind"] == "QUIZ"]
    assignment = next(i["id"] for i in items if i["kind"] == "ASSIGNMENT")
    peer_graded = next(i["id"] for i in items if i["kind"] == "PEER_REVIEW")
    step(f"the catalog is browsed ({page['totalCount']} courses) and the course opened ({len(items)} items)", t)

    t = time.monotonic()
    def enrolled():
        payload = learner.post(ENROLL, {"c": course_id, "s": session, "t": "PAID"})["enroll"]
        if payload["errors"] and payload["errors"][0]["code"] not in ("COURSE_NOT_FOUND",):
            raise Failed(f"enroll refused: {payload['errors']}")
        return not payload["errors"]
    eventually("enrolling on the PAID track", enrolled)
    step("the learner enrolls on the PAID track (the learner service knows the course from its events)", t)

    t = time.monotonic()
    lectures = [i["id"] for i in items if not i["graded"] and i["required"]]
    for item in lectures:
        learner.accepted("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code } } }", {"i": item})
    step(f"progress: {len(lectures)} required items completed", t)

    t = time.monotonic()
    for quiz in quizzes:
        attempt = start_attempt(learner, quiz)
        answers = [dict(questionId=q["id"], **ANSWERS[q["id"]]) for q in attempt["questions"]]
        result = learner.accepted(SUBMIT, {"a": attempt["id"], "answers": answers})["submitAttempt"]["attempt"]
        if not result["passed"]:
            raise Failed(f"quiz {quiz} answered right but not passed: {result}")
    step(f"{len(quizzes)} graded quizzes passed", t)

    t = time.monotonic()
    attempt = start_attempt(learner, assignment)
    state = learner.accepted(SUBMIT, {"a": attempt["id"], "files": [{"name": "solution.py", "content": SOLUTION}]})["submitAttempt"]["attempt"]["state"]
    if state != "GRADING":
        raise Failed(f"the programming assignment is {state}, not GRADING")
    graded = eventually("the grading worker's grade", lambda: assessment(learner, course_id, assignment)["viewerGrade"], seconds=120)
    if abs(graded["score"] - 1.0) > 1e-6:
        raise Failed(f"the programming assignment scored {graded['score']}, not 1.0")
    step("the programming assignment is graded 1.0 by the grading worker", t)

    t = time.monotonic()
    before = learner.post(CERTIFICATE, {"c": course_id})["course"]
    if before["viewerEnrollment"]["certificate"] is not None or before["viewerGrade"]["passed"]:
        raise Failed(f"a certificate or a pass before the peer-graded work: {before}")
    step("no certificate before the peer-graded work", t)

    t = time.monotonic()
    honour = assessment(learner, course_id, peer_graded)["peerReview"]["honourCode"]["version"]
    peers = [learner]
    for email in ("admin@lakeside-tech.example", "admin@kings-bridge.example", "admin@universidad-del-sol.example"):
        peer = Gateway(base, sign_in(base, email, user_password(creds, email)))
        peer.accepted(ENROLL, {"c": course_id, "s": session, "t": "AUDIT"})
        peers.append(peer)
    for peer in peers:
        work = start_attempt(peer, peer_graded)
        state = peer.accepted(SUBMIT, {"a": work["id"], "h": honour,
                                       "text": "A model card: a spam classifier for support mail, trained on 2025's tickets, 0.94 accuracy, weaker on short messages."}
                              )["submitAttempt"]["attempt"]["state"]
        if state != "IN_REVIEW":
            raise Failed(f"peer-graded work is {state}, not IN_REVIEW")
    reviews = 0
    for peer in peers:
        while True:
            requested = peer.post("mutation($i: ID!) { requestPeerReview(input: {itemId: $i}) { review { id rubric { id levels { points } } } errors { code } } }",
                                  {"i": peer_graded})["requestPeerReview"]
            if requested["review"] is None:
                if requested["errors"][0]["code"] != "NOTHING_TO_REVIEW":
                    raise Failed(f"requestPeerReview: {requested['errors']}")
                break
            scores = [{"criterionId": c["id"], "points": max(level["points"] for level in c["levels"])} for c in requested["review"]["rubric"]]
            peer.accepted("mutation($r: ID!, $s: [CriterionScoreInput!]!) { submitPeerReview(input: {reviewId: $r, scores: $s, comment: \"Clear and honest.\"}) { errors { code } } }",
                          {"r": requested["review"]["id"], "s": scores})
            reviews += 1
    step(f"peer-graded work submitted by four people and {reviews} reviews given", t)

    t = time.monotonic()
    grade = learner.post("query($c: ID!) { course(id: $c) { viewerGrade { score passed breakdown { title passed } } } }", {"c": course_id})["course"]["viewerGrade"]
    if not grade["passed"] or abs(grade["score"] - 1.0) > 1e-6 or not all(line["passed"] for line in grade["breakdown"]):
        raise Failed(f"the course grade is not a full pass: {grade}")
    code = eventually("the certificate", lambda: (learner.post(CERTIFICATE, {"c": course_id})["course"]["viewerEnrollment"]["certificate"] or {}).get("code"))
    if not Gateway(base).post("query($c: String!) { certificate(code: $c) { valid } }", {"c": code})["certificate"]["valid"]:
        raise Failed(f"certificate {code} does not verify")
    step(f"course grade {grade['score']:.2f} passed ({len(grade['breakdown'])} graded parts); certificate {code} verifies anonymously", t)

    t = time.monotonic()
    eventually("a webhook for each step", lambda: all(s in receiver.types() for s in WEBHOOK_STEPS), seconds=60)
    if receiver.types().count("certificate.issued") != 1:
        raise Failed(f"certificate.issued delivered {receiver.types().count('certificate.issued')} times")
    step(f"the partner received a webhook for each of the {len(WEBHOOK_STEPS)} steps ({len(receiver.received)} deliveries)", t)
    receiver.server.shutdown()
    print(f"PASS journey: {len(steps)} steps in {sum(d for _, d in steps):.1f} s through {base}")


def main(argv):
    if len(argv) >= 3 and argv[0] == "run":
        try:
            run(argv[1], argv[2])
        except (Failed, StopIteration, KeyError, TypeError, urllib.error.URLError) as failure:
            print(f"FAIL journey: {type(failure).__name__}: {failure}", file=sys.stderr)
            return 1
        return 0
    if len(argv) == 4 and argv[0] == "token":
        print(sign_in(argv[1], argv[3], user_password(credentials(argv[2]), argv[3])))
        return 0
    if len(argv) == 4 and argv[0] == "partner-token":
        print(client_credentials(argv[1], argv[3], client_secret(credentials(argv[2]), argv[3])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
