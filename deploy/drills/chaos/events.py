#!/usr/bin/python3
"""The chaos drill's event side: which events the platform acknowledged and which webhooks arrived.

  events.py setup BASE_URL CREDENTIALS_JSON RECEIVER_URL OUT_JSON
      signs the seeded learner in and enrolls them in the sample course (the load's learner workload), subscribes the
      partner's webhook receiver to course.updated, and writes tokens and ids for the load generator and the writer
  events.py receive PORT LOG
      a webhook receiver on loopback: appends the title of every course.updated delivery to LOG, one a line
  events.py write SETUP_JSON PHASE SECONDS LOG
      renames a course of the partner's up to ten times a second for SECONDS, each title "chaos PHASE N"; appends N to LOG
      for every rename the platform acknowledged (HTTP 200, no error), and "failed N" for the others
"""
import http.server
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ left in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journey import (ENROLL, PARTNER, SAMPLE_COURSE, Failed, Gateway, client_credentials, client_secret, credentials,  # noqa: E402
                     eventually, sign_in, user_password)

LEARNER = "learner@acme.example"
RENAMED_COURSE = "cloud-computing-architecture-northfield"


def setup(base, creds_path, receiver_url, out_path):
    creds = credentials(creds_path)
    learner_token = sign_in(base, LEARNER, user_password(creds, LEARNER))
    partner_token = client_credentials(base, PARTNER, client_secret(creds, PARTNER))
    learner = Gateway(base, learner_token)
    course = learner.post("query($s: String!) { courseBySlug(slug: $s) { id sessions { id enrollmentClosesAt } modules { items { id graded required } } } }",
                          {"s": SAMPLE_COURSE})["courseBySlug"]
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    session = next(s["id"] for s in course["sessions"] if s["enrollmentClosesAt"][:19] > now)

    def enrolled():
        payload = learner.post(ENROLL, {"c": course["id"], "s": session, "t": "PAID"})["enroll"]
        return not payload["errors"] or payload["errors"][0]["code"] == "ALREADY_ENROLLED"
    eventually("the learner's enrollment", enrolled, seconds=60)
    lectures = [i["id"] for m in course["modules"] for i in m["items"] if not i["graded"]]

    partner = Gateway(base, partner_token)
    renamed = Gateway(base).post("query($s: String!) { courseBySlug(slug: $s) { id } }", {"s": RENAMED_COURSE})["courseBySlug"]
    if renamed is None:
        raise Failed(f"no public course {RENAMED_COURSE} to rename")
    partner.accepted("mutation($url: String!) { createWebhookEndpoint(input: {url: $url, eventTypes: [\"course.updated\"]}) { errors { code message } } }",
                     {"url": receiver_url})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"base": base, "learnerToken": learner_token, "partnerToken": partner_token, "courseId": course["id"],
                   "lectures": lectures, "renamedCourseId": renamed["id"]}, f)


def receive(port, log_path):
    log = open(log_path, "a", buffering=1, encoding="utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keeps the dispatcher's connections open between deliveries

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                event = json.loads(body)
                if event.get("type") == "course.updated":
                    log.write(event["data"]["title"] + "\n")
            except (ValueError, KeyError, TypeError):
                pass
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Receiver(http.server.ThreadingHTTPServer):
        # The dispatcher opens up to 16 connections at once; the default backlog of 5 would refuse some of them.
        request_queue_size = 256
        daemon_threads = True

    Receiver(("127.0.0.1", port), Handler).serve_forever()


def write(setup_path, phase, seconds, log_path):
    with open(setup_path, encoding="utf-8") as f:
        drill = json.load(f)
    partner = Gateway(drill["base"], drill["partnerToken"])
    log = open(log_path, "a", buffering=1, encoding="utf-8")
    n = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        n += 1
        started = time.monotonic()
        try:
            partner.accepted("mutation($c: ID!, $t: String!) { updateCourse(input: {courseId: $c, title: $t}) { errors { code message } } }",
                             {"c": drill["renamedCourseId"], "t": f"chaos {phase} {n}"})
            log.write(f"{n}\n")
        except Exception as failure:  # noqa: BLE001 - any failure of a write is a figure of the drill, not a crash of it
            log.write(f"failed {n} {str(failure)[:200]}\n")
        time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))


def main(argv):
    if len(argv) == 5 and argv[0] == "setup":
        setup(*argv[1:])
    elif len(argv) == 3 and argv[0] == "receive":
        receive(int(argv[1]), argv[2])
    elif len(argv) == 5 and argv[0] == "write":
        write(argv[1], argv[2], float(argv[3]), argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
