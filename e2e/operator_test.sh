#!/usr/bin/env bash
# `chartmirror operator` end to end, against the real kube-apiserver, Distribution registries and
# the corpus chart repository of the e2e environment. The operator runs in the background on
# free loopback ports for /metrics and the probes, watching a namespace of its own; it is killed
# by PID in the EXIT trap whatever happens.
#
#   1. The CRD (applied when absent, and then deleted at the end), a namespace, a
#      kubernetes.io/basic-auth Secret for the htpasswd destination registry; synthetic images
#      at the charts' real paths in the anonymous registry, reached through registryMirrors.
#   2. kured ~5.3.0 with rewriteValues: Ready=True reason Mirrored, observedGeneration =
#      generation, the image, the chart and the rewritten chart in the destination, the printer
#      columns, /metrics (a success, bytes copied), /readyz, one log line per reconcile start and
#      end, and no further reconcile for the operator's own status writes.
#   3. keda 2.11.2 → spec.charts[0].version 2.12.1: observedGeneration follows, 2.12.1 lands.
#   4. An extra image the schema admits but the reconciler refuses: Stalled=True, nothing copied.
#      A secretRef naming no Secret: Ready=False reason SecretNotFound, nothing copied.
#   5. A wrong password: Ready=False naming the registry; the password is in none of the
#      operator's log, the object's YAML, the namespace's Events.
#   6. An image deleted from the destination is back after the next interval (30 s).
#   7. SIGTERM: exit 0, after a log line saying it stopped.
#   8. Two replicas with --leader-elect, as the operator chart's ServiceAccount with the chart's
#      least-privilege RBAC for one namespace (deploy/chartmirror): one leads (the Lease names
#      it), the standby is ready and reconciles nothing; SIGTERM to the leader releases the
#      Lease and the standby takes over at once; a leader whose Lease another holder took
#      exits 1; nothing was forbidden.
# Usage: operator_test.sh PATH/TO/chartmirror   (with CM_E2E_ENV set)
set -uo pipefail
bin="$1"
# shellcheck disable=SC1090
source "$CM_E2E_ENV"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=e2e/support/common.sh
source "$here/support/common.sh"

work="$(mktemp -d)"
ns="operator-e2e-$$"
run="operator-e2e-$$"
anon="$CM_REGISTRY_ANONYMOUS"
basic="$CM_REGISTRY_BASIC"
crd="$root/crds/chartmirror.io_chartmirrors.yaml"
crd_name=chartmirrors.chartmirror.io
use_env_helm

skopeo_() { "$CM_SKOPEO" "$@" --tls-verify=false --authfile "$CM_DOCKER_CONFIG" 2>>"$work/skopeo.log"; }
present() { skopeo_ inspect --raw "docker://$1" >/dev/null; }
absent() { ! present "$1"; }

