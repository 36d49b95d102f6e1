/* What the C clients of kafka-broker-compare share: setting one librdkafka property, or saying why not. */
#ifndef KAFKA_C_CONF_H
#define KAFKA_C_CONF_H

#include <librdkafka/rdkafka.h>
#include <stdio.h>

/* Sets NAME=VALUE; on failure prints PROGRAM: NAME=VALUE: the reason, and returns 0. */
static int set(const char *program, rd_kafka_conf_t *conf, const char *name, const char *value) {
    char error[512];
    if (rd_kafka_conf_set(conf, name, value, error, sizeof error) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "%s: %s=%s: %s\n", program, name, value, error);
        return 0;
    }
    return 1;
}

#endif
