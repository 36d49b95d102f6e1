# Starts and stops a throwaway rabbitmq-server with the management plugin, without systemd (Debian's own
# start is blocked by policy on machines like CI's): everything it writes lives in one scratch folder, and
# every port it listens on (AMQP, management, Erlang distribution, epmd) is a free loopback port.
#   source scripts/lib/rabbitmq-server.sh
#   rabbitmq_start       sets RABBITMQ_AMQP_URL (amqp://127.0.0.1:PORT) and RABBITMQ_MANAGEMENT_URL (http://127.0.0.1:PORT)
#   rabbitmq_start DIR   also opens TLS listeners with DIR's server.pem, server.key and ca.pem (scripts/lib/tls-certificates.sh)
#                        for AMQP and for the management API, and sets RABBITMQ_AMQPS_URL (amqps://127.0.0.1:PORT) and
#                        RABBITMQ_MANAGEMENT_HTTPS_URL (https://127.0.0.1:PORT)
#   rabbitmq_stop        rabbitmqctl shutdown, then ends the epmd it leaves, by its pid, and removes the folder
# The node takes 6-10 s to accept connections; `rabbitmqctl await_startup` fails until the node has
# registered with epmd, so it is retried. Statistics are collected every second (the default is 5 s) so tests wait less.
# Needs: apt-get install rabbitmq-server.

rabbitmq_bin=/usr/lib/rabbitmq/bin

rabbitmq_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The environment every rabbitmq command of this node runs with.
rabbitmq_env() {
    env HOME="$rabbitmq_dir/home" RABBITMQ_NODENAME="$rabbitmq_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT="$rabbitmq_amqp_port" RABBITMQ_DIST_PORT="$rabbitmq_dist_port" \
        ERL_EPMD_PORT="$rabbitmq_epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
        RABBITMQ_MNESIA_BASE="$rabbitmq_dir/mnesia" RABBITMQ_LOG_BASE="$rabbitmq_dir/log" \
        RABBITMQ_ENABLED_PLUGINS_FILE="$rabbitmq_dir/enabled_plugins" \
        RABBITMQ_CONFIG_FILE="$rabbitmq_dir/rabbitmq" RABBITMQ_ADVANCED_CONFIG_FILE="$rabbitmq_dir/advanced.config" \
        RABBITMQ_PID_FILE="$rabbitmq_dir/rabbitmq.pid" "$@"
}