op_pid=""
elect_pids=()  # the leader-election pair
crd_created=false
ns_created=false
cleanup() {
  local pid
  for pid in $op_pid "${elect_pids[@]}"; do stop_process "$pid" KILL; done
  if $ns_created; then
    kubectl_ delete chartmirrors --all -n "$ns" --ignore-not-found >/dev/null 2>&1
    kubectl_ delete namespace "$ns" --wait=false >/dev/null 2>&1  # no controller-manager: stays Terminating
  fi
  # Only a CRD this test created; it holds ctest's RESOURCE_LOCK chartmirror_crd meanwhile.
  if $crd_created; then
    kubectl_ delete crd "$crd_name" --timeout=60s >/dev/null 2>&1 ||
      echo "cleanup: could not delete $crd_name" >&2
  fi
  if [[ $failed -ne 0 && -s "$work/operator.log" ]]; then
    echo "--- the end of the operator's log"
    tail -n 40 "$work/operator.log"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# field NAME JSONPATH — a field of ChartMirror NAME.
field() { kubectl_ get chartmirror "$1" -n "$ns" -o "jsonpath=$2" 2>/dev/null; }
condition() { field "$1" "{.status.conditions[?(@.type==\"$2\")].$3}"; }
is_condition() { [[ "$(condition "$1" "$2" status)" == "$3" ]]; }
# observed NAME — the status describes the current generation.
observed() {
  local generation
  generation="$(field "$1" '{.metadata.generation}')"
  [[ -n "$generation" && "$(field "$1" '{.status.observedGeneration}')" == "$generation" ]]
}
ready_for_generation() { observed "$1" && is_condition "$1" Ready "$2"; }
http_code() { curl -s -o "$work/http.body" -w '%{http_code}' "$1"; }
metric() { curl -s "http://127.0.0.1:$metrics_port/metrics" | awk -v n="$1" '$1 == n {print $2}'; }
# metric_at_least NAME MIN — the sample NAME (exactly as exposed) is at least MIN.
metric_at_least() {
  awk -v v="$(metric "$1")" -v min="$2" 'BEGIN { exit !(v != "" && v + 0 >= min + 0) }'
}
reconciles_of() { grep -c "\"msg\":\"reconcile started\".*\"name\":\"$1\"" "$work/operator.log"; }

read -r metrics_port health_port a_metrics a_health b_metrics b_health < <(free_ports 6)

echo "--- the upstream images, synthetic, at the charts' paths in the pull-through mirror"
python3 "$here/tools/make_oci_layout.py" "$work/kured" 1.14.1 --platforms linux/amd64,linux/arm64 >/dev/null
python3 "$here/tools/make_oci_layout.py" "$work/keda-2.11" 2.11.2 --seed keda-2.11 >/dev/null
python3 "$here/tools/make_oci_layout.py" "$work/keda-2.12" 2.12.1 --seed keda-2.12 >/dev/null
{
  echo "oci-layout:$work/kured:1.14.1 $anon/$run/ghcr/kubereboot/kured:1.14.1"
  for image in keda keda-metrics-apiserver keda-admission-webhooks; do
    echo "oci-layout:$work/keda-2.11:2.11.2 $anon/$run/ghcr/kedacore/$image:2.11.2"
    echo "oci-layout:$work/keda-2.12:2.12.1 $anon/$run/ghcr/kedacore/$image:2.12.1"
  done
} >"$work/pairs"
check "the synthetic images are in the mirror" "$bin" copy --plain-http -f "$work/pairs"

echo "--- the CRD, a namespace, the destination's credentials"
kubectl_ get crd "$crd_name" >/dev/null 2>&1 || crd_created=true
check "the CRD applies" kubectl_ apply -f "$crd" -o name
check "the CRD is Established" kubectl_ wait --for=condition=Established "crd/$crd_name" --timeout=60s
kubectl_ create namespace "$ns" >/dev/null && ns_created=true
check "the namespace exists" $ns_created
secret() {  # secret NAME PASSWORD
  kubectl_ create secret generic "$1" -n "$ns" --type=kubernetes.io/basic-auth \
    --from-literal=username="$CM_REGISTRY_BASIC_USER" --from-literal=password="$2" >/dev/null
}
check "the basic-auth Secret" secret dest-creds "$CM_REGISTRY_BASIC_PASSWORD"

echo "--- the operator starts and becomes ready"
"$bin" operator --kubeconfig "$CM_KUBECONFIG" --namespace "$ns" --workers 2 \
  --metrics-addr "127.0.0.1:$metrics_port" --health-addr "127.0.0.1:$health_port" \
  </dev/null >"$work/operator.out" 2>"$work/operator.log" &
op_pid=$!
answers_200() { [[ "$(http_code "http://127.0.0.1:${2:-$health_port}/$1")" == 200 ]]; }
check "/readyz answers 200 once the informer synced" eventually 30 answers_200 readyz
check "/healthz answers 200" answers_200 healthz
check "the operator logs JSON lines, the first saying how it runs" python3 -c '
import json, sys
first = json.loads(open(sys.argv[1]).readline())
assert first["msg"] == "operator starting" and first["namespace"] == sys.argv[2], first
assert first["kubeVersion"].startswith("v1."), first' "$work/operator.log" "$ns"

chart_mirror() {  # chart_mirror NAME CHART VERSION SECRET [EXTRA SPEC LINES]
  cat <<YAML
apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: $1, namespace: $ns}
spec:
  source: {url: "$CM_CHART_REPO_URL"}
  charts:
    - name: $2
      version: "$3"
  registryMirrors:
    - {registry: ghcr.io, mirror: "$anon/$run/ghcr", plainHTTP: true}
  destination: {url: "oci://$basic/$run/$1", plainHTTP: true, secretRef: {name: $4}}
  interval: 30s
${5:-}
YAML
}

echo "--- kured ~5.3.0 with rewriteValues becomes Ready"
started="$(date +%s.%N)"
chart_mirror kured kured "~5.3.0" dest-creds "  rewriteValues: true" | kubectl_ apply -f - >/dev/null
# kubectl wait watches the object: the time it takes is the operator's, plus one kubectl start.
check "kured becomes Ready=True" \
  kubectl_ wait --for=condition=Ready=True chartmirror/kured -n "$ns" --timeout=90s
awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "    apply → Ready (two kubectl starts included): %.2f s\n", b - a }'
check "for generation 1" ready_for_generation kured True
check "reason Mirrored" test "$(condition kured Ready reason)" = Mirrored
check "Stalled=False" is_condition kured Stalled False
check "observedGeneration = generation = 1" test "$(field kured '{.status.observedGeneration}')" = 1
check "status: kured 5.3.1, 1 image mirrored" python3 - <(kubectl_ get chartmirror kured -n "$ns" -o json) <<'PY'
import json, sys
status = json.load(open(sys.argv[1]))["status"]
assert status["charts"][0]["version"] == "5.3.1", status["charts"]
assert status["images"]["mirrored"] == 1 and status["images"]["failed"] == 0, status["images"]
assert status["charts"][0]["rewritten"]["destination"], status["charts"][0]
PY
check "the image is in the destination" present "$basic/$run/kured/kubereboot/kured:1.14.1"
mkdir -p "$work/pulled"
check "the chart is in the destination, its bytes unchanged" bash -c "
  '$CM_HELM' pull 'oci://$basic/$run/kured/charts/kured' --version 5.3.1 --plain-http \
    --registry-config '$CM_DOCKER_CONFIG' -d '$work/pulled' &&
  cmp -s '$work/pulled/kured-5.3.1.tgz' '$CM_CHART_CORPUS/repo/kured-5.3.1.tgz'"
rewritten="$(field kured '{.status.charts[0].rewritten.destination}')"
"$CM_HELM" template r "${rewritten%:*}" --version 5.3.1 --plain-http \
  --registry-config "$CM_DOCKER_CONFIG" >"$work/rewritten.yaml" 2>"$work/helm.err"
check "helm template of the rewritten chart pulls the image from the destination" \
  grep -q "image: \"$basic/$run/kured/kubereboot/kured:1.14.1\"" "$work/rewritten.yaml"
kubectl_ get chartmirrors -n "$ns" >"$work/get.txt"
check "kubectl get chartmirrors: the columns" \
  grep -qE '^NAME +READY +CHARTS +IMAGES +LAST SYNC +AGE' "$work/get.txt"
check "kubectl get chartmirrors: kured True 1/1 1/1" grep -qE '^kured +True +1/1 +1/1 ' "$work/get.txt"
check "kubectl get -o wide shows the message" bash -c \
  "'$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get cmir kured -n '$ns' -o wide | grep -q '1 chart, 1 image'"
check "a Mirrored Event" bash -c "'$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get events -n '$ns' \
  --field-selector involvedObject.name=kured -o jsonpath='{.items[*].reason}' | grep -qw Mirrored"
check "/metrics: a successful reconcile" metric_at_least 'chartmirror_reconcile_total{result="success"}' 1
check "/metrics: bytes copied" metric_at_least chartmirror_bytes_copied_total 1
check "/metrics: images mirrored" metric_at_least chartmirror_images_mirrored_total 1
check "/metrics: the work-queue depth" metric_at_least chartmirror_workqueue_depth 0
check "/metrics: the duration histogram" metric_at_least chartmirror_reconcile_duration_seconds_count 1
check "one log line at the end of the reconcile, with namespace, name, result, stats" python3 - "$work/operator.log" "$ns" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ends = [l for l in lines if l["msg"] == "reconcile ended" and l.get("name") == "kured"]
assert ends, lines
end = ends[0]
assert end["namespace"] == sys.argv[2] and end["result"] == "success", end
assert end["stats"]["imagesCopied"] == 1 and end["stats"]["bytesCopied"] > 0, end
assert end["durationSeconds"] > 0 and end["requeueAfterSeconds"] == 30, end
PY
count="$(reconciles_of kured)"
sleep 3
check "its own status writes bring no further reconcile" test "$(reconciles_of kured)" = "$count"
kubectl_ annotate chartmirror kured -n "$ns" chartmirror.io/reconcile-requested-at="$(date +%s)" >/dev/null
more_reconciles() { (($(reconciles_of "$1") > $2)); }
check "the reconcile-requested-at annotation brings one at once" eventually 20 more_reconciles kured "$count"

echo "--- keda: spec.charts[0].version 2.11.2 → 2.12.1"
chart_mirror keda keda 2.11.2 dest-creds | kubectl_ apply -f - >/dev/null
check "keda 2.11.2 becomes Ready" eventually 90 ready_for_generation keda True
check "its images are in the destination" present "$basic/$run/keda/kedacore/keda-metrics-apiserver:2.11.2"
kubectl_ patch chartmirror keda -n "$ns" --type=json \
  -p '[{"op":"replace","path":"/spec/charts/0/version","value":"2.12.1"}]' >/dev/null
check "the generation is 2" test "$(field keda '{.metadata.generation}')" = 2
check "observedGeneration follows, Ready" eventually 90 ready_for_generation keda True
check "status: keda 2.12.1" test "$(field keda '{.status.charts[0].version}')" = 2.12.1
check "summary: 3/3 images" test "$(field keda '{.status.summary.images}')" = 3/3
for image in keda keda-metrics-apiserver keda-admission-webhooks; do
  check "kedacore/$image:2.12.1 is in the destination" present "$basic/$run/keda/kedacore/$image:2.12.1"
done
check "the chart keda 2.12.1 is in the destination" present "$basic/$run/keda/charts/keda:2.12.1"

echo "--- what the schema admits but cannot be mirrored: Stalled, or Ready=False; nothing copied"
chart_mirror invalid kured "~5.3.0" dest-creds "  images: {extra: [\"docker.io/library/BusyBox:1.36\"]}" |
  kubectl_ apply -f - >/dev/null
check "an invalid extra image: Stalled=True" eventually 30 is_condition invalid Stalled True
check "Ready=False reason InvalidSpec" test "$(condition invalid Ready reason)" = InvalidSpec
check "the message names the field" bash -c "[[ '$(condition invalid Ready message)' == *spec.images.extra* ]]"
check "observedGeneration 1" observed invalid
check "nothing was copied" absent "$basic/$run/invalid/kubereboot/kured:1.14.1"
chart_mirror nosecret kured "~5.3.0" no-such-secret | kubectl_ apply -f - >/dev/null
check "a missing Secret: Ready=False" eventually 30 ready_for_generation nosecret False
check "reason SecretNotFound" test "$(condition nosecret Ready reason)" = SecretNotFound
check "the message names the Secret" bash -c "[[ '$(condition nosecret Ready message)' == *no-such-secret* ]]"
check "nothing was copied there" absent "$basic/$run/nosecret/kubereboot/kured:1.14.1"

echo "--- a wrong password: Ready=False naming the registry; the password appears nowhere"
wrong="wrong-password-$$-$RANDOM$RANDOM"
check "a Secret with a wrong password" secret wrong-creds "$wrong"
chart_mirror badpassword kured "~5.3.0" wrong-creds | kubectl_ apply -f - >/dev/null
check "Ready=False" eventually 60 ready_for_generation badpassword False
check "the message names the registry" bash -c "[[ '$(condition badpassword Ready message)' == *$basic* ]]"
check "not in the operator's log" bash -c "! grep -qF -- '$wrong' '$work/operator.log'"
check "not in the object" bash -c "! '$CM_KUBECTL' --kubeconfig '$CM_KUBECONFIG' get cmir badpassword \
  -n '$ns' -o yaml | grep -qF -- '$wrong'"
kubectl_ get events -n "$ns" -o yaml >"$work/events.yaml"
check "the Events say what failed" grep -q 'badpassword' "$work/events.yaml"
check "not in the Events" bash -c "! grep -qF -- '$wrong' '$work/events.yaml'"

echo "--- an image deleted from the destination is back after the next interval"
digest="$(skopeo_ inspect --raw "docker://$basic/$run/kured/kubereboot/kured:1.14.1" | sha256sum | cut -d' ' -f1)"
check "the image is deleted" skopeo_ delete "docker://$basic/$run/kured/kubereboot/kured@sha256:$digest"
check "it is gone" absent "$basic/$run/kured/kubereboot/kured:1.14.1"
check "it is back within the 30 s interval" eventually 45 present "$basic/$run/kured/kubereboot/kured:1.14.1"

echo "--- SIGTERM: a graceful exit 0"
kill -TERM "$op_pid"
wait "$op_pid"
status=$?
op_pid=""
check "exit status 0" test "$status" -eq 0
check "the last line says it stopped" bash -c "tail -n 1 '$work/operator.log' | grep -q '\"msg\":\"stopped\"'"
check "every log line is JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$work/operator.log"

echo "--- as the operator chart's ServiceAccount, with its least-privilege RBAC for one namespace"
"$CM_HELM" template cm "$root/deploy/chartmirror" --namespace "$ns" --set watchNamespace="$ns" \
  --set leaderElection.enabled=true --set rbac.aggregateToDefaultRoles=false \
  --show-only templates/rbac.yaml --show-only templates/serviceaccount.yaml >"$work/rbac.yaml"
check "the chart's ServiceAccount, Roles and RoleBindings apply" kubectl_ apply -n "$ns" -f "$work/rbac.yaml" -o name
token="$(kubectl_ create token cm-chartmirror -n "$ns" --duration 1h)"
sed "s|^    token: .*|    token: $token|" "$CM_KUBECONFIG" >"$work/sa-kubeconfig"
check "the ServiceAccount's kubeconfig is not the admin's" bash -c \
  "! '$CM_KUBECTL' --kubeconfig '$work/sa-kubeconfig' get secrets -n default >/dev/null 2>&1"

echo "--- --leader-elect: one of two replicas works; on SIGTERM it hands the Lease over"
elect() {  # elect NAME METRICS_PORT HEALTH_PORT
  "$bin" operator --kubeconfig "$work/sa-kubeconfig" --namespace "$ns" --leader-elect \
    --leader-election-namespace "$ns" --metrics-addr "127.0.0.1:$2" --health-addr "127.0.0.1:$3" \
    </dev/null >/dev/null 2>"$work/$1.log" &
  elect_pids+=($!)
}
leads() { grep -q '"msg":"leading: starting the workers"' "$work/$1.log"; }
identity_of() { python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["identity"])' "$work/$1.log"; }
holder() { kubectl_ get lease chartmirror-operator -n "$ns" -o 'jsonpath={.spec.holderIdentity}'; }
elect a "$a_metrics" "$a_health"
check "replica a leads" eventually 30 leads a
elect b "$b_metrics" "$b_health"
check "the standby b is ready too" eventually 30 answers_200 readyz "$b_health"
check "the Lease names a" test "$(holder)" = "$(identity_of a)"
check "a reconciles what is there" eventually 20 grep -q '"msg":"reconcile ended".*"name":"kured"' "$work/a.log"
sleep 3
check "b does not lead, and reconciles nothing" bash -c "! grep -qE 'leading|reconcile started' '$work/b.log'"
kill -TERM "${elect_pids[0]}"
wait "${elect_pids[0]}"
check "a exits 0 on SIGTERM" test $? -eq 0
check "b takes over (a released the Lease: no 15 s expiry to wait for)" eventually 10 leads b
check "the Lease names b" test "$(holder)" = "$(identity_of b)"
check "b reconciles" eventually 20 grep -q '"msg":"reconcile ended".*"name":"kured"' "$work/b.log"
# Another holder renews the Lease behind b's back: b cannot renew within its deadline (10 s).
kubectl_ patch lease chartmirror-operator -n "$ns" --type=merge -p "{\"spec\":{\"holderIdentity\":\"intruder\",\"renewTime\":\"$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)\"}}" >/dev/null
check "b, having lost the Lease, exits at once" eventually 30 bash -c "! kill -0 ${elect_pids[1]}"
wait "${elect_pids[1]}"
check "with status 1" test $? -eq 1
check "saying why" grep -q '"msg":"leader election lost: exiting"' "$work/b.log"
elect_pids=()
check "the chart's RBAC let them do everything they tried" bash -c \
  "! grep -qiE 'forbidden|HTTP 403' '$work/a.log' '$work/b.log'"

finish "operator"
