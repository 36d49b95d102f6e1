/* Produces N keyed records of SIZE bytes into TOPIC as fast as librdkafka can, with acks=all.
 *
 *     kafka-c-producer BOOTSTRAP TOPIC N SIZE
 *
 * kafka-broker-compare builds it (--client c) to push a broker harder than Python's confluent-kafka
 * can: the Python loop, not the broker, limits that client. Keys cycle through 1000 values, as in the
 * Python producer, so both clients send the same records. Exits 1 if any record is not acknowledged.
 */
#define PROGRAM "kafka-c-producer"
#include "kafka-c-conf.h"
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long failed = 0;

static void on_delivery(rd_kafka_t *producer, const rd_kafka_message_t *message, void *opaque) {
    (void)producer;
    (void)opaque;
    if (message->err) failed++;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: kafka-c-producer BOOTSTRAP TOPIC N SIZE\n");
        return 2;
    }
    long count = atol(argv[3]);
    long size = atol(argv[4]);
    if (count <= 0 || size < 0) {
        fprintf(stderr, "kafka-c-producer: N must be positive and SIZE at least 0\n");
        return 2;
    }
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (!set(PROGRAM, conf, "bootstrap.servers", argv[1]) || !set(PROGRAM, conf, "acks", "all") || !set(PROGRAM, conf, "linger.ms", "5") ||
        !set(PROGRAM, conf, "batch.size", "1000000") || !set(PROGRAM, conf, "queue.buffering.max.messages", "1000000")) {
        return 2;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    char error[512];
    rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (!producer) {
        fprintf(stderr, "kafka-c-producer: %s\n", error);
        return 2;
    }
    char *value = malloc(size > 0 ? (size_t)size : 1);
    memset(value, 'x', size > 0 ? (size_t)size : 1);
    char key[16];
    for (long index = 0; index < count; index++) {
        int key_length = snprintf(key, sizeof key, "%ld", index % 1000);
        for (;;) {
            rd_kafka_resp_err_t err = rd_kafka_producev(
                producer, RD_KAFKA_V_TOPIC(argv[2]), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_KEY(key, (size_t)key_length), RD_KAFKA_V_VALUE(value, (size_t)size), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                fprintf(stderr, "kafka-c-producer: %s\n", rd_kafka_err2str(err));
                return 1;
            }
            rd_kafka_poll(producer, 10);
        }
        if (index % 10000 == 0) rd_kafka_poll(producer, 0);
    }
    rd_kafka_flush(producer, 120 * 1000);
    long unsent = rd_kafka_outq_len(producer);
    rd_kafka_destroy(producer);
    free(value);
    if (unsent || failed) {
        fprintf(stderr, "kafka-c-producer: %ld unsent, %ld failed\n", unsent, failed);
        return 1;
    }
    return 0;
}
