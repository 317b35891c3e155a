#!/usr/bin/env python3
"""Asks a Prometheus that scraped the platform for every dashboard panel query and every rule expression.

    queries.py PROMETHEUS_URL DASHBOARDS_DIR [PANEL_TITLE_ALLOWED_EMPTY ...]

A dashboard query fails when Prometheus answers an error or no series; a rule fails when its group or the rule has an
error, when its expression evaluated now is an error, or when a recording rule's series is missing (alert expressions
may rightly be empty: nothing is wrong). Grafana's variables are given the values a panel would have for the last
few minutes. A panel named after the dashboards directory may be empty (the traffic cannot make its data yet); it
must still evaluate without error, and is reported as "empty". Prints one line per query, then a count; exits
non-zero when any failed.
"""
import glob
import json
import os
import sys
import urllib.parse
import urllib.request

PROMETHEUS, DASHBOARDS, ALLOWED_EMPTY = sys.argv[1].rstrip("/"), sys.argv[2], set(sys.argv[3:])
# What Grafana puts in place of its variables, for a short range as the check's.
VARIABLES = {"$__rate_interval": "1m", "$__range": "5m", "$__interval": "15s"}


def query(expr):
    url = f"{PROMETHEUS}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = json.load(response)
    except urllib.error.HTTPError as e:
        body = json.load(e)
    if body.get("status") != "success":
        return None, f"{body.get('errorType')}: {body.get('error')}"
    return body["data"]["result"], None


def expand(expr):
    for name, value in VARIABLES.items():
        expr = expr.replace(name, value)
    return expr


failures = 0
checked = 0


def report(ok, kind, name, detail):
    global failures, checked
    checked += 1
    failures += 0 if ok else 1
    print(f"{'ok  ' if ok else 'FAIL'} {kind:9} {name}: {detail}", flush=True)


for path in sorted(glob.glob(os.path.join(DASHBOARDS, "*.json"))):
    dashboard = json.load(open(path))
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            result, error = query(expand(target["expr"]))
            name = f"{os.path.basename(path)} / {panel['title']} [{target['refId']}]"
            if error:
                report(False, "dashboard", name, error)
            elif not result and panel["title"] in ALLOWED_EMPTY:
                report(True, "dashboard", name, "empty (allowed: the check's traffic makes no such data)")
            elif not result:
                report(False, "dashboard", name, f"no series for {target['expr']}")
            else:
                report(True, "dashboard", name, f"{len(result)} series")

with urllib.request.urlopen(f"{PROMETHEUS}/api/v1/rules", timeout=30) as response:
    groups = json.load(response)["data"]["groups"]
for group in groups:
    if group.get("lastError"):
        report(False, "group", group["name"], group["lastError"])
    for rule in group["rules"]:
        name = f"{group['name']} / {rule.get('name')}"
        if rule.get("health") != "ok" or rule.get("lastError"):
            report(False, rule["type"], name, f"health {rule.get('health')}: {rule.get('lastError')}")
            continue
        result, error = query(rule["query"])
        if error:
            report(False, rule["type"], name, error)
        elif rule["type"] == "recording" and not result:
            report(False, rule["type"], name, f"no series for {rule['query']}")
        else:
            state = f", {rule.get('state')}" if rule["type"] == "alerting" else ""
            report(True, rule["type"], name, f"{len(result)} series{state}")

print(f"{checked - failures} of {checked} queries answered as expected", flush=True)
sys.exit(1 if failures else 0)
