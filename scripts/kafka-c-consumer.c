/* Reads N records from TOPIC in consumer group GROUP as fast as librdkafka can, then exits.
 *
 *     kafka-c-consumer BOOTSTRAP TOPIC GROUP N BACKOFF_MS
 *
 * kafka-broker-compare builds it (--consumer c) so that the consume phase, like the produce phase, is
 * limited by the broker rather than by Python's loop. It starts from the earliest offset, commits
 * automatically, sets fetch.queue.backoff.ms to BACKOFF_MS (see kafka-broker-compare) and prints, on one
 * line, the seconds from its first record to the end of the batch that held its last. Exits 1 if it sees
 * an error or N records do not come within 300 s.
 */
#define PROGRAM "kafka-c-consumer"
#include "kafka-c-conf.h"
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: kafka-c-consumer BOOTSTRAP TOPIC GROUP N BACKOFF_MS\n");
        return 2;
    }
    long count = atol(argv[4]);
    if (count <= 0) {
        fprintf(stderr, "kafka-c-consumer: N must be positive\n");
        return 2;
    }
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if (!set(PROGRAM, conf, "bootstrap.servers", argv[1]) || !set(PROGRAM, conf, "group.id", argv[3]) ||
        !set(PROGRAM, conf, "auto.offset.reset", "earliest") || !set(PROGRAM, conf, "enable.auto.commit", "true") ||
        !set(PROGRAM, conf, "session.timeout.ms", "6000") || !set(PROGRAM, conf, "fetch.max.bytes", "52428800") ||
        !set(PROGRAM, conf, "fetch.queue.backoff.ms", argv[5])) {
        return 2;
    }
    char error[512];
    rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    if (!consumer) {
        fprintf(stderr, "kafka-c-consumer: %s\n", error);
        return 2;
    }
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, argv[2], RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (err) {
        fprintf(stderr, "kafka-c-consumer: subscribe: %s\n", rd_kafka_err2str(err));
        return 1;
    }
    /* Messages come off the consumer's queue a batch at a time: polling one by one holds the queue's lock per
     * message, and that, not the broker, was the limit (about 1.4 M/s against either broker). */
    rd_kafka_queue_t *queue = rd_kafka_queue_get_consumer(consumer);
    static rd_kafka_message_t *batch[10000];
    long received = 0;
    int failed = 0;
    double first = 0, last = 0, deadline = now_seconds() + 300;
    while (received < count && !failed && now_seconds() < deadline) {
        ssize_t taken = rd_kafka_consume_batch_queue(queue, 1000, batch, sizeof batch / sizeof batch[0]);
        if (taken < 0) {
            fprintf(stderr, "kafka-c-consumer: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
            failed = 1;
            break;
        }
        for (ssize_t index = 0; index < taken; index++) {
            rd_kafka_message_t *message = batch[index];
            if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                if (received == 0) first = now_seconds();
                received++;
            } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                fprintf(stderr, "kafka-c-consumer: %s\n", rd_kafka_message_errstr(message));
                failed = 1;
            }
            rd_kafka_message_destroy(message);
        }
        if (taken > 0) last = now_seconds();
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    if (failed || received < count) {
        fprintf(stderr, "kafka-c-consumer: received %ld of %ld records\n", received, count);
        return 1;
    }
    printf("%.6f\n", last - first);
    return 0;
}
