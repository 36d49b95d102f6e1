# Helpers for end-to-end checks that drive sluice in a private tmux server and read its screen.
# Source it after setting E2E_NAME (used in messages); it sets a trap that kills the tmux server.
socket="sluice-e2e-$$"
session="e2e"
tm() { tmux -L "$socket" "$@"; }
cleanup_tmux() { tm kill-server >/dev/null 2>&1 || true; }
trap cleanup_tmux EXIT

screen() { tm capture-pane -p -t "$session"; }
fail() {
    echo "$E2E_NAME: FAILED: $*" >&2
    echo "---- screen ----" >&2
    screen >&2 || true
    exit 1
}
# poll WHAT SECONDS COMMAND...: until COMMAND succeeds; after SECONDS, fail saying WHAT was expected.
poll() {
    local what="$1" limit="$2" waited=0
    shift 2
    until "$@"; do
        sleep 0.2
        waited=$((waited + 1))
        (( waited < limit * 5 )) || fail "expected $what within ${limit}s"
    done
}
shows() { screen | grep -qF -- "$1"; }
hides() { ! shows "$1"; }
shows_more() { (( $(screen | grep -cF -- "$1" || true) > $2 )); }
# wait_for TEXT [SECONDS]: until the screen shows TEXT (a fixed string).
wait_for() { poll "'$1' on screen" "${2:-10}" shows "$1"; }
# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() { poll "'$1' to disappear" "${2:-10}" hides "$1"; }
# wait_more TEXT COUNT [SECONDS]: until more than COUNT lines show TEXT.
wait_more() { poll "more than $2 lines showing '$1'" "${3:-10}" shows_more "$1" "$2"; }
keys() { tm send-keys -t "$session" "$@"; }
typed() { tm send-keys -t "$session" -l "$1"; }
step() { echo "$E2E_NAME: $*"; }
# start_sluice ARGS...: runs the binary in $bin at 160x48; the shell after it prints its exit status.
start_sluice() {
    tm new-session -d -s "$session" -x 160 -y 48 \
        "env TERM=tmux-256color $bin $*; echo \"SLUICE-EXIT=\$?\"; sleep 60"
}
