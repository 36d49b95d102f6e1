# Throwaway TLS material for the end-to-end checks, made by the openssl CLI in folder $1: a CA (ca.pem),
# another CA that signed nothing (other-ca.pem), and a certificate for 127.0.0.1 the first CA signed
# (server.pem, server.key). Source this file, then call make_tls_certificates DIR.
make_tls_certificates() {
    local dir="$1"
    for name in ca other-ca; do
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "/CN=sluice e2e $name" \
            -keyout "$dir/$name.key" -out "$dir/$name.pem" 2>/dev/null
    done
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 1 \
        -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null
}
