#!/usr/bin/env python3
"""A RabbitMQ workload for the end-to-end check, through pika (a real AMQP client, not Sluice's own):
exchange shop (topic) routes orders.# to quorum queue orders (delivery limit 3), whose dead letters go
through exchange shop.dlx (key orders.dead) to classic queue orders.dlq. It publishes MESSAGES orders,
rejects REJECTED of them (dead-lettered as `rejected`), then consumes with prefetch PREFETCH and never
acknowledges, so that many stay unacknowledged for as long as this process runs.
Prints "demo: ready R unacked U dead D" once set up, then holds its deliveries until killed.
    rabbitmq-demo.py AMQP_PORT VHOST [MESSAGES REJECTED PREFETCH]"""
import sys
import pika

port, vhost = int(sys.argv[1]), sys.argv[2]
messages, rejected, prefetch = (int(n) for n in (sys.argv[3:6] if len(sys.argv) >= 6 else (20, 4, 5)))
connection = pika.BlockingConnection(pika.ConnectionParameters(host="127.0.0.1", port=port, virtual_host=vhost))
channel = connection.channel()
channel.exchange_declare("shop", exchange_type="topic", durable=True)
channel.exchange_declare("shop.dlx", exchange_type="direct", durable=True)
channel.queue_declare("orders", durable=True, arguments={
    "x-queue-type": "quorum", "x-delivery-limit": 3,
    "x-dead-letter-exchange": "shop.dlx", "x-dead-letter-routing-key": "orders.dead"})
channel.queue_declare("orders.dlq", durable=True)
channel.queue_bind("orders", "shop", routing_key="orders.#")
channel.queue_bind("orders.dlq", "shop.dlx", routing_key="orders.dead")
channel.confirm_delivery()
for index in range(1, messages + 1):
    channel.basic_publish("shop", "orders.new", f'{{"order": {index}}}'.encode(),
                          pika.BasicProperties(message_id=f"order-{index}", delivery_mode=2))
for _ in range(rejected):
    method, _, _ = channel.basic_get("orders")
    channel.basic_reject(method.delivery_tag, requeue=False)
holder = connection.channel()
holder.basic_qos(prefetch_count=prefetch)
holder.basic_consume("orders", lambda *args: None, auto_ack=False)
print(f"demo: ready {messages - rejected - prefetch} unacked {prefetch} dead {rejected}", flush=True)
while True:
    connection.process_data_events(time_limit=1)
