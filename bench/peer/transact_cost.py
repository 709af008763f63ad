#!/usr/bin/env python3
"""What a TransactWriteItems costs on moto, by item count, item size and how much the tables already hold.

Plain moto deep-copies every table for rollback on each TransactWriteItems, so its cost grows with everything stored, not
with what the transaction writes. This starts its own moto (so nothing else is stored), fills a table to each size,
and times, interleaved round by round: PutItem of one item, and TransactWriteItems of 1..4 items, small (~200 B) and
large (~4 KB). Prints one line per case: "case<TAB>held<TAB>p50 ms<TAB>p99 ms".

Usage: transact_cost.py [ROUNDS] [--plain]
It runs moto through emulator/moto_server.py, as the bench does (no table copies: see emulator/README.md); --plain runs
moto_server as installed, to show what its copies cost.
"""
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

import boto3
from botocore.config import Config


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    arguments = [a for a in sys.argv[1:] if a != "--plain"]
    rounds = int(arguments[0]) if arguments else 40
    port = free_port()
    emulator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator", "moto_server.py")
    command = ["moto_server"] if "--plain" in sys.argv else [sys.executable, emulator]
    moto = subprocess.Popen(command + ["-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        dynamo = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=Config(retries={"max_attempts": 1}))
        for name in ("held", "state", "log"):
            dynamo.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
        held = 0
        counter = [0]

        def item(size):
            counter[0] += 1
            return {"k": {"S": f"i{counter[0]}"}, "v": {"N": "1"}, "pad": {"S": "x" * size}}

        def put(size):
            dynamo.put_item(TableName="state", Item=item(size), ConditionExpression="attribute_not_exists(k)")

        def transact(n, size):
            tables = ["state", "log", "log", "log"]
            dynamo.transact_write_items(TransactItems=[
                {"Put": {"TableName": tables[i], "Item": item(size), "ConditionExpression": "attribute_not_exists(k)"}}
                for i in range(n)])

        cases = [("PutItem x1 small", lambda: put(200))]
        cases += [(f"Transact x{n} small", (lambda n=n: transact(n, 200))) for n in (1, 2, 3, 4)]
        cases += [(f"Transact x{n} 4KB", (lambda n=n: transact(n, 4000))) for n in (2, 3)]
        for target in (0, 1000, 5000):
            while held < target:
                batch = [{"PutRequest": {"Item": {"k": {"S": f"h{held + j}"}, "pad": {"S": "y" * 400}}}} for j in range(25)]
                dynamo.batch_write_item(RequestItems={"held": batch})
                held += 25
            times = {name: [] for name, _ in cases}
            for r in range(rounds + 3):
                for name, call in cases:
                    start = time.perf_counter()
                    call()
                    if r >= 3:
                        times[name].append((time.perf_counter() - start) * 1000)
            for name, _ in cases:
                sample = sorted(times[name])
                p99 = sample[min(len(sample) - 1, int(0.99 * len(sample)))]
                print(f"{name}\t{held}\t{statistics.median(sample):.1f}\t{p99:.1f}", flush=True)
    finally:
        moto.terminate()
        moto.wait(timeout=10)


if __name__ == "__main__":
    main()
