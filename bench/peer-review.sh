#!/usr/bin/env bash
# Peer-review hand-out at scale: the database side of requestPeerReview (choosing the submission that needs reviews
# most, never the reviewer's own nor one they reviewed, and recording the review as assigned) on one assessment with
# BENCH_SUBMISSIONS submissions in review and BENCH_REVIEWS_EACH completed reviews per learner already given, from
# BENCH_CLIENTS concurrent reviewers for BENCH_SECONDS. Throwaway PostgreSQL (fast mode) on a free loopback port, the
# assessment schema applied by the service's own `migrate`, the load driven by pgbench (from Debian's PostgreSQL).
# The statement is the one api/Coursera.Assessment/PeerGrading/PeerReviewing.cs runs (keep them in step). Prints a
# Markdown table and the plan of one hand-out.
#
#   bench/peer-review.sh
#   BENCH_SUBMISSIONS=1000 BENCH_SECONDS=5 bench/peer-review.sh     # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/infra.sh

SUBMISSIONS=${BENCH_SUBMISSIONS:-10000}
REVIEWS_EACH=${BENCH_REVIEWS_EACH:-2}
CLIENTS=${BENCH_CLIENTS:-8}
DURATION=${BENCH_SECONDS:-20}

ensure_prerequisites
WORK=$(new_bench_workdir)
stop_bench_services_on_exit "$WORK"
PG_PORT=$(free_port)
start_postgres "$WORK/postgres" "$PG_PORT" fast
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

log "Building and migrating the assessment schema"
dotnet build api/Coursera.Assessment -c Release -v quiet -nologo -clp:ErrorsOnly
ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" ConnectionStrings__Redis="127.0.0.1:$(free_port)" \
  dotnet api/Coursera.Assessment/bin/Release/net10.0/Coursera.Assessment.dll migrate >"$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log" >&2; exit 1; }

log "Seeding $SUBMISSIONS submissions and $((SUBMISSIONS * REVIEWS_EACH)) completed reviews"
AID=$(psql_ -c "SELECT gen_random_uuid()")
psql_ -v aid="$AID" -v subs="$SUBMISSIONS" -v each="$REVIEWS_EACH" <<'SQL'
INSERT INTO assessment.assessments (id, item_id, course_id, partner_id, title, weight, created_at, kind)
VALUES (:'aid', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'An essay', 1, now(), 'PeerReview');
INSERT INTO assessment.versions (id, assessment_id, number, questions, policy, created_at, published_at, peer_review)
VALUES (gen_random_uuid(), :'aid', 1, '[]', '{}', now(), now(),
  '{"instructions":"Write.","rubric":[{"id":"c1","title":"Content","levels":[{"points":0,"label":"None"},{"points":1,"label":"Some"}]}],"reviewsRequired":3,"reviewsToGive":5,"relaxAfterHours":72,"reviewHours":24}');
-- Learner n is md5('l' || n); they submitted n seconds ago, in review.
INSERT INTO assessment.attempts (id, assessment_id, version_id, learner_id, course_id, item_id, partner_id, number, state, started_at, submitted_at)
SELECT gen_random_uuid(), a.id, v.id, md5('l' || n)::uuid, a.course_id, a.item_id, a.partner_id, 1, 'InReview',
       now() - n * interval '1 second', now() - n * interval '1 second'
FROM assessment.assessments a JOIN assessment.versions v ON v.assessment_id = a.id, generate_series(1, :subs) n
WHERE a.id = :'aid';
-- Learner n has reviewed the next :each learners' work.
INSERT INTO assessment.peer_reviews (id, assessment_id, attempt_id, reviewer_id, state, assigned_at, expires_at, completed_at, scores)
SELECT gen_random_uuid(), :'aid', s.id, md5('l' || r.n)::uuid, 'Completed', now(), now(), now(), '{"c1":1}'
FROM generate_series(1, :subs) AS r(n) CROSS JOIN generate_series(1, :each) AS k(k)
JOIN assessment.attempts s ON s.learner_id = md5('l' || (((r.n + k.k - 1) % :subs) + 1))::uuid AND s.assessment_id = :'aid';
ANALYZE;
SQL

cat >"$WORK/handout.sql" <<SQL
\set n random(1, $SUBMISSIONS)
INSERT INTO assessment.peer_reviews (id, assessment_id, attempt_id, reviewer_id, state, assigned_at, expires_at, scores)
WITH load AS (
  SELECT r.attempt_id, count(*) AS reviews FROM assessment.peer_reviews r
  WHERE r.assessment_id = '$AID' AND (r.state = 'Completed' OR r.expires_at > now())
  GROUP BY r.attempt_id)
SELECT gen_random_uuid(), a.assessment_id, a.id, md5('l' || :n)::uuid, 'Assigned', now(), now() + interval '1 day', '{}'
FROM assessment.attempts a LEFT JOIN load ON load.attempt_id = a.id
WHERE a.assessment_id = '$AID' AND a.learner_id <> md5('l' || :n)::uuid AND a.state IN ('InReview', 'Graded')
  AND NOT EXISTS (SELECT 1 FROM assessment.peer_reviews r WHERE r.attempt_id = a.id AND r.reviewer_id = md5('l' || :n)::uuid)
ORDER BY a.state = 'InReview' DESC, coalesce(load.reviews, 0), a.submitted_at
LIMIT 1
ON CONFLICT DO NOTHING;
SQL

log "Running (machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)): $CLIENTS reviewers for ${DURATION}s"
"$(pg_bindir)/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CLIENTS" -j 2 -T "$DURATION" -f "$WORK/handout.sql" \
  -l --log-prefix="$WORK/tx" postgres >"$WORK/pgbench.txt" 2>&1 || { cat "$WORK/pgbench.txt" >&2; exit 1; }
tps=$(awk -F' = ' '/^tps/ {print $2}' "$WORK/pgbench.txt" | awk '{printf "%.0f", $1}')
# Transaction log: the third column is the latency in microseconds.
read -r p50 p99 count < <(cat "$WORK"/tx.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {printf "%.1f %.1f %d\n", v[int(NR*0.5)]/1000, v[int(NR*0.99)]/1000, NR}')
assigned=$(psql_ -c "SELECT count(*) FROM assessment.peer_reviews WHERE state = 'Assigned'")

echo
echo "| submissions | completed reviews before | reviewers | hand-outs/s | p50 ms | p99 ms | hand-outs made |"
echo "|---|---|---|---|---|---|---|"
echo "| $SUBMISSIONS | $((SUBMISSIONS * REVIEWS_EACH)) | $CLIENTS | $tps | $p50 | $p99 | $assigned |"
echo
echo "One hand-out's plan (for reviewer 1):"
sed -e "s/:n/1/g" -e '/^\\set/d' -e 's/^INSERT.*//' -e 's/^SELECT gen_random_uuid(), a.assessment_id.*/SELECT a.id/' -e 's/^ON CONFLICT DO NOTHING;/;/' "$WORK/handout.sql" \
  | { echo "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)"; cat; } | psql_ | grep -E "Execution Time|Sort Method|Seq Scan|Index|Planning Time" | head -12
