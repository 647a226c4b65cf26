#!/usr/bin/env bash
# The main job end to end on a fresh machine: scaffold a Go Lambda into a temp folder, vet and
# test it, build it for both Lambda architectures, run sample events under the Runtime API
# emulator, and answer real HTTP requests through the local API Gateway.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
lgw() { node "$repo/bin/lgw.js" "$@"; }
work="$(mktemp -d)"
serve_pid=""
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== lgw init demo (in $work)"
lgw init "$work/demo" --yes --name demo
cd "$work/demo"
echo "== go vet && go test"
go vet ./... && go test ./...
echo "== lgw build --arch arm64"
lgw build --arch arm64
echo "== lgw build --arch x86_64"
lgw build --arch x86_64
echo "== lgw exec events/get-hello.json"
lgw exec events/get-hello.json
echo "== lgw exec events/post-user.json"
lgw exec events/post-user.json
echo "== lgw serve (port 3917) + curl"
# node itself in the background (not the lgw function, whose subshell would take the signal)
node "$repo/bin/lgw.js" serve --port 3917 >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:3917/hello" && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:3917/hello?name=lgw"; echo
curl -fsS -X POST -H 'content-type: application/json' -d '{"name":"Ada"}' "http://127.0.0.1:3917/users"; echo
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
echo "== demo finished: every step above ran for real"
