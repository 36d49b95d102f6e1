#!/usr/bin/env python3
"""Consumers for the per-consumer in-flight test, through pika (a real AMQP client, not Sluice's own): declares
classic queue QUEUE afresh, publishes MESSAGES to it, then holds deliveries unacknowledged on two channels of one
connection: consumer TAG.alone alone on one channel with prefetch 2, and consumers TAG.pair-1 and TAG.pair-2 together
on another with prefetch 3 each. Prints "held" once consuming, then keeps the deliveries until killed.
    rabbitmq-shared-channel.py AMQP_PORT QUEUE [MESSAGES]"""
import sys
import pika

port, queue = int(sys.argv[1]), sys.argv[2]
messages = int(sys.argv[3]) if len(sys.argv) > 3 else 20
connection = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port))
setup = connection.channel()
setup.queue_delete(queue)
setup.queue_declare(queue, durable=True)
setup.confirm_delivery()
for index in range(1, messages + 1):
    setup.basic_publish("", queue, f"m{index}".encode())
alone = connection.channel()
alone.basic_qos(prefetch_count=2)
alone.basic_consume(queue, lambda *args: None, consumer_tag=f"{queue}.alone")
pair = connection.channel()
pair.basic_qos(prefetch_count=3)
pair.basic_consume(queue, lambda *args: None, consumer_tag=f"{queue}.pair-1")
pair.basic_consume(queue, lambda *args: None, consumer_tag=f"{queue}.pair-2")
print("held", flush=True)
while True:
    connection.process_data_events(time_limit=1)