rabbitmq_start() {
    local tls_dir="${1:-}"
    [ -x "$rabbitmq_bin/rabbitmq-server" ] || { echo "rabbitmq-server is not installed: apt-get install rabbitmq-server" >&2; return 1; }
    rabbitmq_dir="$(mktemp -d -t sluice-rabbitmq-XXXXXX)"
    mkdir -p "$rabbitmq_dir/home" "$rabbitmq_dir/mnesia" "$rabbitmq_dir/log"
    rabbitmq_amqp_port="$(rabbitmq_free_port)"
    rabbitmq_management_port="$(rabbitmq_free_port)"
    rabbitmq_dist_port="$(rabbitmq_free_port)"
    rabbitmq_epmd_port="$(rabbitmq_free_port)"
    rabbitmq_node="sluice-$rabbitmq_amqp_port@localhost"
    cat >"$rabbitmq_dir/rabbitmq.conf" <<CONF
listeners.tcp.default = $rabbitmq_amqp_port
management.tcp.port = $rabbitmq_management_port
management.tcp.ip = 127.0.0.1
collect_statistics_interval = 1000
loopback_users = none
CONF
    if [ -n "$tls_dir" ]; then
        rabbitmq_amqps_port="$(rabbitmq_free_port)"
        rabbitmq_management_https_port="$(rabbitmq_free_port)"
        cat >>"$rabbitmq_dir/rabbitmq.conf" <<CONF
listeners.ssl.default = $rabbitmq_amqps_port
ssl_options.cacertfile = $tls_dir/ca.pem
ssl_options.certfile = $tls_dir/server.pem
ssl_options.keyfile = $tls_dir/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
management.ssl.port = $rabbitmq_management_https_port
management.ssl.ip = 127.0.0.1
management.ssl.cacertfile = $tls_dir/ca.pem
management.ssl.certfile = $tls_dir/server.pem
management.ssl.keyfile = $tls_dir/server.key
CONF
    fi
    echo "[]." >"$rabbitmq_dir/advanced.config"
    rabbitmq_env "$rabbitmq_bin/rabbitmq-plugins" enable --offline rabbitmq_management >"$rabbitmq_dir/plugins.log" 2>&1 \
        || { cat "$rabbitmq_dir/plugins.log" >&2; echo "rabbitmq-plugins enable failed" >&2; return 1; }
    rabbitmq_env "$rabbitmq_bin/rabbitmq-server" >"$rabbitmq_dir/server.log" 2>&1 &
    rabbitmq_server_pid=$!
    local waited=0
    until rabbitmq_env "$rabbitmq_bin/rabbitmqctl" --node "$rabbitmq_node" await_startup --timeout 5 >/dev/null 2>&1; do
        if ! kill -0 "$rabbitmq_server_pid" 2>/dev/null; then
            tail -40 "$rabbitmq_dir/server.log" >&2; echo "rabbitmq-server exited while starting" >&2; return 1
        fi
        waited=$((waited + 1))
        [ "$waited" -lt 60 ] || { tail -40 "$rabbitmq_dir/server.log" >&2; echo "rabbitmq-server did not start in time" >&2; return 1; }
        sleep 1
    done
    # The management listener comes up a moment after the node does.
    waited=0
    until python3 -c "import urllib.request as u,base64,sys; r=u.Request('http://127.0.0.1:$rabbitmq_management_port/api/overview', headers={'Authorization':'Basic '+base64.b64encode(b'guest:guest').decode()}); u.urlopen(r, timeout=2)" 2>/dev/null; do
        waited=$((waited + 1))
        [ "$waited" -lt 100 ] || { echo "the management API did not answer on port $rabbitmq_management_port" >&2; return 1; }
        sleep 0.2
    done
    RABBITMQ_AMQP_URL="amqp://127.0.0.1:$rabbitmq_amqp_port"
    RABBITMQ_MANAGEMENT_URL="http://127.0.0.1:$rabbitmq_management_port"
    export RABBITMQ_AMQP_URL RABBITMQ_MANAGEMENT_URL
    if [ -n "$tls_dir" ]; then
        RABBITMQ_AMQPS_URL="amqps://127.0.0.1:$rabbitmq_amqps_port"
        RABBITMQ_MANAGEMENT_HTTPS_URL="https://127.0.0.1:$rabbitmq_management_https_port"
        export RABBITMQ_AMQPS_URL RABBITMQ_MANAGEMENT_HTTPS_URL
    fi
}

# rabbitmqctl ARGS...: against this node.
rabbitmq_ctl() { rabbitmq_env "$rabbitmq_bin/rabbitmqctl" --node "$rabbitmq_node" "$@"; }

rabbitmq_stop() {
    [ -n "${rabbitmq_dir:-}" ] || return 0
    rabbitmq_ctl shutdown >/dev/null 2>&1 || kill "$rabbitmq_server_pid" 2>/dev/null || true
    wait "$rabbitmq_server_pid" 2>/dev/null || true
    # The node leaves its epmd behind; end that one, found by the port only it was started on.
    local epmd
    for epmd in $(pgrep -x epmd 2>/dev/null || true); do
        if tr '\0' '\n' <"/proc/$epmd/environ" 2>/dev/null | grep -qx "ERL_EPMD_PORT=$rabbitmq_epmd_port"; then
            kill "$epmd" 2>/dev/null || true
        fi
    done
    rm -rf "$rabbitmq_dir"
    rabbitmq_dir=""
}
