#ifndef SLUICE_CRABBITMQ_SHIM_H
#define SLUICE_CRABBITMQ_SHIM_H
// Every rabbitmq-c header reaches Swift through this one file (Debian: librabbitmq-dev 0.11), with the
// few helpers Swift cannot write itself: amqp_login is variadic, the method ids are cast macros, and
// replies are unions whose words are easier to read here.
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

static const amqp_method_number_t SLUICE_BASIC_GET_OK = AMQP_BASIC_GET_OK_METHOD;
static const amqp_method_number_t SLUICE_BASIC_GET_EMPTY = AMQP_BASIC_GET_EMPTY_METHOD;

/// Logs in with a user name and password (SASL PLAIN), no heartbeats: Sluice talks only when it acts.
static inline amqp_rpc_reply_t sluice_amqp_login(amqp_connection_state_t state, const char *vhost,
                                                 const char *user, const char *password) {
    return amqp_login(state, vhost, 0, AMQP_DEFAULT_FRAME_SIZE, 0, AMQP_SASL_METHOD_PLAIN, user, password);
}

/// Makes OpenSSL itself check that the server's certificate names IP address `ip` (an IP subjectAltName), during
/// the handshake: rabbitmq-c 0.11's own host check matches DNS names only, so it refuses every certificate for an
/// IP address. Call before amqp_socket_open (the context's parameters are copied into the connection then), with
/// rabbitmq-c's host check off. Answers 1 when set.
static inline int sluice_amqp_ssl_expect_ip(amqp_socket_t *socket, const char *ip) {
    SSL_CTX *context = (SSL_CTX *)amqp_ssl_socket_get_context(socket);
    if (context == NULL) return 0;
    return X509_VERIFY_PARAM_set1_ip_asc(SSL_CTX_get0_param(context), ip);
}

/// Whether the server closed the channel (a 404 or 406 on it): the connection lives on, the channel must be reopened.
static inline int sluice_amqp_is_channel_closed(amqp_rpc_reply_t reply) {
    return reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION && reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD;
}

/// Answers the server's channel.close, so the channel number can be opened again.
static inline void sluice_amqp_close_ok(amqp_connection_state_t state, amqp_channel_t channel) {
    amqp_channel_close_ok_t ok;
    memset(&ok, 0, sizeof ok);
    amqp_send_method(state, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
}

/// The words of a reply that was not normal, written into `buffer`.
static inline void sluice_amqp_reply_text(amqp_rpc_reply_t reply, char *buffer, size_t size) {
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        snprintf(buffer, size, "ok");
        break;
    case AMQP_RESPONSE_NONE:
        snprintf(buffer, size, "no reply from the server");
        break;
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        snprintf(buffer, size, "%s", amqp_error_string2(reply.library_error));
        break;
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
            amqp_connection_close_t *close = (amqp_connection_close_t *)reply.reply.decoded;
            snprintf(buffer, size, "the server closed the connection: %u %.*s", close->reply_code,
                     (int)close->reply_text.len, (const char *)close->reply_text.bytes);
        } else if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            amqp_channel_close_t *close = (amqp_channel_close_t *)reply.reply.decoded;
            snprintf(buffer, size, "the server refused: %u %.*s", close->reply_code,
                     (int)close->reply_text.len, (const char *)close->reply_text.bytes);
        } else {
            snprintf(buffer, size, "unexpected server method 0x%08X", reply.reply.id);
        }
        break;
    }
}

/// The broker's answer to one publish on a channel in confirm mode: 1 acknowledged, 0 refused (basic.nack),
/// -1 unroutable (returned; its ack is read too), -2 no answer in time, -3 the channel was closed (the words
/// in `buffer`), -4 the connection was closed.
static inline int sluice_amqp_wait_confirm(amqp_connection_state_t state, struct timeval *timeout, char *buffer, size_t size) {
    int returned = 0;
    for (;;) {
        amqp_frame_t frame;
        if (amqp_simple_wait_frame_noblock(state, &frame, timeout) != AMQP_STATUS_OK) return -2;
        if (frame.frame_type != AMQP_FRAME_METHOD) continue;
        switch (frame.payload.method.id) {
        case AMQP_BASIC_ACK_METHOD:
            return returned ? -1 : 1;
        case AMQP_BASIC_NACK_METHOD:
            return 0;
        case AMQP_BASIC_RETURN_METHOD: {
            amqp_message_t message;
            if (amqp_read_message(state, frame.channel, &message, 0).reply_type == AMQP_RESPONSE_NORMAL) {
                amqp_destroy_message(&message);
            }
            returned = 1;
            break;
        }
        case AMQP_CHANNEL_CLOSE_METHOD: {
            amqp_channel_close_t *close = (amqp_channel_close_t *)frame.payload.method.decoded;
            snprintf(buffer, size, "the server refused: %u %.*s", close->reply_code,
                     (int)close->reply_text.len, (const char *)close->reply_text.bytes);
            sluice_amqp_close_ok(state, frame.channel);
            return -3;
        }
        case AMQP_CONNECTION_CLOSE_METHOD:
            snprintf(buffer, size, "the server closed the connection");
            return -4;
        default:
            break;
        }
    }
}
#endif
